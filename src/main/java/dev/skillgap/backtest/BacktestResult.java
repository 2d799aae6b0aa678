package dev.skillgap.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One backtest of one model and prompt version: where it came from, what it measured, and the gate's verdict.
 *
 * @param calls           LLM calls made (first questions, re-asks; the consistency sample included)
 * @param failedBatches   batches whose call failed for good or that the circuit breaker skipped
 * @param promptCharacters characters of the first question of every batch of the test set
 */
public record BacktestResult(
        String provider,
        String model,
        String promptVersion,
        String oldRelease,
        String newRelease,
        BacktestFigures figures,
        boolean passed,
        String reason,
        long calls,
        int batches,
        int failedBatches,
        long promptCharacters,
        double inputTokens,
        double outputTokens,
        Instant ranAt,
        long durationMs,
        List<OccupationLine> occupations) {

    /** One occupation's errors, for the report's table. */
    public record OccupationLine(String code, String title, int pairs, int scored, double maeModel, double maeRaw) {
    }

    public String gate() {
        return passed ? GateState.PASS : GateState.FAIL;
    }

    /** The line every run prints last (three decimals). */
    public String line() {
        BacktestFigures f = figures;
        return "backtest: " + model + "/" + promptVersion + " occupations=" + f.occupations() + " pairs=" + f.pairs()
                + " mae_model=" + decimal(f.maeModel()) + " mae_raw=" + decimal(f.maeRaw())
                + " delta=" + decimal(f.delta()) + " ci95=[" + decimal(f.ci95().low()) + ","
                + decimal(f.ci95().high()) + "] gate=" + gate();
    }

    /** Three decimals, HALF_UP, never "-0.000". */
    static String decimal(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.equals("-0.000") ? "0.000" : text;
    }
}
