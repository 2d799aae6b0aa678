package dev.skillgap.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** result of GET /skill-gap (PRD FR4.3), fields in the order of the body. */
public record SkillGapResult(String fromOccupationTitle, String toOccupationTitle, List<Item> skillGaps,
                             String fromOccupationCode, String toOccupationCode, String valueBasis,
                             String onetVersion, long dataVersion) {

    /**
     * One skill_gaps item; numbers have two decimals, null where O*NET has no rating. anchors only with
     * ?include=anchors (absent otherwise, so the default body is the PRD's).
     */
    public record Item(String elementId, String elementName, String scaleId, BigDecimal fromDataValue,
                       BigDecimal toDataValue, BigDecimal difference, BigDecimal toImportance,
                       String fromValueSource, String toValueSource,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<LevelAnchor> anchors) {

        static Item of(SkillGap gap, List<LevelAnchor> anchors) {
            return new Item(gap.skill().elementId(), gap.skill().elementName(), "LV",
                    Hundredths.orNull(gap.fromLevel()), Hundredths.orNull(gap.toLevel()),
                    Hundredths.orNull(gap.difference()), Hundredths.orNull(gap.toImportance()),
                    gap.fromSource(), gap.toSource(), anchors);
        }
    }

    static ApiResponse<SkillGapResult> of(SkillGapAnalysis analysis, ReleaseInfo release) {
        return of(analysis, release, null);
    }

    /** With the level anchors of each gap skill from this snapshot, or without when it is null. */
    static ApiResponse<SkillGapResult> of(SkillGapAnalysis analysis, ReleaseInfo release, Snapshot anchors) {
        OccupationProfile from = analysis.from();
        OccupationProfile to = analysis.to();
        List<Item> items = new ArrayList<>(analysis.gaps().size());
        for (SkillGap gap : analysis.gaps()) {
            items.add(Item.of(gap, anchors == null ? null : anchors.anchors(gap.skill().elementId())));
        }
        String message = "Successfully identified skill gap from '" + from.title() + "' to '" + to.title()
                + "' based on 'LV' scale.";
        return ApiResponse.ok(message, new SkillGapResult(from.title(), to.title(), items, from.code(), to.code(),
                analysis.basis().json(), release.onetVersion(), release.dataVersion()), release.dataVersion());
    }
}
