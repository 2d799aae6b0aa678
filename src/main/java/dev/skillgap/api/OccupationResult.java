package dev.skillgap.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** result of GET /occupations/{code}: the occupation and every skill it has an LV or IM rating for. */
public record OccupationResult(String code, String title, String description, boolean hasSkillData,
                               List<SkillRating> skills, String onetVersion, long dataVersion) {

    /** One skill's ratings; numbers have two decimals, null where O*NET has no rating. */
    public record SkillRating(String elementId, String elementName, BigDecimal lvDataValue,
                              BigDecimal lvOnetDataValue, String lvValueSource, BigDecimal imDataValue) {
    }

    static ApiResponse<OccupationResult> of(OccupationProfile occupation, List<Skill> skills, ReleaseInfo release) {
        List<SkillRating> ratings = new ArrayList<>();
        for (Skill skill : skills) {
            int index = skill.index();
            if (!occupation.hasLevel(index) && !occupation.hasImportance(index)) {
                continue;
            }
            ratings.add(new SkillRating(skill.elementId(), skill.elementName(),
                    Hundredths.orNull(occupation.levelServed(index)), Hundredths.orNull(occupation.levelOnet(index)),
                    occupation.levelSource(index), Hundredths.orNull(occupation.importance(index))));
        }
        String message = "Occupation " + occupation.code() + " '" + occupation.title() + "'.";
        return ApiResponse.ok(message, new OccupationResult(occupation.code(), occupation.title(),
                occupation.description(), occupation.hasSkillData(), ratings, release.onetVersion(),
                release.dataVersion()), release.dataVersion());
    }
}
