package dev.skillgap.backtest;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code skillgap.backtest.*} settings (application.yml, environment overrides in the README).
 *
 * @param oldRelease         folder of the older O*NET release (its analyst values are what the model refines)
 * @param newRelease         folder of the newer release (its re-rated occupations are the truth)
 * @param reportDir          reports go to {@code <report-dir>/<model>-<prompt version>/backtest.{json,md}}
 * @param resamples          bootstrap resamples of the 95% interval
 * @param seed               bootstrap and sampling seed (fixed: the same answers give the same figures)
 * @param consistencySample  occupations asked a second time, in another order
 * @param maxOccupations     0: the whole test set; else only its first N occupations (a cheaper first look)
 */
@ConfigurationProperties("skillgap.backtest")
public record BacktestProperties(
        Path oldRelease,
        Path newRelease,
        @DefaultValue("target/backtest") Path reportDir,
        @DefaultValue("10000") int resamples,
        @DefaultValue("2590") long seed,
        @DefaultValue("10") int consistencySample,
        @DefaultValue("0") int maxOccupations) {
}
