package dev.skillgap.ops;

import java.util.List;

/**
 * What an instance does ({@code skillgap.roles}, README "Running several instances"). Each role owns route files of
 * {@code routes/}: an instance without the role does not load them (Camel's {@code camel.main.routes-exclude-pattern},
 * set by {@link RoleRouting}), so it has no such routes at all.
 */
public enum Role {
    /** The read API: the REST routes and the snapshot poll. */
    API("api", List.of("**/api.camel.yaml")),
    /**
     * The inbox: its file consumer, staging recovery, held-release confirmation, the release load, and the text
     * embeddings a load triggers (they write Text_Embeddings: an api-only instance, read-only, must not run them).
     */
    INGEST("ingest", List.of("**/ingest.camel.yaml", "**/moves.camel.yaml")),
    /** LLM scoring: the pass, its triggers, and the backtest (run mode backtest). */
    LLM("llm", List.of("**/enrich.camel.yaml", "**/backtest.camel.yaml"));

    private final String setting;
    private final List<String> routeFiles;

    Role(String setting, List<String> routeFiles) {
        this.setting = setting;
        this.routeFiles = routeFiles;
    }

    public String setting() {
        return setting;
    }

    /** The route files only an instance with this role loads, as Ant patterns (classpath: or file: locations alike). */
    public List<String> routeFiles() {
        return routeFiles;
    }
}
