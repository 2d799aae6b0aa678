package dev.skillgap.api;

import java.util.ArrayList;
import java.util.List;

/** result of GET /occupations: one page of the matches, ordered by title. */
public record OccupationSearchResult(String query, int page, int pageSize, int total, List<Occupation> occupations,
                                     String onetVersion, long dataVersion) {

    /** One match. */
    public record Occupation(String code, String title, boolean hasSkillData) {
    }

    static ApiResponse<OccupationSearchResult> of(String query, int page, int pageSize,
                                                  List<OccupationProfile> matches, ReleaseInfo release) {
        int first = Math.min((page - 1) * pageSize, matches.size());
        int last = Math.min(first + pageSize, matches.size());
        List<Occupation> occupations = new ArrayList<>(last - first);
        for (OccupationProfile occupation : matches.subList(first, last)) {
            occupations.add(new Occupation(occupation.code(), occupation.title(), occupation.hasSkillData()));
        }
        String message = "Found " + matches.size() + (matches.size() == 1 ? " occupation" : " occupations")
                + (query.isEmpty() ? "." : " matching '" + query + "'.");
        return ApiResponse.ok(message, new OccupationSearchResult(query, page, pageSize, matches.size(), occupations,
                release.onetVersion(), release.dataVersion()), release.dataVersion());
    }
}
