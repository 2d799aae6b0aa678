package dev.skillgap.backtest;

import dev.skillgap.SkillGapApplication;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * bench/llm-backtest: the app in run mode backtest on two release folders. With BACKTEST_FAKE=echo|noisy|knowing
 * it first starts that {@link BacktestFakes} server and points the app's real LangChain4j client at it (provider
 * openai, model backtest-fake-&lt;mode&gt;); without it the configured provider, model and prompt are judged
 * (SKILLGAP_LLM_* as for the service). The app prints the result line last and exits (0 pass, 1 fail, 2 error).
 */
public final class BacktestBench {

    private BacktestBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: bench/llm-backtest OLD_RELEASE_DIR NEW_RELEASE_DIR");
            System.exit(2);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("skillgap.run-mode", "backtest");
        properties.put("skillgap.backtest.old-release", Path.of(args[0]).toAbsolutePath().toString());
        properties.put("skillgap.backtest.new-release", Path.of(args[1]).toAbsolutePath().toString());
        String fakeMode = System.getenv("BACKTEST_FAKE");
        BacktestFakes fake = null;
        if (fakeMode != null && !fakeMode.isBlank()) {
            fake = new BacktestFakes(BacktestFakes.Mode.of(fakeMode));
            properties.put("skillgap.llm.provider", "openai");
            properties.put("skillgap.llm.base-url", fake.baseUrl());
            properties.put("skillgap.llm.model", fake.mode().modelName());
            properties.put("skillgap.llm.api-key", "");
            properties.put("skillgap.llm.rate.requests", "100000");
            properties.put("skillgap.llm.rate.period-ms", "1000");
        }
        // as command-line arguments: above application.yml and the environment (the other SKILLGAP_* still apply)
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SkillGapApplication.class)
                .run(arguments);
        if (fake != null) {
            if (fake.mode() == BacktestFakes.Mode.KNOWING) {
                // the knowing fake half-knows the NEW panel: read with the app's own release reader
                BacktestRelease newer = context.getBean(BacktestReleases.class).read(Path.of(args[1]));
                Map<String, Map<String, BigDecimal>> levels = new HashMap<>();
                newer.ratings().forEach((code, skills) -> skills.forEach((element, r) ->
                        levels.computeIfAbsent(code, k -> new HashMap<>()).put(element, r.level())));
                fake.knowPanel(levels);
            }
            BacktestFakes closing = fake;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.printf(
                    "fake %s: %d calls, %d prompt characters%n", closing.mode().modelName(), closing.calls(),
                    closing.promptCharacters())));
        }
    }
}
