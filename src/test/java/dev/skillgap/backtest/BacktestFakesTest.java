package dev.skillgap.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.skillgap.enrich.LevelAnchor;
import dev.skillgap.enrich.Occupation;
import dev.skillgap.enrich.ScoringBatch;
import dev.skillgap.enrich.SkillLevelPrompt;
import dev.skillgap.enrich.SkillPair;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fakes read the prompt the pass really builds, and answer by their rule. */
class BacktestFakesTest {

    private static final Occupation NURSES = new Occupation("29-1141.00", "Registered Nurses",
            "Assess patient health problems and needs.");

    @ParameterizedTest
    @ValueSource(strings = {SkillLevelPrompt.V1, SkillLevelPrompt.V2})
    void theFakesReadEveryElementIdAndItsAnalystLevelFromThePassesPrompt(String version) {
        Map<Occupation, List<SkillPair>> pairs = Map.of(NURSES, List.of(
                BacktestBatches.pair(NURSES, "2.A.1.a", rating("Reading Comprehension", "4.12"),
                        "Understanding written sentences",
                        List.of(new LevelAnchor(new BigDecimal("2"), "Read step-by-step instructions"))),
                BacktestBatches.pair(NURSES, "2.B.3.e", rating("Programming", "0.5"), "Writing computer programs",
                        List.of())));
        ScoringBatch batch = BacktestBatches.batches(1, pairs, 35, 3).get(0);
        // every message of the request, system message (lv-2: the catalogue of every skill) included
        List<String> messages = BacktestBatches.messages(version, batch, batch.pairs()).stream()
                .map(m -> m instanceof SystemMessage system ? system.text() : ((UserMessage) m).singleText())
                .toList();

        BacktestFakes.Prompt prompt = BacktestFakes.readPrompt(messages);

        assertThat(prompt.occupation()).isEqualTo("29-1141.00");
        assertThat(prompt.items()).containsExactly(
                new BacktestFakes.Item("2.A.1.a", new BigDecimal("4.12")),
                new BacktestFakes.Item("2.B.3.e", new BigDecimal("0.50")));
    }

    private static BacktestRelease.SkillRatings rating(String name, String level) {
        BigDecimal value = new BigDecimal(level);
        // a published CI (its numbers follow the analyst level in lv-2) and IM: the fake must still read the level
        return new BacktestRelease.SkillRatings(name, value, value.subtract(new BigDecimal("0.3")),
                value.add(new BigDecimal("0.3")), new BigDecimal("3.00"), false);
    }

    @Test
    void anotherLayoutIsReadLeniently() {
        String v2Like = "Occupation 15-1211.00 Computer Systems Analysts\n"
                + "2.A.1.a Reading Comprehension - IM 4.00, analyst 3.88 (95% CI 3.5-4.2)\n"
                + "2.B.3.e Programming - IM 3.12, analyst: 2.5\n";
        BacktestFakes.Prompt prompt = BacktestFakes.readPrompt(v2Like);
        assertThat(prompt.occupation()).isEqualTo("15-1211.00");
        assertThat(prompt.items()).extracting(BacktestFakes.Item::elementId).containsExactly("2.A.1.a", "2.B.3.e");
        assertThat(prompt.items()).extracting(i -> i.analyst().toPlainString()).containsExactly("3.88", "2.5");
    }

    @Test
    void eachFakeAnswersByItsRule() throws Exception {
        BacktestFakes.Item item = new BacktestFakes.Item("2.A.1.a", new BigDecimal("3.00"));
        try (BacktestFakes echo = new BacktestFakes(BacktestFakes.Mode.ECHO);
             BacktestFakes noisy = new BacktestFakes(BacktestFakes.Mode.NOISY);
             BacktestFakes knowing = new BacktestFakes(BacktestFakes.Mode.KNOWING)) {
            assertThat(echo.level("29-1141.00", item, 0)).isEqualByComparingTo("3.00");
            assertThat(noisy.level("29-1141.00", item, 0)).isEqualByComparingTo(noisy.level("29-1141.00", item, 0))
                    .isNotEqualByComparingTo(noisy.level("29-1141.00", item, 1));

            knowing.knowPanel(Map.of("29-1141.00", Map.of("2.A.1.a", new BigDecimal("4.50"))));
            BigDecimal expected = BacktestFakes.knows("29-1141.00", "2.A.1.a") ? new BigDecimal("4.50")
                    : new BigDecimal("3.00");
            assertThat(knowing.level("29-1141.00", item, 0)).isEqualByComparingTo(expected);
        }
        int known = 0;
        for (int i = 0; i < 10_000; i++) {
            known += BacktestFakes.knows("11-" + i + ".00", "2.A.1.a") ? 1 : 0;
        }
        assertThat(known).isBetween(5_500, 6_500); // about 60%
    }
}
