package dev.skillgap.backtest;

/**
 * One LV pair of the backtest: the OLD release's analyst value (what the model was shown), the NEW panel's value
 * (the truth it is judged against), the model's level ({@code null} when it gave none: the analyst value is then
 * what would be served), the IM-only baseline's prediction, and the OLD row's 95% CI ({@code null} when n/a).
 */
public record PairResult(String elementId, double analyst, double panel, Double model, Double imPrediction,
                         Double ciLower, Double ciUpper) {

    /** The value the service would serve: the model's level, or the analyst value it fell back to. */
    public double served() {
        return model == null ? analyst : model;
    }

    /** Values are hundredths (DECIMAL(5,2)); equality is judged on them, never on doubles. */
    static long hundredths(double value) {
        return Math.round(value * 100);
    }
}
