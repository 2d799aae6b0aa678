package dev.skillgap.enrich;

/**
 * The strings that tie the enrich routes (routes/enrich.camel.yaml) to the Java code and to other areas, defined
 * once. The YAML spells them out too (a route file cannot import a constant); {@code EnrichRoutesTest} checks
 * that both agree.
 */
public final class EnrichRoutes {

    /**
     * Scores one batch: IN body a {@link ScoringBatch}, OUT body the same batch with {@link ScoringBatch#scores()}
     * filled as far as the LLM answered (re-asks, truncation splits and retries included). Stores nothing: the
     * pass stores each batch in a separate step after it, and other callers (the backtest) need not store at all.
     */
    public static final String SCORE_BATCH = "direct:enrich-score-batch";

    /** Queues a scoring pass (one at a time; a queued trigger waits, further ones are dropped). */
    public static final String PASS = "seda:enrich-pass";

    /** Route id of the pass, the route whose inflight exchanges say that a pass is running. */
    public static final String PASS_ROUTE_ID = "enrich-pass";

    /** Exchange property that holds the {@link ScoringBatch} while enrich-score-batch works on it. */
    public static final String BATCH_PROPERTY = "SkillGapScoringBatch";

    /** Camel thread pool profile of the threads that score and store batches in parallel (the split). */
    public static final String POOL = "enrichPool";

    /** The LLM call: the load balancer over the servers (route built by {@link EnrichServerRoutes}). */
    public static final String CALL_LLM = "direct:enrich-call-llm";

    /** Route id of the LLM call's load balancer. */
    public static final String CALL_LLM_ROUTE_ID = "enrich-call-llm";

    /** Route template of one LLM server's route (routes/enrich.camel.yaml), made once per configured server. */
    public static final String SERVER_TEMPLATE = "enrich-llm-server";

    /** Route id of a server's route: this plus the server's number (1, 2, ... in base-url order). */
    public static final String SERVER_ROUTE_PREFIX = "enrich-llm-server-";

    /** Endpoint of a server's route: this plus the server's number. */
    public static final String SERVER_URI_PREFIX = "direct:enrich-llm-server-";

    private EnrichRoutes() {
    }
}
