package dev.skillgap.llm;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one scoring pass, shared by the batches that run in parallel: progress for the log (done/total,
 * calls/s, ETA) and the circuit breaker that stops asking an LLM that keeps failing.
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
    private final AtomicInteger consecutiveFailedCalls = new AtomicInteger();
    private volatile boolean circuitOpen;
    private final CountDownLatch batchesLeft;

    public PassProgress(long passNumber, int totalPairs, int totalBatches, int circuitBreakerFailures) {
        this.passNumber = passNumber;
        this.totalPairs = totalPairs;
        this.totalBatches = totalBatches;
        this.circuitBreakerFailures = circuitBreakerFailures;
        this.batchesLeft = new CountDownLatch(totalBatches);
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

    void callSucceeded() {
        consecutiveFailedCalls.set(0);
    }

    /** A call failed for good (after its retries); opens the circuit after too many in a row. */
    boolean callFailed() {
        if (consecutiveFailedCalls.incrementAndGet() >= circuitBreakerFailures && !circuitOpen) {
            circuitOpen = true;
            return true;
        }
        return false;
    }

    /** The batch is stored (or skipped); counts once per batch. */
    void batchDone(ScoringBatch batch, int llm, int fallback, int unscored) {
        if (!batch.markAccounted()) {
            return;
        }
        donePairs.addAndGet(batch.pairs().size());
        doneBatches.incrementAndGet();
        llmPairs.addAndGet(llm);
        fallbackPairs.addAndGet(fallback);
        unscoredPairs.addAndGet(unscored);
        batchesLeft.countDown();
    }

    /** The batch could not be stored; its pairs stay as they were. Counts once per batch. */
    void batchFailed(ScoringBatch batch) {
        batchDone(batch, 0, 0, batch.pairs().size());
    }

    /** Waits until every batch is stored or failed; false if that did not happen within the timeout. */
    boolean awaitAllBatches(Duration timeout) throws InterruptedException {
        return batchesLeft.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
