package dev.skillgap.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Scoring passes over the fixture (6 occupations x 35 LV skills) against the fake OpenAI-compatible server. */
class ScoringRoutesTest extends LlmIntegrationTest {

    private static final String FIRST = "11-1021.00";

    @Autowired
    MeterRegistry meters;

    @Test
    void scoresEveryLvPairWithOneCallPerOccupationAndFullProvenance() {
        long version = dataVersion();
        double inputTokens = counter("skillgap.llm.tokens", "kind", "input");

        runPass();

        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS);
        assertThat(FAKE.prompts()).allSatisfy(p -> assertThat(p).contains("Rate these 35 skills"));
        // response-format schema (the default): the asked element_ids as an enum; the output cap max-output-tokens
        assertThat(FAKE.requestBodies()).allSatisfy(body -> {
            assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
            assertThat(body.at("/response_format/json_schema/schema/properties/scores/items/properties/element_id/enum"))
                    .hasSize(35);
            assertThat(body.get("max_tokens").asInt()).isEqualTo(3072);
        });
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM Occupation_Skills WHERE scale_id = 'LV'");
        assertThat(rows).allSatisfy(row -> {
            assertThat((BigDecimal) row.get("data_value"))
                    .isEqualByComparingTo(FakeLlm.levelFor((BigDecimal) row.get("onet_data_value")));
            assertThat(row.get("llm_model")).isEqualTo("fake-model");
            assertThat(row.get("prompt_version")).isEqualTo(SkillLevelPrompt.LATEST);
            assertThat(row.get("rationale")).isEqualTo(FakeLlm.rationale((String) row.get("element_id")));
            assertThat(row.get("scored_at")).isNotNull();
            assertThat((String) row.get("input_hash")).hasSize(64);
        });
        // the IM scale is never scored
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM Occupation_Skills
                 WHERE scale_id = 'IM' AND (value_source <> 'onet' OR data_value <> onet_data_value)""", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Skill_Scores", Long.class))
                .isEqualTo(FIXTURE_LV_PAIRS);
        // one transaction, one Data_Version bump, per batch
        assertThat(dataVersion() - version).isEqualTo(FIXTURE_OCCUPATIONS);
        assertThat(counter("skillgap.llm.tokens", "kind", "input")).isGreaterThan(inputTokens);
        assertThat(counter("skillgap.llm.calls", "outcome", "success")).isGreaterThanOrEqualTo(FIXTURE_OCCUPATIONS);
        assertThat(counter("skillgap.llm.pairs", "source", "llm")).isGreaterThanOrEqualTo(FIXTURE_LV_PAIRS);
    }

    @Test
    void unchangedRerunMakesNoCall() {
        runPass();
        FAKE.reset();
        long version = dataVersion();

        runPass();

        assertThat(FAKE.calls()).isZero();
        assertThat(dataVersion()).isEqualTo(version);
    }

    @Test
    void scoresLostFromTheTableComeBackFromTheCacheWithoutACall() {
        runPass();
        String before = jdbc.queryForObject(
                "SELECT GROUP_CONCAT(data_value ORDER BY onetsoc_code, element_id) FROM Occupation_Skills "
                        + "WHERE scale_id = 'LV'", String.class);
        // what a reload of the same release after a wipe looks like: analyst values, nothing scored
        jdbc.update("""
                UPDATE Occupation_Skills SET data_value = onet_data_value, value_source = 'onet', llm_model = NULL,
                       prompt_version = NULL, rationale = NULL, scored_at = NULL, input_hash = NULL
                 WHERE scale_id = 'LV'""");
        FAKE.reset();

        runPass();

        assertThat(FAKE.calls()).isZero();
        assertThat(lvPairs("value_source = 'llm' AND rationale LIKE 'Fake rationale%'")).isEqualTo(FIXTURE_LV_PAIRS);
        assertThat(jdbc.queryForObject(
                "SELECT GROUP_CONCAT(data_value ORDER BY onetsoc_code, element_id) FROM Occupation_Skills "
                        + "WHERE scale_id = 'LV'", String.class)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fenced", "chatty"})
    void readsJsonWrappedInAFenceOrInChatter(String style) {
        FAKE.answerWith(Map.of("style", style));

        runPass();

        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS);
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
    }

    @Test
    void asksAgainOnlyForALevelOutOfRange() {
        FAKE.firstAnswerWithFor(FIRST, Map.of("outOfRange", "9.5"));

        runPass();

        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS + 1);
        assertThat(FAKE.prompts()).filteredOn(p -> p.contains("Rate these 1 skills")).hasSize(1);
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
        assertThat(lvPairs("data_value > 7")).isZero();
    }

    @Test
    void asksAgainOnlyForMissingSkills() {
        FAKE.firstAnswerWithFor(FIRST, Map.of("omit", 5));

        runPass();

        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS + 1);
        assertThat(FAKE.prompts()).filteredOn(p -> p.contains("Rate these 5 skills")).hasSize(1);
        assertThat(counter("skillgap.llm.reasked.items")).isGreaterThanOrEqualTo(5);
        // prompt lv-2: one system message (the catalogue of all 35 skills) for every call, the re-ask included,
        // so that a provider's prompt cache can reuse it
        assertThat(FAKE.requestBodies().stream().map(b -> b.at("/messages/0/content").asText()).distinct())
                .singleElement().satisfies(system -> assertThat(system.split("\n- 2\\.")).hasSize(36));
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
    }

    @Test
    void garbageEndsInTheAnalystValueMarkedAsFallbackAndIsNotAskedAgain() {
        FAKE.answerWithFor(FIRST, Map.of("style", "garbage"));

        runPass();

        // three attempts for the garbled occupation, one call for each other
        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS - 1 + 3);
        assertThat(lvPairs("onetsoc_code = '" + FIRST + "' AND value_source = 'onet_fallback' "
                + "AND data_value = onet_data_value AND rationale LIKE 'O*NET analyst value kept: no valid level%' "
                + "AND llm_model = 'fake-model' AND input_hash IS NOT NULL")).isEqualTo(35);
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS - 35);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Skill_Scores WHERE onetsoc_code = ?", Long.class,
                FIRST)).isZero();

        FAKE.reset();
        runPass();
        assertThat(FAKE.calls()).isZero();
    }

    @Test
    void waitsOutA429WithRetryAfterAndRetries() {
        double retries = counter("skillgap.llm.retries");
        FAKE.firstAnswerFor(FIRST,
                aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"error\":\"rate\"}"));

        runPass();

        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS + 1);
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
        assertThat(counter("skillgap.llm.retries") - retries).isEqualTo(1);
        List<ServeEvent> events = FAKE.server().getAllServeEvents();
        ServeEvent limited = events.stream().filter(e -> e.getResponse().getStatus() == 429).findFirst().orElseThrow();
        String occupation = FakeLlm.userMessage(limited.getRequest().getBodyAsString()).lines().findFirst()
                .orElseThrow();
        ServeEvent retry = events.stream()
                .filter(e -> e.getResponse().getStatus() == 200)
                .filter(e -> FakeLlm.userMessage(e.getRequest().getBodyAsString()).startsWith(occupation))
                .findFirst().orElseThrow();
        // the retry came no sooner than the server asked (Retry-After: 1 second)
        assertThat(retry.getRequest().getLoggedDate().getTime() - limited.getRequest().getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(950);
    }

    @Test
    void backsOffExponentiallyBetweenRetriesOfAServerThatKeepsFailing() {
        FAKE.answerOnly(List.of("15-1211.00", "15-1251.00", "29-1141.00", "35-2014.00", "47-2031.00"),
                aResponse().withStatus(503).withBody("overloaded"));
        double retries = counter("skillgap.llm.retries");

        runPass();

        // retry.max-retries 2, retry.initial-delay 20ms: waits of >= 20 ms, then >= 40 ms; then the call is given up
        List<ServeEvent> failed = FAKE.server().getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == 503)
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
        assertThat(failed).hasSize(3);
        long firstWait = failed.get(1).getRequest().getLoggedDate().getTime()
                - failed.get(0).getRequest().getLoggedDate().getTime();
        long secondWait = failed.get(2).getRequest().getLoggedDate().getTime()
                - failed.get(1).getRequest().getLoggedDate().getTime();
        assertThat(firstWait).isGreaterThanOrEqualTo(20);
        assertThat(secondWait).isGreaterThanOrEqualTo(40);
        assertThat(counter("skillgap.llm.retries") - retries).isEqualTo(2);
        assertThat(lvPairs("onetsoc_code = '" + FIRST + "' AND value_source = 'onet'")).isEqualTo(35);
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS - 35);
    }

    @Test
    void retriesAServerError() {
        FAKE.firstAnswerFor(FIRST, aResponse().withStatus(500).withBody("upstream exploded"));

        runPass();

        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS + 1);
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
    }

    @Test
    void retriesACallThatTimedOut() {
        FAKE.firstAnswerFor(FIRST, aResponse().withFixedDelay(3_000).withStatus(200).withBody("{}"));

        runPass();

        assertThat(FAKE.calls()).isEqualTo(FIXTURE_OCCUPATIONS + 1);
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
    }

    @Test
    void aPassCutShortResumesWhereItStopped() {
        List<String> healthy = List.of("11-1021.00", "15-1211.00", "15-1251.00");
        FAKE.answerOnly(healthy, aResponse().withStatus(503).withBody("overloaded"));

        runPass();

        // the LLM failed for the others (retries exhausted, then the circuit opened): they keep analyst values
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(healthy.size() * 35L);
        assertThat(lvPairs("value_source = 'onet' AND data_value = onet_data_value"))
                .isEqualTo(FIXTURE_LV_PAIRS - healthy.size() * 35L);
        FAKE.reset();

        runPass();

        assertThat(FAKE.occupationsAsked()).containsExactlyInAnyOrder("29-1141.00", "35-2014.00", "47-2031.00");
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
    }

    private double counter(String name, String... tags) {
        return meters.get(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
