package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillgap.ops.LoadAndExitMonitor.Observation;
import dev.skillgap.ops.LoadAndExitMonitor.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadAndExitMonitorTest {

    private static final Duration EARLY = Duration.ofSeconds(5);
    private static final Duration MAX_WAIT = Duration.ofHours(1);

    private static Observation idle() {
        return new Observation(0, 0, 0, 0, false, List.of(), 0, EARLY);
    }

    @Test
    void exitsZeroOnlyAfterTheRequiredIdleObservationsInARow() {
        LoadAndExitMonitor monitor = new LoadAndExitMonitor(3, MAX_WAIT);

        assertThat(monitor.observe(idle())).isEqualTo(Verdict.WAIT);
        assertThat(monitor.observe(idle())).isEqualTo(Verdict.WAIT);
        assertThat(monitor.observe(idle())).isEqualTo(Verdict.DONE);
        assertThat(Verdict.DONE.exitCode()).isZero();
    }

    @Test
    void anyWorkLeftRestartsTheIdleCount() {
        List<Observation> busy = List.of(
                new Observation(1, 0, 0, 0, false, List.of(), 0, EARLY),  // a file waits in inbox/
                new Observation(0, 2, 0, 0, false, List.of(), 0, EARLY),  // files being staged
                new Observation(0, 0, 1, 0, false, List.of(), 0, EARLY),  // a route is processing
                new Observation(0, 0, 0, 1, false, List.of(), 0, EARLY),  // release-loaded queued for the LLM pass
                new Observation(0, 0, 0, 0, true, List.of(), 0, EARLY));  // no LLM pass over the latest release yet
        for (Observation work : busy) {
            LoadAndExitMonitor monitor = new LoadAndExitMonitor(2, MAX_WAIT);
            assertThat(monitor.observe(idle())).isEqualTo(Verdict.WAIT);
            assertThat(monitor.observe(work)).as("%s", work).isEqualTo(Verdict.WAIT);
            assertThat(monitor.observe(idle())).as("count restarted after %s", work).isEqualTo(Verdict.WAIT);
            assertThat(monitor.observe(idle())).isEqualTo(Verdict.DONE);
        }
    }

    @Test
    void aFailedFileMakesTheRunExitNonZeroOnceIdle() {
        LoadAndExitMonitor monitor = new LoadAndExitMonitor(1, MAX_WAIT);

        Verdict verdict = monitor.observe(new Observation(0, 0, 0, 0, false, List.of("Skills.txt"), 0, EARLY));

        assertThat(verdict).isEqualTo(Verdict.FILES_FAILED);
        assertThat(verdict.exitCode()).isEqualTo(1);
    }

    @Test
    void aHeldReleaseMakesTheRunExitFourOnceIdleUnlessAFileFailed() {
        LoadAndExitMonitor monitor = new LoadAndExitMonitor(1, MAX_WAIT);

        Verdict held = monitor.observe(new Observation(0, 0, 0, 0, false, List.of(), 1, EARLY));
        Verdict failedToo = monitor.observe(new Observation(0, 0, 0, 0, false, List.of("Skills.txt"), 1, EARLY));

        assertThat(held).isEqualTo(Verdict.RELEASE_HELD);
        assertThat(held.exitCode()).isEqualTo(4);
        assertThat(failedToo).isEqualTo(Verdict.FILES_FAILED);
    }

    @Test
    void stillBusyAtTheLongestWaitTimesOut() {
        LoadAndExitMonitor monitor = new LoadAndExitMonitor(1, MAX_WAIT);

        assertThat(monitor.observe(new Observation(1, 0, 0, 0, false, List.of(), 0, MAX_WAIT.minusSeconds(1))))
                .isEqualTo(Verdict.WAIT);
        Verdict verdict = monitor.observe(new Observation(1, 0, 0, 0, false, List.of(), 0, MAX_WAIT));
        assertThat(verdict).isEqualTo(Verdict.TIMED_OUT);
        assertThat(verdict.exitCode()).isEqualTo(2);
    }

    @Test
    void idleAtTheLongestWaitStillCountsAsDone() {
        LoadAndExitMonitor monitor = new LoadAndExitMonitor(1, MAX_WAIT);

        assertThat(monitor.observe(new Observation(0, 0, 0, 0, false, List.of(), 0, MAX_WAIT))).isEqualTo(Verdict.DONE);
    }

    @Test
    void needsAtLeastOneIdleCheck() {
        assertThatThrownBy(() -> new LoadAndExitMonitor(0, MAX_WAIT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runModeAcceptsTheTwoDocumentedValuesAndRejectsTypos() {
        assertThat(RunMode.of("service")).isEqualTo(RunMode.SERVICE);
        assertThat(RunMode.of("")).isEqualTo(RunMode.SERVICE);
        assertThat(RunMode.of(" Load-And-Exit ")).isEqualTo(RunMode.LOAD_AND_EXIT);
        assertThatThrownBy(() -> RunMode.of("load_and_exit"))
                .hasMessageContaining("SKILLGAP_RUN_MODE").hasMessageContaining("service, load-and-exit");
    }
}
