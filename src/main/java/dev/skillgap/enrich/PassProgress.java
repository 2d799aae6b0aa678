package dev.skillgap.enrich;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one scoring pass, shared by the batches that run in parallel: progress for the log (done/total,
 * calls/s, ETA) and the circuit breaker that stops asking an LLM that keeps failing. Also the skill catalogue that
 * prompt lv-2 puts in every call's system message. A caller other than the pass (the backtest) creates its own.
 *
 * <p>The breaker is a counter of failed batches in a row, not Camel's circuitBreaker EIP (resilience4j): its scope
 * is one pass (the next pass starts closed, and a pass that stopped asking must end rather than wait for a
 * half-open probe), and a batch "fails" on a call failure as well as on replies without a single valid level,
 * which are not exceptions.
 */
public final class PassProgress {

    private final long passNumber;
    private final int totalPairs;
    private final int totalBatches;
    private final int circuitBreakerFailures;
    private final long startedNanos = System.nanoTime();
    private final AtomicInteger donePairs = new AtomicInteger();
    private final AtomicInteger doneBatches = new AtomicInteger();
    private final AtomicInteger llmPairs = new AtomicInteger();
    private final AtomicInteger fallbackPairs = new AtomicInteger();
    private final AtomicInteger unscoredPairs = new AtomicInteger();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicInteger consecutiveFailedBatches = new AtomicInteger();
    private volatile boolean circuitOpen;
    private final List<SkillLevelPrompt.Skill> catalogue;

    /** Without a catalogue: each batch's prompt lists the skills of its own pairs (all 35 at batch-size 35). */
    public PassProgress(long passNumber, int totalPairs, int totalBatches, int circuitBreakerFailures) {
        this(passNumber, totalPairs, totalBatches, circuitBreakerFailures, List.of());
    }

    public PassProgress(long passNumber, int totalPairs, int totalBatches, int circuitBreakerFailures,
                        List<SkillLevelPrompt.Skill> catalogue) {
        this.passNumber = passNumber;
        this.totalPairs = totalPairs;
        this.totalBatches = totalBatches;
        this.circuitBreakerFailures = circuitBreakerFailures;
        this.catalogue = List.copyOf(catalogue);
    }

    /** Every skill of the release, for prompt lv-2; empty if the creator gave none. */
    public List<SkillLevelPrompt.Skill> catalogue() {
        return catalogue;
    }

    public long passNumber() {
        return passNumber;
    }

    public int totalPairs() {
        return totalPairs;
    }

    public int totalBatches() {
        return totalBatches;
    }

    public long calls() {
        return calls.get();
    }

    public int llmPairs() {
        return llmPairs.get();
    }

    public int fallbackPairs() {
        return fallbackPairs.get();
    }

    public int unscoredPairs() {
        return unscoredPairs.get();
    }

    public boolean circuitOpen() {
        return circuitOpen;
    }

    void countCall() {
        calls.incrementAndGet();
    }

    /**
     * A batch has been scored: failed (its call failed for good, or no reply gave a single valid level) or not.
     * Opens the circuit after circuit-breaker-failures failed batches in a row; true when this one opened it.
     */
    synchronized boolean batchScored(boolean failed) {
        if (!failed) {
            consecutiveFailedBatches.set(0);
            return false;
        }
        if (consecutiveFailedBatches.incrementAndGet() >= circuitBreakerFailures && !circuitOpen) {
            circuitOpen = true;
            return true;
        }
        return false;
    }

    /** The batch is stored, skipped or failed; counts once per batch (true if this call counted it). */
    boolean batchDone(ScoringBatch batch, int llm, int fallback, int unscored) {
        if (!batch.markAccounted()) {
            return false;
        }
        donePairs.addAndGet(batch.pairs().size());
        doneBatches.incrementAndGet();
        llmPairs.addAndGet(llm);
        fallbackPairs.addAndGet(fallback);
        unscoredPairs.addAndGet(unscored);
        return true;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public double callsPerSecond() {
        double seconds = elapsed().toNanos() / 1e9;
        return seconds <= 0 ? 0 : calls.get() / seconds;
    }

    /** Time left, extrapolated from the batches done so far. */
    public Duration eta() {
        int done = doneBatches.get();
        if (done == 0) {
            return null;
        }
        long perBatch = elapsed().toNanos() / done;
        return Duration.ofNanos(perBatch * (totalBatches - done));
    }

    public String summary() {
        Duration eta = eta();
        return String.format(java.util.Locale.ROOT, "%d/%d pairs, %d/%d batches, %d calls, %.2f calls/s, ETA %s",
                donePairs.get(), totalPairs, doneBatches.get(), totalBatches, calls.get(), callsPerSecond(),
                eta == null ? "?" : format(eta));
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + String.format("%02d", (seconds % 3600) / 60) + "m";
    }
}
