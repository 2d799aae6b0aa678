package dev.skillgap.backtest;

/**
 * What a backtest measured (all errors against the NEW panel, on the LV scale). {@code delta} is
 * {@code maeModel - maeRaw}: below 0 the model moved the OLD analyst values closer to the new panel; its
 * {@code ci95} is a paired bootstrap over occupations.
 */
public record BacktestFigures(
        int occupations,
        int pairs,
        int scoredPairs,
        double maeModel,
        double maeRaw,
        double delta,
        Interval ci95,
        double rmseModel,
        double rmseRaw,
        Baseline imBaseline,
        Double echoRate,
        Share insideCiModel,
        Share insideCiPanel,
        Ties ties,
        Consistency consistency) {

    /** A two-sided interval. */
    public record Interval(double low, double high) {
        public boolean entirelyBelow(double value) {
            return high < value;
        }
    }

    /** The IM-only baseline (per-skill least squares of LV on IM) scored like the model. */
    public record Baseline(int pairs, double mae, double rmse, double delta, Interval ci95) {
    }

    /** {@code count} of {@code of}; {@code share} is null when {@code of} is 0. */
    public record Share(int count, int of) {
        public Double share() {
            return of == 0 ? null : (double) count / of;
        }
    }

    /**
     * Pairs of skills of one occupation that the OLD analyst rated equal ({@code tied}); how many the model and the
     * new panel rated unequal; of those broken by both, how many the model ordered as the panel did.
     */
    public record Ties(int tied, int brokenByModel, int brokenByPanel, int brokenByBoth, int sameOrder) {
        public Double sameOrderShare() {
            return brokenByBoth == 0 ? null : (double) sameOrder / brokenByBoth;
        }
    }

    /** Occupations asked a second time in another order: mean absolute difference of the two answers. */
    public record Consistency(int occupations, int pairs, Double meanAbsoluteDifference) {
    }

    public double coverage() {
        return pairs == 0 ? 0 : (double) scoredPairs / pairs;
    }
}
