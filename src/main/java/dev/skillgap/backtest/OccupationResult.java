package dev.skillgap.backtest;

import java.util.List;

/** The LV pairs of one occupation of the test set; the bootstrap resamples whole occupations. */
public record OccupationResult(String code, String title, List<PairResult> pairs) {

    public OccupationResult {
        pairs = List.copyOf(pairs);
    }
}
