package dev.skillgap.backtest;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In {@code skillgap.run-mode=backtest} the routes that a file or a clock starts (the inbox, staging recovery, the
 * scoring pass's resume timer, the snapshot poll, and the master: consumers that lead them) are not started: a backtest reads its two folders, never the
 * inbox, and must not score the database's pairs. Camel's own setting does it (camel.main.auto-startup-exclude-pattern).
 */
public class BacktestRunMode implements EnvironmentPostProcessor {

    static final String NOT_STARTED = "file*,timer*,master*";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String mode = environment.getProperty("skillgap.run-mode", "service");
        if ("backtest".equals(mode.trim().toLowerCase(Locale.ROOT))) {
            environment.getPropertySources().addFirst(new MapPropertySource("skillgap-backtest-run-mode",
                    Map.of("camel.main.auto-startup-exclude-pattern", NOT_STARTED)));
        }
    }
}
