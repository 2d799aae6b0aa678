package dev.skillgap.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillgap.ops.RunMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class BacktestRunModeTest {

    private static StandardEnvironment environment(String runMode) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("skillgap.run-mode", runMode)));
        new BacktestRunMode().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void inBacktestModeNoRouteThatAFileOrAClockStartsIsStarted() {
        assertThat(RunMode.of(" Backtest ")).isEqualTo(RunMode.BACKTEST);
        assertThat(environment("backtest").getProperty("camel.main.auto-startup-exclude-pattern"))
                .isEqualTo("file*,timer*,master*");
        assertThat(environment("service").getProperty("camel.main.auto-startup-exclude-pattern")).isNull();
        assertThat(environment("load-and-exit").getProperty("camel.main.auto-startup-exclude-pattern")).isNull();
    }
}
