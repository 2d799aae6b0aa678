package dev.skillgap.ops;

import java.time.Duration;
import java.util.List;

/**
 * Decides when a {@code load-and-exit} run is over, from successive observations of the inbox, the
 * Camel routes and the LLM pass. The run is over when everything was found idle in
 * {@code requiredIdleChecks} observations in a row (a file can sit between two routes for an
 * instant, a release-loaded message between the load and the LLM pass), or when it took too long.
 */
public final class LoadAndExitMonitor {

    public enum Verdict {
        /** Work is left: look again later. */
        WAIT(-1),
        /** Everything loaded (and a scoring pass ran over it, when waiting for the LLM). */
        DONE(0),
        /** Idle, but at least one file went to inbox/.failed during this run. */
        FILES_FAILED(1),
        /** Still busy after the longest wait. */
        TIMED_OUT(2),
        /** Idle, nothing failed, but a release was held in inbox/.held for a confirmation (it would remove too much). */
        RELEASE_HELD(4);

        private final int exitCode;

        Verdict(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /**
     * One look at the system.
     *
     * @param waitingFiles data files still in inbox/
     * @param stagingFiles data files in inbox/.staging/ (taken, not yet loaded or failed)
     * @param inflightExchanges exchanges being processed by the ingest and LLM routes
     * @param queuedExchanges messages waiting in seda queues (e.g. release-loaded)
     * @param llmPassPending no LLM pass has ended since the latest release (always false when not
     *                       waiting for the LLM)
     * @param failedFiles files that went to inbox/.failed during this run
     * @param releasesHeld releases held in inbox/.held during this run, waiting for a confirmation
     * @param elapsed time since the run started
     */
    public record Observation(int waitingFiles, int stagingFiles, int inflightExchanges, int queuedExchanges,
                              boolean llmPassPending, List<String> failedFiles, int releasesHeld,
                              Duration elapsed) {

        boolean idle() {
            return waitingFiles == 0 && stagingFiles == 0 && inflightExchanges == 0 && queuedExchanges == 0
                    && !llmPassPending;
        }
    }

    private final int requiredIdleChecks;
    private final Duration maxWait;
    private int idleInARow;

    public LoadAndExitMonitor(int requiredIdleChecks, Duration maxWait) {
        if (requiredIdleChecks < 1) {
            throw new IllegalArgumentException("requiredIdleChecks must be at least 1");
        }
        this.requiredIdleChecks = requiredIdleChecks;
        this.maxWait = maxWait;
    }

    public Verdict observe(Observation observation) {
        idleInARow = observation.idle() ? idleInARow + 1 : 0;
        if (idleInARow >= requiredIdleChecks) {
            if (!observation.failedFiles().isEmpty()) {
                return Verdict.FILES_FAILED;
            }
            return observation.releasesHeld() > 0 ? Verdict.RELEASE_HELD : Verdict.DONE;
        }
        if (observation.elapsed().compareTo(maxWait) >= 0) {
            return Verdict.TIMED_OUT;
        }
        return Verdict.WAIT;
    }
}
