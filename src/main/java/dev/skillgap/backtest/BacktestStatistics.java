package dev.skillgap.backtest;

import dev.skillgap.backtest.BacktestFigures.Baseline;
import dev.skillgap.backtest.BacktestFigures.Consistency;
import dev.skillgap.backtest.BacktestFigures.Interval;
import dev.skillgap.backtest.BacktestFigures.Share;
import dev.skillgap.backtest.BacktestFigures.Ties;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The statistics of a backtest: plain arithmetic over the pairs of the test set, no Spring, no database.
 * Errors are pooled over pairs; the 95% interval of a difference of errors is a percentile bootstrap that resamples
 * whole occupations (the ratings of one occupation come from one panel, so they are not independent) and keeps each
 * occupation's pairs paired (model and raw error of the same pair travel together).
 */
public final class BacktestStatistics {

    private final int resamples;
    private final long seed;

    /**
     * @param resamples bootstrap resamples (10,000 by default)
     * @param seed      fixed, so the same answers give the same interval
     */
    public BacktestStatistics(int resamples, long seed) {
        if (resamples < 100) {
            throw new IllegalArgumentException("the bootstrap needs at least 100 resamples, not " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /**
     * @param occupations the test set with the model's answers
     * @param secondAsk   the levels of the occupations asked a second time (code -> element_id -> level)
     */
    public BacktestFigures compute(List<OccupationResult> occupations, Map<String, Map<String, Double>> secondAsk) {
        List<PairResult> pairs = occupations.stream().flatMap(o -> o.pairs().stream()).toList();
        int scored = (int) pairs.stream().filter(p -> p.model() != null).count();
        double maeModel = mean(pairs, p -> Math.abs(p.served() - p.panel()));
        double maeRaw = mean(pairs, p -> Math.abs(p.analyst() - p.panel()));
        double rmseModel = Math.sqrt(mean(pairs, p -> square(p.served() - p.panel())));
        double rmseRaw = Math.sqrt(mean(pairs, p -> square(p.analyst() - p.panel())));
        Interval ci95 = pairedBootstrap(occupations, p -> Math.abs(p.served() - p.panel()),
                p -> Math.abs(p.analyst() - p.panel()), p -> true);
        return new BacktestFigures(occupations.size(), pairs.size(), scored, maeModel, maeRaw, maeModel - maeRaw,
                ci95, rmseModel, rmseRaw, imBaseline(occupations, pairs), echoRate(pairs),
                insideCi(pairs, PairResult::served), insideCi(pairs, PairResult::panel), ties(occupations),
                consistency(occupations, secondAsk));
    }

    private Baseline imBaseline(List<OccupationResult> occupations, List<PairResult> pairs) {
        List<PairResult> predicted = pairs.stream().filter(p -> p.imPrediction() != null).toList();
        if (predicted.isEmpty()) {
            return new Baseline(0, Double.NaN, Double.NaN, Double.NaN, new Interval(Double.NaN, Double.NaN));
        }
        double mae = mean(predicted, p -> Math.abs(p.imPrediction() - p.panel()));
        double rmse = Math.sqrt(mean(predicted, p -> square(p.imPrediction() - p.panel())));
        double raw = mean(predicted, p -> Math.abs(p.analyst() - p.panel()));
        Interval ci95 = pairedBootstrap(occupations, p -> Math.abs(p.imPrediction() - p.panel()),
                p -> Math.abs(p.analyst() - p.panel()), p -> p.imPrediction() != null);
        return new Baseline(predicted.size(), mae, rmse, mae - raw, ci95);
    }

    /** Share of the model's own levels (fallbacks excluded) equal to the analyst value shown to it. */
    static Double echoRate(List<PairResult> pairs) {
        int scored = 0;
        int echoed = 0;
        for (PairResult p : pairs) {
            if (p.model() != null) {
                scored++;
                if (PairResult.hundredths(p.model()) == PairResult.hundredths(p.analyst())) {
                    echoed++;
                }
            }
        }
        return scored == 0 ? null : (double) echoed / scored;
    }

    /** How many values lie within the OLD analyst row's 95% CI (bounds inclusive; rows without a CI left out). */
    static Share insideCi(List<PairResult> pairs, ToDoubleFunction<PairResult> value) {
        int of = 0;
        int inside = 0;
        for (PairResult p : pairs) {
            if (p.ciLower() != null && p.ciUpper() != null) {
                of++;
                long v = PairResult.hundredths(value.applyAsDouble(p));
                if (v >= PairResult.hundredths(p.ciLower()) && v <= PairResult.hundredths(p.ciUpper())) {
                    inside++;
                }
            }
        }
        return new Share(inside, of);
    }

    static Ties ties(List<OccupationResult> occupations) {
        int tied = 0;
        int byModel = 0;
        int byPanel = 0;
        int byBoth = 0;
        int same = 0;
        for (OccupationResult occupation : occupations) {
            List<PairResult> pairs = occupation.pairs();
            for (int i = 0; i < pairs.size(); i++) {
                for (int j = i + 1; j < pairs.size(); j++) {
                    PairResult a = pairs.get(i);
                    PairResult b = pairs.get(j);
                    if (PairResult.hundredths(a.analyst()) != PairResult.hundredths(b.analyst())) {
                        continue;
                    }
                    tied++;
                    int model = Long.compare(PairResult.hundredths(a.served()), PairResult.hundredths(b.served()));
                    int panel = Long.compare(PairResult.hundredths(a.panel()), PairResult.hundredths(b.panel()));
                    byModel += model != 0 ? 1 : 0;
                    byPanel += panel != 0 ? 1 : 0;
                    if (model != 0 && panel != 0) {
                        byBoth++;
                        same += model == panel ? 1 : 0;
                    }
                }
            }
        }
        return new Ties(tied, byModel, byPanel, byBoth, same);
    }

    static Consistency consistency(List<OccupationResult> occupations, Map<String, Map<String, Double>> secondAsk) {
        int asked = 0;
        int pairs = 0;
        double sum = 0;
        for (OccupationResult occupation : occupations) {
            Map<String, Double> second = secondAsk.get(occupation.code());
            if (second == null) {
                continue;
            }
            asked++;
            for (PairResult p : occupation.pairs()) {
                Double again = second.get(p.elementId());
                if (p.model() != null && again != null) {
                    pairs++;
                    sum += Math.abs(p.model() - again);
                }
            }
        }
        return new Consistency(asked, pairs, pairs == 0 ? null : sum / pairs);
    }

    /**
     * 95% percentile interval of mean(errorA) - mean(errorB) over the pairs of occupations drawn with replacement,
     * each resample as many occupations as the test set has.
     */
    Interval pairedBootstrap(List<OccupationResult> occupations, ToDoubleFunction<PairResult> errorA,
                             ToDoubleFunction<PairResult> errorB, java.util.function.Predicate<PairResult> counted) {
        int n = occupations.size();
        double[] sumA = new double[n];
        double[] sumB = new double[n];
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (PairResult p : occupations.get(i).pairs()) {
                if (counted.test(p)) {
                    sumA[i] += errorA.applyAsDouble(p);
                    sumB[i] += errorB.applyAsDouble(p);
                    count[i]++;
                }
            }
        }
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] deltas = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double a = 0;
            double b = 0;
            long pairs = 0;
            for (int k = 0; k < n; k++) {
                int i = random.nextInt(n);
                a += sumA[i];
                b += sumB[i];
                pairs += count[i];
            }
            deltas[r] = pairs == 0 ? 0 : (a - b) / pairs;
        }
        Arrays.sort(deltas);
        return new Interval(percentile(deltas, 0.025), percentile(deltas, 0.975));
    }

    /** Linear interpolation between the closest ranks (sorted input). */
    static double percentile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static double mean(List<PairResult> pairs, ToDoubleFunction<PairResult> f) {
        if (pairs.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (PairResult p : pairs) {
            sum += f.applyAsDouble(p);
        }
        return sum / pairs.size();
    }

    private static double square(double x) {
        return x * x;
    }
}
