package dev.skillgap.api;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The read API's answers, computed from the in-memory snapshot only (no database access on the
 * request path). Called from routes/api.camel.yaml; each method returns the response record to send
 * (route api-reply writes it) or throws {@link ApiException} (route configuration api-errors).
 */
@Component("skillGapApi")
public class SkillGapApi {

    static final String MISSING_PARAMETER = "Error: Missing 'from' or 'to' occupation code parameter.";
    static final String MALFORMED_QUERY = "Error: The query string is not valid URL encoding.";
    static final String NOT_LOADED = "Error: The skill data is not available yet. Retry in a few seconds.";
    static final int MAX_QUERY_LENGTH = 100;
    private static final int MAX_PAGE = 100_000;

    private final ApiSnapshots snapshots;
    private final ApiProperties properties;

    public SkillGapApi(ApiSnapshots snapshots, ApiProperties properties) {
        this.snapshots = snapshots;
        this.properties = properties;
    }

    /** GET /skill-gap?from=&to= (PRD FR4.1-FR4.4). */
    public ApiResponse<SkillGapResult> skillGap(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParameters query = parse(rawQuery);
        String from = query.get("from");
        String to = query.get("to");
        if (OccupationCodes.isMissing(from) || OccupationCodes.isMissing(to)) {
            throw ApiException.badRequest(MISSING_PARAMETER);
        }
        requireSingle(query, "from", "to");
        requireWellFormed(from);
        requireWellFormed(to);
        Snapshot snapshot = current(); // read once: the whole answer comes from one snapshot
        OccupationProfile source = occupation(snapshot, from);
        OccupationProfile target = occupation(snapshot, to);
        requireSkillData(source, snapshot.release());
        requireSkillData(target, snapshot.release());
        return SkillGapResult.of(SkillGapCalculator.analyse(snapshot.skills(), source, target), snapshot.release());
    }

    /** GET /occupations?q=&page=&page_size= : title (or code prefix) search, paged, ordered by title. */
    public ApiResponse<OccupationSearchResult> searchOccupations(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParameters query = parse(rawQuery);
        requireSingle(query, "q", "page", "page_size");
        String text = query.get("q") == null ? "" : query.get("q").strip();
        if (text.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest("Error: The search text 'q' is longer than " + MAX_QUERY_LENGTH + " characters.");
        }
        Integer pageNumber = intParameter(query.get("page"), 1, MAX_PAGE, 1);
        if (pageNumber == null) {
            throw ApiException.badRequest("Error: Invalid 'page' parameter. Expected a whole number from 1 to " + MAX_PAGE + ".");
        }
        int max = properties.maxPageSize();
        Integer size = intParameter(query.get("page_size"), 1, max, properties.defaultPageSize());
        if (size == null) {
            throw ApiException.badRequest("Error: Invalid 'page_size' parameter. Expected a whole number from 1 to " + max + ".");
        }
        Snapshot snapshot = current();
        return OccupationSearchResult.of(text, pageNumber, size, snapshot.search(text), snapshot.release());
    }

    /**
     * GET /occupations/{code}: title, description and the LV and IM ratings of one occupation. The
     * REST binding sets the code header from the path, over any request header of that name.
     */
    public ApiResponse<OccupationResult> occupation(@Header("code") String code) {
        if (OccupationCodes.isMissing(code)) {
            throw ApiException.badRequest("Error: Missing occupation code.");
        }
        requireWellFormed(code);
        Snapshot snapshot = current();
        return OccupationResult.of(occupation(snapshot, code), snapshot.skills(), snapshot.release());
    }

    /** GET /release: which O*NET release and data version this instance serves. */
    public ApiResponse<ReleaseResult> release() {
        return ReleaseResult.of(current());
    }

    /** The snapshot to answer from; 503 while none could be loaded yet. */
    private Snapshot current() {
        Snapshot snapshot = snapshots.current();
        if (snapshot == null) {
            throw new ApiException(503, NOT_LOADED);
        }
        return snapshot;
    }

    private static OccupationProfile occupation(Snapshot snapshot, String code) {
        OccupationProfile occupation = snapshot.occupation(code);
        if (occupation == null) {
            throw ApiException.occupationNotFound(code);
        }
        return occupation;
    }

    private static QueryParameters parse(String rawQuery) {
        try {
            return QueryParameters.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(MALFORMED_QUERY);
        }
    }

    private static void requireSingle(QueryParameters query, String... names) {
        for (String name : names) {
            if (query.isRepeated(name)) {
                throw ApiException.badRequest("Error: The '" + name + "' parameter is given more than once.");
            }
        }
    }

    private static void requireWellFormed(String code) {
        if (!OccupationCodes.isWellFormed(code)) {
            throw ApiException.badRequest("Error: Invalid occupation code '" + OccupationCodes.echo(code)
                    + "'. Expected the O*NET-SOC format NN-NNNN.NN, for example 15-1252.00.");
        }
    }

    /**
     * O*NET rates no skills for some occupations (15-1252.00 in 29.x). Any gap list would mislead:
     * "everything from 0" for a source, "nothing to learn" for a target. So: 422, saying why.
     */
    private static void requireSkillData(OccupationProfile occupation, ReleaseInfo release) {
        if (occupation.hasSkillData()) {
            return;
        }
        String version = release.onetVersion() == null ? "" : " " + release.onetVersion();
        throw new ApiException(422, "Error: Occupation code " + occupation.code() + " has no skill ratings in O*NET"
                + version + ", so no skill gap can be computed.");
    }

    /** The parameter as an int in [min, max], the default when absent, null when invalid. */
    private static Integer intParameter(String value, int min, int max, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        String text = value.strip();
        if (text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int number = Integer.parseInt(text);
        return number < min || number > max ? null : number;
    }
}
