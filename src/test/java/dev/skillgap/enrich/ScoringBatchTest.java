package dev.skillgap.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How a batch chooses the skills of its next question after complete, partial and cut-off replies. */
class ScoringBatchTest {

    private static final int MAX_ASKS = 3;

    private final List<SkillPair> pairs = pairs(8);
    private final ScoringBatch batch = new ScoringBatch(new PassProgress(1, 8, 1, 3), 1,
            SkillLevelPromptTest.MANAGERS, pairs);

    @Test
    void aCutOffReplyKeepsItsItemsAndTheRestIsAskedInHalvesWithoutBeingCharged() {
        ask();
        assertThat(batch.asked()).hasSize(8);
        reply(cutOff(ids(0, 1, 2)));

        assertThat(batch.scores()).containsOnlyKeys(ids(0, 1, 2));
        assertThat(batch.askLimit()).isEqualTo(4);
        // skills 3-7 were not reached: not charged, so each still has all its asks
        assertThat(batch.asks("2.A.1.3")).isZero();
        List<SkillPair> next = batch.nextAsk(MAX_ASKS);
        assertThat(next).extracting(SkillPair::elementId).containsExactly(ids(3, 4, 5, 6).toArray(String[]::new));

        ask();
        reply(cutOff(ids(3)));
        assertThat(batch.askLimit()).isEqualTo(2);
        ask();
        reply(complete(ids(4, 5)));
        ask();
        reply(complete(ids(6, 7)));

        assertThat(batch.scores()).hasSize(8);
        assertThat(batch.nextAsk(MAX_ASKS)).isEmpty();
        assertThat(batch.questions()).isEqualTo(4);
        assertThat(batch.truncatedReplies()).isEqualTo(2);
    }

    @Test
    void aOneSkillQuestionCutOffWithoutAnAnswerEndsTheBatchLikeAFailedCall() {
        ask();
        reply(cutOff(ids(0)));
        for (int i = 0; i < 50 && batch.callFailure() == null; i++) {
            ask();
            reply(cutOff(List.of()));
        }

        // 8 -> 4 -> 2 -> 1: the one-skill question cut off with nothing is the last
        assertThat(batch.questions()).isEqualTo(4);
        assertThat(batch.callFailure()).contains("even for one skill", "context-tokens");
        assertThat(batch.scores()).containsOnlyKeys("2.A.1.0");
        assertThat(batch.lastProblem("2.A.1.1")).contains("cut off");
    }

    @Test
    void missingAndInvalidItemsAreChargedAndAskedAgainUpToTheLimit() {
        ask();
        reply(new SkillLevelReply(scores(ids(0, 1, 2, 3, 4, 5)), List.of("2.A.1.6: level 9 outside 0-7"), false));

        assertThat(batch.askLimit()).isEqualTo(8);
        assertThat(batch.nextAsk(MAX_ASKS)).extracting(SkillPair::elementId).containsExactly("2.A.1.6", "2.A.1.7");
        assertThat(batch.asks("2.A.1.6")).isEqualTo(1);
        assertThat(batch.lastProblem("2.A.1.6")).isEqualTo("2.A.1.6: level 9 outside 0-7");
        for (int i = 0; i < MAX_ASKS - 1; i++) {
            ask();
            reply(complete(List.of()));
        }
        assertThat(batch.nextAsk(MAX_ASKS)).isEmpty();
        assertThat(batch.asks("2.A.1.7")).isEqualTo(MAX_ASKS);
    }

    private void ask() {
        batch.startQuestion(batch.nextAsk(MAX_ASKS));
    }

    private void reply(SkillLevelReply reply) {
        batch.accept(reply);
    }

    private static SkillLevelReply complete(List<String> ids) {
        return new SkillLevelReply(scores(ids), List.of(), false);
    }

    private static SkillLevelReply cutOff(List<String> ids) {
        return new SkillLevelReply(scores(ids), List.of("reply cut off at its length limit"), true);
    }

    private static Map<String, LevelScore> scores(List<String> ids) {
        return ids.stream().collect(Collectors.toMap(id -> id, id -> new LevelScore(new BigDecimal("3.00"), "r"),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static List<String> ids(int... numbers) {
        List<String> ids = new ArrayList<>();
        for (int n : numbers) {
            ids.add("2.A.1." + n);
        }
        return ids;
    }

    private static List<SkillPair> pairs(int count) {
        List<SkillPair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(SkillPair.of(SkillLevelPromptTest.MANAGERS, "2.A.1." + i, "Skill " + i, "About skill " + i,
                    List.of(), new BigDecimal("3.00"), null, null, null));
        }
        return pairs;
    }
}
