package dev.skillgap.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BacktestStatisticsTest {

    private final BacktestStatistics statistics = new BacktestStatistics(10_000, 2590);

    private static PairResult pair(String id, double analyst, double panel, Double model) {
        return new PairResult(id, analyst, panel, model, null, null, null);
    }

    /** occupations x skills with analyst values and new-panel values that differ by a seeded amount. */
    private static List<OccupationResult> testSet(int occupations, int skills, ModelAnswer answer) {
        Random random = new Random(1);
        List<OccupationResult> set = new ArrayList<>();
        for (int o = 0; o < occupations; o++) {
            List<PairResult> pairs = new ArrayList<>();
            for (int s = 0; s < skills; s++) {
                double analyst = Math.round(random.nextDouble() * 500) / 100.0;
                double panel = Math.round((analyst + random.nextGaussian() * 0.2) * 100) / 100.0;
                pairs.add(pair("e" + s, analyst, panel, answer.level(analyst, panel, s)));
            }
            set.add(new OccupationResult("11-" + (1000 + o) + ".00", "occupation " + o, pairs));
        }
        return set;
    }

    interface ModelAnswer {
        Double level(double analyst, double panel, int skill);
    }

    @Test
    void anEchoHasDeltaExactlyZeroAndAnIntervalThatIsNotBelowZero() {
        BacktestFigures f = statistics.compute(testSet(20, 10, (a, p, s) -> a), Map.of());
        assertThat(f.delta()).isZero();
        assertThat(f.ci95().low()).isZero();
        assertThat(f.ci95().high()).isZero();
        assertThat(f.ci95().entirelyBelow(0)).isFalse();
        assertThat(f.echoRate()).isEqualTo(1.0);
        assertThat(f.maeModel()).isEqualTo(f.maeRaw()).isPositive();
    }

    @Test
    void maeRmseAndDeltaAreComputedOverAllPairs() {
        // analyst 1, panel 2: raw error 1 each; model 1.5 and 3 -> errors 0.5 and 1
        List<OccupationResult> set = List.of(new OccupationResult("a", "a", List.of(
                pair("x", 1, 2, 1.5), pair("y", 1, 2, 3.0))));
        BacktestFigures f = statistics.compute(set, Map.of());
        assertThat(f.maeModel()).isCloseTo(0.75, within(1e-12));
        assertThat(f.maeRaw()).isCloseTo(1.0, within(1e-12));
        assertThat(f.delta()).isCloseTo(-0.25, within(1e-12));
        assertThat(f.rmseModel()).isCloseTo(Math.sqrt((0.25 + 1) / 2), within(1e-12));
        assertThat(f.rmseRaw()).isCloseTo(1.0, within(1e-12));
        assertThat(f.echoRate()).isZero();
    }

    @Test
    void aModelThatKnowsPartOfTheNewPanelPassesAndANoisyOneFails() {
        BacktestFigures knowing = statistics.compute(testSet(74, 35, (a, p, s) -> s % 5 < 3 ? p : a), Map.of());
        assertThat(knowing.delta()).isNegative();
        assertThat(knowing.ci95().entirelyBelow(0)).isTrue();
        assertThat(knowing.ci95().low()).isLessThan(knowing.delta());
        assertThat(knowing.ci95().high()).isGreaterThan(knowing.delta());

        Random noise = new Random(3);
        BacktestFigures noisy = statistics.compute(testSet(74, 35, (a, p, s) -> a + noise.nextGaussian() * 0.5),
                Map.of());
        assertThat(noisy.delta()).isPositive();
        assertThat(noisy.ci95().entirelyBelow(0)).isFalse();
        assertThat(noisy.ci95().low()).isPositive();
    }

    @Test
    void theBootstrapIsReproducibleWithItsSeedAndResamplesWholeOccupations() {
        List<OccupationResult> set = testSet(30, 10, (a, p, s) -> s % 2 == 0 ? p : a + 0.3);
        BacktestFigures once = statistics.compute(set, Map.of());
        BacktestFigures again = new BacktestStatistics(10_000, 2590).compute(set, Map.of());
        assertThat(again.ci95()).isEqualTo(once.ci95());
        BacktestFigures otherSeed = new BacktestStatistics(10_000, 7).compute(set, Map.of());
        assertThat(otherSeed.ci95()).isNotEqualTo(once.ci95());
        assertThat(otherSeed.ci95().low()).isCloseTo(once.ci95().low(), within(0.03));

        // one occupation much better, one much worse: resampling occupations (not pairs) gives a wide interval
        List<OccupationResult> twoPanels = List.of(
                new OccupationResult("good", "good", List.of(pair("x", 1, 3, 3.0), pair("y", 1, 3, 3.0))),
                new OccupationResult("bad", "bad", List.of(pair("x", 1, 1.5, 4.0), pair("y", 1, 1.5, 4.0))));
        BacktestFigures wide = statistics.compute(twoPanels, Map.of());
        assertThat(wide.ci95().low()).isCloseTo(-2.0, within(1e-9)); // both draws "good"
        assertThat(wide.ci95().high()).isCloseTo(2.0, within(1e-9)); // both draws "bad"
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        double[] sorted = {0, 1, 2, 3, 4};
        assertThat(BacktestStatistics.percentile(sorted, 0.5)).isEqualTo(2.0);
        assertThat(BacktestStatistics.percentile(sorted, 0.025)).isCloseTo(0.1, within(1e-12));
        assertThat(BacktestStatistics.percentile(sorted, 0.975)).isCloseTo(3.9, within(1e-12));
    }

    @Test
    void unscoredPairsCountAsTheAnalystValueButNotInTheEchoRate() {
        List<OccupationResult> set = List.of(new OccupationResult("a", "a", List.of(
                pair("x", 2, 3, null), pair("y", 2, 3, 2.0), pair("z", 2, 3, 3.0))));
        BacktestFigures f = statistics.compute(set, Map.of());
        assertThat(f.scoredPairs()).isEqualTo(2);
        assertThat(f.maeModel()).isCloseTo(2.0 / 3, within(1e-12)); // 1 (fallback) + 1 + 0
        assertThat(f.echoRate()).isEqualTo(0.5);
        assertThat(f.coverage()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void insideTheAnalystsConfidenceIntervalCountsOnlyRowsWithOne() {
        List<PairResult> pairs = List.of(
                new PairResult("a", 2, 2.5, 2.4, null, 2.0, 2.4),   // on the upper bound: inside
                new PairResult("b", 2, 2.5, 2.41, null, 2.0, 2.4),  // just above: outside
                new PairResult("c", 2, 1.9, 1.0, null, 1.5, 2.5),   // below: outside; the panel is inside
                new PairResult("d", 2, 2.5, 2.0, null, null, null)); // n/a: left out
        BacktestFigures.Share model = BacktestStatistics.insideCi(pairs, PairResult::served);
        BacktestFigures.Share panel = BacktestStatistics.insideCi(pairs, PairResult::panel);
        assertThat(model).isEqualTo(new BacktestFigures.Share(1, 3));
        assertThat(panel).isEqualTo(new BacktestFigures.Share(1, 3));
    }

    @Test
    void tiesOfTheAnalystAreJudgedByTheNewPanelsOrder() {
        // a, b, c tied at 3 by the analyst; d apart. Panel: a < b = c. Model: a < b, b > c, a = c.
        OccupationResult occupation = new OccupationResult("o", "o", List.of(
                pair("a", 3, 2.5, 2.0), pair("b", 3, 3.5, 3.5), pair("c", 3, 3.5, 2.0), pair("d", 4, 4, 4.0)));
        BacktestFigures.Ties ties = BacktestStatistics.ties(List.of(occupation));
        assertThat(ties.tied()).isEqualTo(3);          // ab, ac, bc
        assertThat(ties.brokenByModel()).isEqualTo(2); // ab, bc (a = c)
        assertThat(ties.brokenByPanel()).isEqualTo(2); // ab, ac (b = c)
        assertThat(ties.brokenByBoth()).isEqualTo(1);  // ab
        assertThat(ties.sameOrder()).isEqualTo(1);     // a < b in both
        assertThat(ties.sameOrderShare()).isEqualTo(1.0);
    }

    @Test
    void consistencyIsTheMeanAbsoluteDifferenceOfTheTwoAsks() {
        List<OccupationResult> set = List.of(
                new OccupationResult("a", "a", List.of(pair("x", 1, 1, 1.0), pair("y", 1, 1, 2.0))),
                new OccupationResult("b", "b", List.of(pair("x", 1, 1, 1.0))));
        BacktestFigures.Consistency c = BacktestStatistics.consistency(set,
                Map.of("a", Map.of("x", 1.5, "y", 2.0)));
        assertThat(c.occupations()).isEqualTo(1);
        assertThat(c.pairs()).isEqualTo(2);
        assertThat(c.meanAbsoluteDifference()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void theImBaselineIsAPerSkillLeastSquaresLineClippedToTheScale() {
        ImBaseline baseline = new ImBaseline();
        // skill x: LV = 2 * IM - 1 exactly; skill y: constant IM, so the mean LV
        for (double im : new double[] {1, 2, 3, 4}) {
            baseline.add("x", im, 2 * im - 1);
        }
        baseline.add("y", 3, 2);
        baseline.add("y", 3, 4);
        assertThat(baseline.predict("x", 2.5)).isCloseTo(4.0, within(1e-12));
        assertThat(baseline.predict("x", 5)).isCloseTo(7.0, within(1e-12)); // 9 clipped to 7
        assertThat(baseline.predict("x", 0)).isCloseTo(0.0, within(1e-12)); // -1 clipped to 0
        assertThat(baseline.predict("y", 1)).isCloseTo(3.0, within(1e-12));
        assertThat(baseline.predict("z", 3)).isNull();
    }

    @Test
    void theImBaselineIsScoredLikeTheModel() {
        List<OccupationResult> set = List.of(new OccupationResult("a", "a", List.of(
                new PairResult("x", 1, 2, 1.0, 2.5, null, null), new PairResult("y", 1, 2, 1.0, null, null, null))));
        BacktestFigures.Baseline im = statistics.compute(set, Map.of()).imBaseline();
        assertThat(im.pairs()).isEqualTo(1);
        assertThat(im.mae()).isCloseTo(0.5, within(1e-12));
        assertThat(im.delta()).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void theResultLineHasThreeDecimalsAndNeverMinusZero() {
        assertThat(BacktestResult.decimal(-0.0000001)).isEqualTo("0.000");
        assertThat(BacktestResult.decimal(0.1375)).isEqualTo("0.138");
        assertThat(BacktestResult.decimal(-0.0825)).isEqualTo("-0.083");
        BacktestFigures f = statistics.compute(testSet(3, 2, (a, p, s) -> a), Map.of());
        BacktestResult result = new BacktestResult("openai", "m", "lv-1", "28.2", "29.3", f, false, "r", 3, 3, 0, 0,
                0, 0, java.time.Instant.EPOCH, 1, List.of());
        assertThat(result.line()).matches("backtest: m/lv-1 occupations=3 pairs=6 mae_model=\\d\\.\\d{3} "
                + "mae_raw=\\d\\.\\d{3} delta=0\\.000 ci95=\\[0\\.000,0\\.000] gate=fail");
    }
}
