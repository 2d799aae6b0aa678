package dev.skillgap.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillgap.enrich.LlmScoreRepository.LvPair;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Route enrich-score-batch as other code (the backtest) calls it, and what the pass does with replies cut off at a
 * small model's context window, and with replies it cannot read at all.
 */
class ScoreBatchSeamTest extends LlmIntegrationTest {

    private static final Pattern ASKED = Pattern.compile("Rate these (\\d+) skills");

    @Autowired
    LlmScoreRepository repository;

    @Autowired
    MeterRegistry meters;

    @Test
    void scoresABatchMadeOutsideAPassAndStoresNothing() {
        List<SkillPair> pairs = repository.loadLvPairs().stream().map(LvPair::pair)
                .filter(p -> p.onetsocCode().equals("29-1141.00")).toList();
        PassProgress standalone = new PassProgress(1, pairs.size(), 1, 3);
        ScoringBatch batch = new ScoringBatch(standalone, 1, pairs.get(0).occupation(), pairs);
        long version = dataVersion();

        Object result = producer.requestBody(EnrichRoutes.SCORE_BATCH, batch);

        assertThat(result).isSameAs(batch);
        assertThat(batch.scores()).hasSize(35);
        for (SkillPair pair : pairs) {
            assertThat(batch.scores().get(pair.elementId()).level())
                    .isEqualByComparingTo(FakeLlm.levelFor(pair.analystValue()));
        }
        assertThat(FAKE.calls()).isEqualTo(1);
        assertThat(standalone.calls()).isEqualTo(1);
        // nothing stored: no LV row, no cache row, no Data_Version bump
        assertThat(lvPairs("value_source <> 'onet'")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Skill_Scores", Long.class)).isZero();
        assertThat(dataVersion()).isEqualTo(version);
    }

    @Test
    void aReplyCutOffAtTheContextWindowKeepsItsItemsAndTheRestIsAskedInHalves() {
        double truncatedBefore = meters.get("skillgap.llm.truncated.replies").counter().count();
        // a model whose window holds the 35-skill prompt and about a third of its reply
        int promptTokens = promptTokensOfOneQuestion();
        FAKE.reset();
        FAKE.answerWith(Map.of("contextTokens", promptTokens + 400));

        runPass();

        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
        assertThat(lvPairs("value_source = 'onet_fallback'")).isZero();
        assertThat(meters.get("skillgap.llm.truncated.replies").counter().count()).isGreaterThan(truncatedBefore);
        assertThat(FAKE.calls()).isGreaterThan(FIXTURE_OCCUPATIONS);
        List<String> prompts = FAKE.prompts();
        List<Integer> sizes = new ArrayList<>();
        for (String prompt : prompts) {
            if (prompt.startsWith("Occupation: 11-1021.00 ")) {
                Matcher asked = ASKED.matcher(prompt);
                assertThat(asked.find()).isTrue();
                sizes.add(Integer.parseInt(asked.group(1)));
            }
        }
        // the first question asks for all 35; every later one for at most half as many as the one cut before it,
        // and never for a skill already scored: the sizes add up to 35
        assertThat(sizes.get(0)).isEqualTo(35);
        assertThat(sizes).hasSizeGreaterThan(1);
        assertThat(sizes.get(1)).isLessThanOrEqualTo(17);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isLessThan(35 * 2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Skill_Scores", Long.class))
                .isEqualTo(FIXTURE_LV_PAIRS);
    }

    @Test
    void aWholeReplyTheServerSaysStoppedAtItsLengthIsSplitAndNotRetried() {
        double truncatedBefore = meters.get("skillgap.llm.truncated.replies").counter().count();
        // the server stops right after the 15th item: the JSON is whole, only the finish reason says "length" (it
        // reaches the route through EnrichChatModel's TruncatedReplyException, since the endpoint returns text only)
        FAKE.firstAnswerWithFor("11-1021.00", Map.of("omit", 20, "finishReason", "length"));

        runPass();

        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
        assertThat(meters.get("skillgap.llm.truncated.replies").counter().count()).isEqualTo(truncatedBefore + 1);
        List<Integer> sizes = new ArrayList<>();
        for (String prompt : FAKE.prompts()) {
            Matcher asked = ASKED.matcher(prompt);
            if (prompt.startsWith("Occupation: 11-1021.00 ") && asked.find()) {
                sizes.add(Integer.parseInt(asked.group(1)));
            }
        }
        // 15 kept, the other 20 asked in halves (a re-ask of a merely incomplete reply would ask for all 20)
        assertThat(sizes).containsExactly(35, 17, 3);
        // no retry of the cut-off call: one call per question
        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS + 2);
    }

    @Test
    void aWindowTooSmallForAnyAnswerFailsTheBatchesAndStopsThePass() {
        // a window that the prompt alone fills: every reply is empty and cut off
        FAKE.answerWith(Map.of("contextTokens", 500));

        runPass();

        // per batch: 35, 17, 8, 4, 2, 1 skills asked, then given up; circuit-breaker-failures 2 at concurrency 2
        assertThat(FAKE.calls()).isBetween(2 * 6, 3 * 6);
        assertThat(lvPairs("value_source = 'onet' AND data_value = onet_data_value")).isEqualTo(FIXTURE_LV_PAIRS);
    }

    @Test
    void aBatchTheDatabaseRejectsIsLeftForTheNextPassAndThePassEnds() {
        // a cache column the insert does not fill (strict mode): every batch's transaction fails after its LLM call
        jdbc.execute("ALTER TABLE Llm_Skill_Scores ADD COLUMN test_blocker INT NOT NULL");
        try {
            runPass(); // returns: the end of the split is the end of the pass, failed batches included
        } finally {
            jdbc.execute("ALTER TABLE Llm_Skill_Scores DROP COLUMN test_blocker");
        }

        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS);
        // rolled back: no pair changed
        assertThat(lvPairs("value_source = 'onet' AND data_value = onet_data_value")).isEqualTo(FIXTURE_LV_PAIRS);

        FAKE.reset();
        runPass();
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
    }

    /** Asks the fake once for the 35 skills of one occupation and reads the prompt tokens it counted. */
    private int promptTokensOfOneQuestion() {
        List<SkillPair> pairs = repository.loadLvPairs().stream().map(LvPair::pair)
                .filter(p -> p.onetsocCode().equals("11-1021.00")).toList();
        producer.requestBody(EnrichRoutes.SCORE_BATCH,
                new ScoringBatch(new PassProgress(1, 35, 1, 3), 1, pairs.get(0).occupation(), pairs));
        String response = FAKE.server().getAllServeEvents().get(0).getResponse().getBodyAsString();
        return Integer.parseInt(response.replaceAll(".*\"prompt_tokens\":(\\d+).*", "$1"));
    }

    @Test
    void occasionalMissingItemsAreAskedAgainAndEndScored() {
        FAKE.answerWith(Map.of("missEvery", 7, "style", "chatty"));

        runPass();

        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
        assertThat(FAKE.calls()).isGreaterThan(FIXTURE_OCCUPATIONS);
        assertThat(FAKE.prompts()).anySatisfy(p -> assertThat(p).containsPattern("Rate these [1-9] skills"));
    }

    @Test
    void unreadableRepliesCountTowardsTheCircuitBreakerLikeFailedCalls() {
        FAKE.alwaysAnswer(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,\
                "message":{"role":"assistant","content":"I cannot rate skills today."},"finish_reason":"stop"}]}"""));

        runPass();

        // circuit-breaker-failures 2 at concurrency 2: at most 3 batches asked (3 questions each), the rest skipped
        assertThat(FAKE.calls()).isLessThanOrEqualTo(3 * 3);
        assertThat(lvPairs("value_source = 'onet_fallback'")).isBetween(2 * 35L, 3 * 35L);
        assertThat(lvPairs("value_source = 'onet' AND data_value = onet_data_value"))
                .isGreaterThanOrEqualTo(FIXTURE_LV_PAIRS - 3 * 35L);
        assertThat(lvPairs("value_source = 'llm'")).isZero();
    }

    @Test
    void aHungServerGetsOneTimeoutRetryPerBatch() {
        FAKE.alwaysAnswer(aResponse().withFixedDelay(3_000).withStatus(200).withBody("{}"));

        runPass();

        // timeout 1.5 s, retry.timeout-max-retries 1 (retry.max-retries is 2): 2 calls per batch, then the
        // breaker (2 failed batches) skips the rest
        assertThat(FAKE.calls()).isLessThanOrEqualTo(3 * 2).isEven();
        assertThat(lvPairs("value_source = 'llm' OR value_source = 'onet_fallback'")).isZero();
        assertThat(lvPairs("value_source = 'onet'")).isEqualTo(FIXTURE_LV_PAIRS);
        assertThat(new BigDecimal(FAKE.calls())).isGreaterThanOrEqualTo(new BigDecimal(2 * 2));
    }
}
