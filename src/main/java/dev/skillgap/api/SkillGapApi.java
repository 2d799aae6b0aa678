package dev.skillgap.api;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The read API's answers, computed from the in-memory snapshot only (no database access on the
 * request path). Called from routes/api.camel.yaml; each method returns the reply to send.
 */
@Component("skillGapApi")
public class SkillGapApi {

    static final String MISSING_PARAMETER = "Error: Missing 'from' or 'to' occupation code parameter.";
    static final String INTERNAL_ERROR = "An internal server error occurred.";
    static final String MALFORMED_QUERY = "Error: The query string is not valid URL encoding.";
    static final String NOT_LOADED = "Error: The skill data is not available yet. Retry in a few seconds.";
    static final int MAX_QUERY_LENGTH = 100;
    private static final int MAX_PAGE = 100_000;

    private static final Logger log = LoggerFactory.getLogger(SkillGapApi.class);

    private final ApiSnapshots snapshots;
    private final ApiProperties properties;

    public SkillGapApi(ApiSnapshots snapshots, ApiProperties properties) {
        this.snapshots = snapshots;
        this.properties = properties;
    }

    /** GET /skill-gap?from=&to= (PRD FR4.1-FR4.4). */
    public ApiReply skillGap(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParameters query;
        try {
            query = QueryParameters.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            return ApiJson.error(400, MALFORMED_QUERY);
        }
        String from = query.get("from");
        String to = query.get("to");
        if (OccupationCodes.isMissing(from) || OccupationCodes.isMissing(to)) {
            return ApiJson.error(400, MISSING_PARAMETER);
        }
        ApiReply repeated = repeated(query, "from", "to");
        if (repeated != null) {
            return repeated;
        }
        ApiReply invalid = invalidCode(from);
        if (invalid == null) {
            invalid = invalidCode(to);
        }
        if (invalid != null) {
            return invalid;
        }
        Snapshot snapshot = snapshots.current(); // read once: the whole answer comes from one snapshot
        if (snapshot == null) {
            return ApiJson.error(503, NOT_LOADED);
        }
        OccupationProfile source = snapshot.occupation(from);
        if (source == null) {
            return notFound(from);
        }
        OccupationProfile target = snapshot.occupation(to);
        if (target == null) {
            return notFound(to);
        }
        ApiReply unrated = withoutSkillData(source, snapshot.release());
        if (unrated == null) {
            unrated = withoutSkillData(target, snapshot.release());
        }
        if (unrated != null) {
            return unrated;
        }
        return ApiJson.skillGap(SkillGapCalculator.analyse(snapshot.skills(), source, target), snapshot.release());
    }

    /** GET /occupations?q=&page=&page_size= : title (or code prefix) search, paged, ordered by title. */
    public ApiReply searchOccupations(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParameters query;
        try {
            query = QueryParameters.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            return ApiJson.error(400, MALFORMED_QUERY);
        }
        ApiReply repeated = repeated(query, "q", "page", "page_size");
        if (repeated != null) {
            return repeated;
        }
        String text = query.get("q") == null ? "" : query.get("q").strip();
        String page = query.get("page");
        String pageSize = query.get("page_size");
        if (text.length() > MAX_QUERY_LENGTH) {
            return ApiJson.error(400, "Error: The search text 'q' is longer than " + MAX_QUERY_LENGTH + " characters.");
        }
        Integer pageNumber = intParameter(page, 1, MAX_PAGE, 1);
        if (pageNumber == null) {
            return ApiJson.error(400, "Error: Invalid 'page' parameter. Expected a whole number from 1 to " + MAX_PAGE + ".");
        }
        int max = properties.maxPageSize();
        Integer size = intParameter(pageSize, 1, max, properties.defaultPageSize());
        if (size == null) {
            return ApiJson.error(400, "Error: Invalid 'page_size' parameter. Expected a whole number from 1 to " + max + ".");
        }
        Snapshot snapshot = snapshots.current();
        if (snapshot == null) {
            return ApiJson.error(503, NOT_LOADED);
        }
        List<OccupationProfile> matches = snapshot.search(text);
        return ApiJson.occupationSearch(text, pageNumber, size, matches, snapshot.release());
    }

    /**
     * GET /occupations/{code}: title, description and the LV and IM ratings of one occupation. The
     * REST binding sets the code header from the path, over any request header of that name.
     */
    public ApiReply occupation(@Header("code") String code) {
        if (OccupationCodes.isMissing(code)) {
            return ApiJson.error(400, "Error: Missing occupation code.");
        }
        ApiReply invalid = invalidCode(code);
        if (invalid != null) {
            return invalid;
        }
        Snapshot snapshot = snapshots.current();
        if (snapshot == null) {
            return ApiJson.error(503, NOT_LOADED);
        }
        OccupationProfile occupation = snapshot.occupation(code);
        if (occupation == null) {
            return notFound(code);
        }
        return ApiJson.occupation(occupation, snapshot.skills(), snapshot.release());
    }

    /** GET /release: which O*NET release and data version this instance serves. */
    public ApiReply release() {
        Snapshot snapshot = snapshots.current();
        return snapshot == null ? ApiJson.error(503, NOT_LOADED) : ApiJson.release(snapshot);
    }

    /** Any unexpected failure: one log line for us, the PRD's 500 body (no details) for the client. */
    public ApiReply internalError(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.error("API request {} {} failed: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                exchange.getMessage().getHeader(Exchange.HTTP_PATH), cause == null ? "unknown" : cause.toString());
        return ApiJson.error(500, INTERNAL_ERROR);
    }

    private static ApiReply repeated(QueryParameters query, String... names) {
        for (String name : names) {
            if (query.isRepeated(name)) {
                return ApiJson.error(400, "Error: The '" + name + "' parameter is given more than once.");
            }
        }
        return null;
    }

    private static ApiReply invalidCode(String code) {
        if (OccupationCodes.isWellFormed(code)) {
            return null;
        }
        return ApiJson.error(400, "Error: Invalid occupation code '" + OccupationCodes.echo(code)
                + "'. Expected the O*NET-SOC format NN-NNNN.NN, for example 15-1252.00.");
    }

    /**
     * O*NET rates no skills for some occupations (15-1252.00 in 29.x). Any gap list would mislead:
     * "everything from 0" for a source, "nothing to learn" for a target. So: 422, saying why.
     */
    private static ApiReply withoutSkillData(OccupationProfile occupation, ReleaseInfo release) {
        if (occupation.hasSkillData()) {
            return null;
        }
        String version = release.onetVersion() == null ? "" : " " + release.onetVersion();
        return ApiJson.error(422, "Error: Occupation code " + occupation.code() + " has no skill ratings in O*NET"
                + version + ", so no skill gap can be computed.");
    }

    private static ApiReply notFound(String code) {
        return ApiJson.error(404, "Error: Occupation code " + code + " not found.");
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
