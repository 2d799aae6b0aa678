package dev.skillgap.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillgap.backtest.BacktestRepository.StoredBacktest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateStateTest {

    private static StoredBacktest run(String model, String gate, Instant at) {
        return new StoredBacktest(model, "lv-1", "28.2", "29.3", 74, 2590, 0.1, 0.137, -0.037, -0.05, -0.02, gate,
                "because", at);
    }

    @Test
    void onlyAModelWhoseLatestBacktestPassedIsServed() {
        GateState gate = GateState.of(true, "openai", "good", "lv-1", List.of(
                run("good", "pass", Instant.EPOCH), run("bad", "fail", Instant.EPOCH)));
        assertThat(gate.servesLlmLevels("good", "lv-1")).isTrue();
        assertThat(gate.servesLlmLevels("good", "lv-2")).isFalse(); // another prompt version: not backtested
        assertThat(gate.servesLlmLevels("bad", "lv-1")).isFalse();
        assertThat(gate.servesLlmLevels("never", "lv-1")).isFalse();
        assertThat(gate.servesLlmLevels(null, null)).isFalse();
        assertThat(gate.gate()).isEqualTo("pass");
        assertThat(gate.servesConfiguredModel()).isTrue();
        assertThat(gate.reason()).startsWith("The LLM levels of model good with prompt lv-1 are served");
    }

    @Test
    void aFailedOrMissingBacktestSaysWhyTheAnalystValuesAreServed() {
        GateState failed = GateState.of(true, "openai", "bad", "lv-1", List.of(run("bad", "fail", Instant.EPOCH)));
        assertThat(failed.gate()).isEqualTo("fail");
        assertThat(failed.servesConfiguredModel()).isFalse();
        assertThat(failed.reason()).startsWith("The O*NET analyst values are served").contains("failed: because");

        GateState notRun = GateState.of(true, "ollama", "new", "lv-1", List.of());
        assertThat(notRun.gate()).isEqualTo("not run");
        assertThat(notRun.reason()).contains("No backtest of model new with prompt lv-1");
    }

    @Test
    void withTheGateOffEveryModelIsServedAndScoringOffServesNone() {
        GateState off = GateState.of(false, "openai", "bad", "lv-1", List.of(run("bad", "fail", Instant.EPOCH)));
        assertThat(off.servesLlmLevels("bad", "lv-1")).isTrue();
        assertThat(off.servesLlmLevels("other", "lv-9")).isTrue();
        assertThat(off.reason()).contains("SKILLGAP_LLM_GATE_REQUIRED=false");

        GateState none = GateState.of(true, "none", "none", "lv-1", List.of());
        assertThat(none.servesConfiguredModel()).isFalse();
        assertThat(none.reason()).contains("LLM scoring is off");
    }
}
