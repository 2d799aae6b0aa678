package dev.skillgap.api;

import java.util.ArrayList;
import java.util.List;

/** result of GET /occupations: one page of the matches, ordered by title. */
public record OccupationSearchResult(String query, int page, int pageSize, int total, List<Occupation> occupations,
                                     String onetVersion, long dataVersion, String ranking) {

    /** ranking: titles containing the text or codes starting with it, ordered by title (no text embeddings). */
    static final String BY_TITLE = "title";
    /** ranking: exact title, code prefix, title substring, then text-embedding similarity to the query. */
    static final String BY_RELEVANCE = "relevance";

    /** One match. */
    public record Occupation(String code, String title, boolean hasSkillData) {
    }

    static ApiResponse<OccupationSearchResult> of(String query, int page, int pageSize,
                                                  List<OccupationProfile> matches, ReleaseInfo release) {
        return of(query, page, pageSize, matches, release, BY_TITLE);
    }

    static ApiResponse<OccupationSearchResult> of(String query, int page, int pageSize,
                                                  List<OccupationProfile> matches, ReleaseInfo release, String ranking) {
        int first = Math.min((page - 1) * pageSize, matches.size());
        int last = Math.min(first + pageSize, matches.size());
        List<Occupation> occupations = new ArrayList<>(last - first);
        for (OccupationProfile occupation : matches.subList(first, last)) {
            occupations.add(new Occupation(occupation.code(), occupation.title(), occupation.hasSkillData()));
        }
        String message = "Found " + matches.size() + (matches.size() == 1 ? " occupation" : " occupations")
                + (query.isEmpty() ? "." : " matching '" + query + "'.");
        return ApiResponse.ok(message, new OccupationSearchResult(query, page, pageSize, matches.size(), occupations,
                release.onetVersion(), release.dataVersion(), ranking), release.dataVersion());
    }
}
