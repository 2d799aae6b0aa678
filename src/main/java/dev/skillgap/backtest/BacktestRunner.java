package dev.skillgap.backtest;

import java.io.PrintStream;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code skillgap.run-mode=backtest}: runs one backtest of the configured provider, model and prompt
 * (skillgap.backtest.old-release / new-release), then closes the application and prints the result line last.
 * Exit code 0: the gate passed; 1: it failed; 2: the backtest could not run (bad folder, no provider, ...).
 */
@Component
@ConditionalOnProperty(prefix = "skillgap", name = "run-mode", havingValue = "backtest")
public class BacktestRunner {

    private static final Logger log = LoggerFactory.getLogger(BacktestRunner.class);

    private final Backtest backtest;
    private final BacktestProperties settings;
    private final ConfigurableApplicationContext application;
    private final IntConsumer exit = System::exit;
    private final PrintStream out = System.out;

    public BacktestRunner(Backtest backtest, BacktestProperties settings, ConfigurableApplicationContext application) {
        this.backtest = backtest;
        this.settings = settings;
        this.application = application;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        Thread runner = new Thread(this::runAndExit, "backtest");
        runner.start();
    }

    void runAndExit() {
        String line;
        int code;
        try {
            if (settings.oldRelease() == null || settings.newRelease() == null) {
                throw new IllegalArgumentException("set SKILLGAP_BACKTEST_OLD and SKILLGAP_BACKTEST_NEW to the folders "
                        + "of an older and a newer O*NET release (e.g. data/onet/28.2 and data/onet/29.3)");
            }
            BacktestResult result = backtest.run(settings.oldRelease(), settings.newRelease());
            line = result.line();
            code = result.passed() ? 0 : 1;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                log.error("Backtest failed: {}", e.getMessage()); // bad input: the message says it all
            } else {
                log.error("Backtest failed: {}", e.toString(), e);
            }
            line = "backtest: error: " + e.getMessage();
            code = 2;
        }
        int exitCode = SpringApplication.exit(application, () -> 0) == 0 ? code : 2;
        out.println(line); // after the shutdown's log lines: the result is the last line
        out.flush();
        exit.accept(exitCode);
    }
}
