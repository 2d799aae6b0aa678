package dev.skillgap.backtest;

import dev.skillgap.backtest.BacktestRepository.StoredBacktest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The quality gate as one API snapshot sees it: which model + prompt versions may have their LLM levels served,
 * and, for the configured model and prompt, the verdict and why (GET /release).
 *
 * @param required       skillgap.llm.gate.required
 * @param provider       the configured provider (none: scoring off)
 * @param model          the configured model
 * @param promptVersion  the prompt version the pass uses
 * @param latest         the latest stored backtest of model + promptVersion, or null
 * @param latestByKey    the latest stored backtest of every model + prompt version
 */
public record GateState(boolean required, String provider, String model, String promptVersion, StoredBacktest latest,
                        Map<String, StoredBacktest> latestByKey) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String NOT_RUN = "not run";

    /** No backtest known, gate required: what a snapshot uses before it can read the table. */
    public static GateState closed(String provider, String model, String promptVersion) {
        return of(true, provider, model, promptVersion, List.of());
    }

    public static GateState of(boolean required, String provider, String model, String promptVersion,
                               List<StoredBacktest> latestRuns) {
        Map<String, StoredBacktest> byKey = latestRuns.stream()
                .collect(Collectors.toUnmodifiableMap(b -> key(b.model(), b.promptVersion()), Function.identity(),
                        (a, b) -> a.ranAt().isAfter(b.ranAt()) ? a : b));
        return new GateState(required, provider, model, promptVersion, byKey.get(key(model, promptVersion)), byKey);
    }

    private static String key(String model, String promptVersion) {
        return model + '\u001F' + promptVersion;
    }

    /** Whether an LV row scored by this model with this prompt version may be served as its LLM level. */
    public boolean servesLlmLevels(String rowModel, String rowPromptVersion) {
        if (!required) {
            return true;
        }
        StoredBacktest run = latestByKey.get(key(rowModel, rowPromptVersion));
        return run != null && run.passed();
    }

    public boolean scoringOff() {
        return "none".equalsIgnoreCase(provider);
    }

    /** pass, fail or not run: the latest backtest of the configured model + prompt version. */
    public String gate() {
        return latest == null ? NOT_RUN : latest.gate();
    }

    /** Whether the configured model's LLM levels are served (where every LV row of both occupations has one). */
    public boolean servesConfiguredModel() {
        return !scoringOff() && servesLlmLevels(model, promptVersion);
    }

    /** One sentence for /release: what is served and why. */
    public String reason() {
        if (scoringOff()) {
            return "LLM scoring is off (SKILLGAP_LLM_PROVIDER=none): the O*NET analyst values are served.";
        }
        String subject = "model " + model + " with prompt " + promptVersion;
        String run = latest == null ? null
                : "its latest backtest (O*NET " + latest.oldRelease() + " -> " + latest.newRelease() + ", "
                + latest.ranAt() + ": " + latest.occupations() + " occupations, delta " + decimal(latest.delta())
                + ", 95% CI [" + decimal(latest.ci95Low()) + ", " + decimal(latest.ci95High()) + "]) "
                + (latest.passed() ? "passed" : "failed: " + latest.reason());
        if (!required) {
            return "The quality gate is off (SKILLGAP_LLM_GATE_REQUIRED=false): the LLM levels of " + subject
                    + " are served without a passing backtest; " + (run == null ? "no backtest of it is stored."
                    : run + ".");
        }
        if (latest == null) {
            return "No backtest of " + subject + " is stored, so the O*NET analyst values are served. Run "
                    + "bench/llm-backtest OLD_RELEASE NEW_RELEASE (or SKILLGAP_RUN_MODE=backtest) on this database.";
        }
        return latest.passed()
                ? "The LLM levels of " + subject + " are served: " + run + "."
                : "The O*NET analyst values are served: for " + subject + ", " + run;
    }

    private static String decimal(Double value) {
        return value == null ? "n/a" : BacktestResult.decimal(value);
    }
}
