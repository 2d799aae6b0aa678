package dev.skillgap.api;

import dev.skillgap.moves.CareerMoves;
import dev.skillgap.moves.MovesProperties;
import dev.skillgap.moves.TextEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The read API's answers, computed from the in-memory snapshot only (no database access on the
 * request path). Called from routes/api.camel.yaml; each method returns the response record to send
 * (ApiReplyWriter writes it, the last step of each route) or throws {@link ApiException} (route configuration api-errors).
 */
@Component("skillGapApi")
public class SkillGapApi {

    static final String MISSING_PARAMETER = "Error: Missing 'from' or 'to' occupation code parameter.";
    static final String MALFORMED_QUERY = "Error: The query string is not valid URL encoding.";
    static final String NOT_LOADED = "Error: The skill data is not available yet. Retry in a few seconds.";
    static final int MAX_QUERY_LENGTH = 100;
    private static final int MAX_PAGE = 100_000;
    /** A search text made of code characters only is matched as a code prefix, never embedded. */
    private static final Pattern CODE_LIKE = Pattern.compile("[0-9.\\-]+");
    /** Cosine of MiniLM embeddings from which an occupation counts as a hit of a free-text search. */
    static final double MIN_SEARCH_SIMILARITY = 0.3;

    private final ApiSnapshots snapshots;
    private final ApiProperties properties;
    private final TextEmbedder embedder;
    private final MovesProperties moves;

    public SkillGapApi(ApiSnapshots snapshots, ApiProperties properties, TextEmbedder embedder, MovesProperties moves) {
        this.snapshots = snapshots;
        this.properties = properties;
        this.embedder = embedder;
        this.moves = moves;
    }

    /** GET /skill-gap?from=&to= (PRD FR4.1-FR4.4). */
    public ApiResponse<SkillGapResult> skillGap(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParameters query = parse(rawQuery);
        String from = query.get("from");
        String to = query.get("to");
        if (OccupationCodes.isMissing(from) || OccupationCodes.isMissing(to)) {
            throw ApiException.badRequest(MISSING_PARAMETER);
        }
        requireSingle(query, "from", "to", "include");
        boolean withAnchors = includesAnchors(query);
        requireWellFormed(from);
        requireWellFormed(to);
        Snapshot snapshot = current(); // read once: the whole answer comes from one snapshot
        OccupationProfile source = occupation(snapshot, from);
        OccupationProfile target = occupation(snapshot, to);
        requireSkillData(source, snapshot.release());
        requireSkillData(target, snapshot.release());
        return SkillGapResult.of(SkillGapCalculator.analyse(snapshot.skills(), source, target), snapshot.release(),
                withAnchors ? snapshot : null);
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
        if (text.isEmpty() || CODE_LIKE.matcher(text).matches() || !moves.embeddings() || !snapshot.hasTextEmbeddings()) {
            return OccupationSearchResult.of(text, pageNumber, size, snapshot.search(text), snapshot.release(),
                    OccupationSearchResult.BY_TITLE);
        }
        List<OccupationProfile> ranked = snapshot.searchByRelevance(text, embedder.embedQuery(text), MIN_SEARCH_SIMILARITY);
        return OccupationSearchResult.of(text, pageNumber, size, ranked, snapshot.release(), OccupationSearchResult.BY_RELEVANCE);
    }

    /**
     * GET /occupations/{code}/moves?limit=&min_job_zone=&max_job_zone=: the most similar rated occupations, from the
     * ranking precomputed with the snapshot; the request only walks it and computes each listed move's gaps.
     */
    public ApiResponse<MovesResult> moves(@Header("code") String code, @Header(Exchange.HTTP_QUERY) String rawQuery) {
        if (OccupationCodes.isMissing(code)) {
            throw ApiException.badRequest("Error: Missing occupation code.");
        }
        requireWellFormed(code);
        QueryParameters query = parse(rawQuery);
        requireSingle(query, "limit", "min_job_zone", "max_job_zone");
        Integer limit = intParameter(query.get("limit"), 1, moves.maxLimit(), moves.defaultLimit());
        if (limit == null) {
            throw ApiException.badRequest("Error: Invalid 'limit' parameter. Expected a whole number from 1 to "
                    + moves.maxLimit() + ".");
        }
        Integer minZone = intParameter(query.get("min_job_zone"), 1, 5, 1);
        Integer maxZone = intParameter(query.get("max_job_zone"), 1, 5, 5);
        if (minZone == null || maxZone == null || minZone > maxZone) {
            throw ApiException.badRequest("Error: Invalid 'min_job_zone' or 'max_job_zone' parameter. Expected whole"
                    + " numbers from 1 to 5, min_job_zone not above max_job_zone.");
        }
        boolean filtered = minZone > 1 || maxZone < 5;
        Snapshot snapshot = current();
        OccupationProfile source = occupation(snapshot, code);
        if (!source.hasSkillData()) {
            String version = snapshot.release().onetVersion() == null ? "" : " " + snapshot.release().onetVersion();
            throw new ApiException(422, "Error: Occupation code " + source.code() + " has no skill ratings in O*NET"
                    + version + ", so no career moves can be ranked.");
        }
        CareerMoves ranking = snapshot.moves();
        int from = ranking.indexOf(code);
        List<MovesResult.Move> found = new ArrayList<>(limit);
        for (int target : ranking.ranked(from)) {
            if (found.size() == limit) {
                break;
            }
            String targetCode = ranking.code(target);
            Integer zone = snapshot.jobZone(targetCode);
            if (filtered && (zone == null || zone < minZone || zone > maxZone)) {
                continue;
            }
            found.add(MovesResult.move(snapshot, source, snapshot.occupation(targetCode), ranking.score(from, target)));
        }
        List<String> signals = ranking.signals().stream().map(CareerMoves.Signal::json).toList();
        return MovesResult.of(source, snapshot.jobZone(code), signals, found, snapshot.release());
    }

    /**
     * GET /occupations/{code}?include=anchors: title, description and the LV and IM ratings of one occupation.
     * The REST binding sets the code header from the path, over any request header of that name.
     */
    public ApiResponse<OccupationResult> occupation(@Header("code") String code,
                                                    @Header(Exchange.HTTP_QUERY) String rawQuery) {
        if (OccupationCodes.isMissing(code)) {
            throw ApiException.badRequest("Error: Missing occupation code.");
        }
        requireWellFormed(code);
        QueryParameters query = parse(rawQuery);
        requireSingle(query, "include");
        boolean withAnchors = includesAnchors(query);
        Snapshot snapshot = current();
        return OccupationResult.of(occupation(snapshot, code), snapshot.skills(), snapshot.release(),
                withAnchors ? snapshot : null);
    }

    /** include=anchors adds each skill's level anchors; absent or empty adds nothing; anything else is a 400. */
    private static boolean includesAnchors(QueryParameters query) {
        String include = query.get("include");
        if (include == null || include.isBlank()) {
            return false;
        }
        if (!include.strip().equals("anchors")) {
            throw ApiException.badRequest("Error: Invalid 'include' parameter. Expected include=anchors.");
        }
        return true;
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
