package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillgap.backtest.BacktestRepository.StoredBacktest;
import dev.skillgap.backtest.GateState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quality gate decides, row by row, whether an LLM level is served or held back for the analyst value. */
class GatedSnapshotTest {

    private static StoredBacktest backtest(String model, String gate) {
        return new StoredBacktest(model, "lv-1", "28.2", "29.3", 74, 2590, 0.1, 0.137, -0.037, -0.05, -0.02, gate,
                "test", Instant.EPOCH);
    }

    private static Snapshot snapshot(GateState gate, String sourceModel, String targetModel) {
        SnapshotBuilder builder = new SnapshotBuilder(new ReleaseInfo("29.3", 1L, null, 1), gate);
        builder.addSkill("2.A.1.a", "Reading Comprehension");
        builder.addOccupation("11-1111.00", "Source", "");
        builder.addOccupation("22-2222.00", "Target", "");
        // LLM says 3.00 and 2.00 where the analyst said 1.00 and 2.50
        builder.addRating("11-1111.00", "2.A.1.a", "LV", new BigDecimal("3.00"), new BigDecimal("1.00"), "llm",
                sourceModel, "lv-1");
        builder.addRating("22-2222.00", "2.A.1.a", "LV", new BigDecimal("2.00"), new BigDecimal("2.50"), "llm",
                targetModel, "lv-1");
        return builder.build();
    }

    private static SkillGapAnalysis analyse(Snapshot snapshot) {
        return SkillGapCalculator.analyse(snapshot.skills(), snapshot.occupation("11-1111.00"),
                snapshot.occupation("22-2222.00"));
    }

    @Test
    void levelsOfAModelWhoseBacktestPassedAreServed() {
        Snapshot snapshot = snapshot(GateState.of(true, "openai", "good", "lv-1", List.of(backtest("good", "pass"))),
                "good", "good");
        SkillGapAnalysis analysis = analyse(snapshot);
        assertThat(analysis.basis()).isEqualTo(ValueBasis.LLM);
        assertThat(analysis.gaps()).isEmpty(); // 3.00 >= 2.00
        assertThat(snapshot.occupation("11-1111.00").levelServed(0)).isEqualTo(300);
    }

    @Test
    void levelsOfAModelThatFailedOrWasNeverBacktestedAreHeldBack() {
        for (GateState gate : List.of(
                GateState.of(true, "openai", "bad", "lv-1", List.of(backtest("bad", "fail"))),
                GateState.of(true, "openai", "bad", "lv-1", List.of()))) {
            Snapshot snapshot = snapshot(gate, "bad", "bad");
            SkillGapAnalysis analysis = analyse(snapshot);
            assertThat(analysis.basis()).isEqualTo(ValueBasis.ONET);
            assertThat(analysis.gaps()).singleElement().satisfies(gap -> {
                assertThat(gap.fromLevel()).isEqualTo(100);
                assertThat(gap.toLevel()).isEqualTo(250);
                assertThat(gap.fromSource()).isEqualTo("onet");
            });
            // /occupations/{code} serves the analyst value too, marked as such
            assertThat(snapshot.occupation("11-1111.00").levelServed(0)).isEqualTo(100);
            assertThat(snapshot.occupation("11-1111.00").levelSource(0)).isEqualTo("onet");
        }
    }

    @Test
    void aPairScoredByAPassedAndAHeldBackModelIsComparedOnAnalystValues() {
        Snapshot snapshot = snapshot(GateState.of(true, "openai", "good", "lv-1",
                List.of(backtest("good", "pass"), backtest("bad", "fail"))), "good", "bad");
        assertThat(analyse(snapshot).basis()).isEqualTo(ValueBasis.ONET);
    }

    @Test
    void withTheGateOffEveryLlmLevelIsServed() {
        Snapshot snapshot = snapshot(GateState.of(false, "openai", "bad", "lv-1", List.of(backtest("bad", "fail"))),
                "bad", "bad");
        assertThat(analyse(snapshot).basis()).isEqualTo(ValueBasis.LLM);
    }
}
