package dev.skillgap.ops;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code skillgap.run-mode}: a long-running service, load what the inbox holds and exit, or backtest the configured
 * LLM against two O*NET releases and exit ({@code dev.skillgap.backtest.BacktestRunner}).
 */
public enum RunMode {
    SERVICE("service"),
    LOAD_AND_EXIT("load-and-exit"),
    BACKTEST("backtest");

    private final String setting;

    RunMode(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** Fails on an unknown value, so that a typo does not silently start a service that never exits. */
    public static RunMode of(String setting) {
        String wanted = setting == null || setting.isBlank() ? SERVICE.setting : setting.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.setting.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("skillgap.run-mode (SKILLGAP_RUN_MODE) is '" + setting
                        + "'; expected one of " + Arrays.stream(values()).map(RunMode::setting)
                        .collect(Collectors.joining(", "))));
    }
}
