package dev.skillgap.ingest;

import java.util.List;

/** The ids of the ingest routes (routes/ingest.camel.yaml) that other areas name. */
public final class IngestRoutes {

    public static final String RECEIVE = "inbox-receive";
    public static final String GATHER = "release-gather";
    public static final String RECOVER = "staging-recover";
    public static final String HELD_CONFIRM = "held-confirm";
    public static final String PROCESS = "release-process";
    public static final String LOAD = "release-load";

    /** The routes that must run for files dropped into the inbox to be processed. */
    public static final List<String> CONSUMERS = List.of(RECEIVE, GATHER, RECOVER, HELD_CONFIRM, PROCESS, LOAD);

    private IngestRoutes() {
    }
}
