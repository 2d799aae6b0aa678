package dev.skillgap.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.skillgap.IntegrationTest;
import dev.skillgap.OwnContext;
import dev.skillgap.enrich.LlmScoreRepository.LvPair;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several LLM servers (skillgap.llm.base-url a list): two fake OpenAI-compatible servers over real HTTP behind
 * route enrich-call-llm's load balancer (round robin with failover), each with its own circuit breaker. Batches are
 * scored through route enrich-score-batch one after another (as the backtest does), so that the round robin's
 * order - and with it every count below - is deterministic; the whole pass runs in parallel.
 */
@ContextConfiguration(initializers = LlmServerPoolTest.OwnInbox.class)
@DirtiesContext // no other class uses this context: close it (and its embedded database) when done
class LlmServerPoolTest extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(LlmServerPoolTest.class);
    private static final FakeLlm FIRST = new FakeLlm();
    private static final FakeLlm SECOND = new FakeLlm();
    private static final Path POOL_INBOX = OwnContext.createInbox("llm-pool-inbox-");
    private static final int FAILURES_TO_OPEN = 3;
    private static final Duration OPEN_DURATION = Duration.ofSeconds(2);
    private static final int LV_PAIRS = 210;
    private static boolean fixtureLoaded;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    LlmScoreRepository repository;

    @Autowired
    LlmServers servers;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void poolProperties(DynamicPropertyRegistry registry) {
        registry.add("skillgap.llm.provider", () -> "openai");
        registry.add("skillgap.llm.base-url", () -> FIRST.baseUrl() + ", " + SECOND.baseUrl());
        registry.add("skillgap.llm.model", () -> "fake-model");
        registry.add("skillgap.llm.concurrency", () -> "2");
        registry.add("skillgap.llm.rate.requests", () -> "1000");
        registry.add("skillgap.llm.rate.period-ms", () -> "1000");
        registry.add("skillgap.llm.timeout", () -> "1500ms");
        registry.add("skillgap.llm.retry.max-retries", () -> "2");
        registry.add("skillgap.llm.retry.initial-delay", () -> "20ms");
        registry.add("skillgap.llm.retry.max-delay", () -> "200ms");
        registry.add("skillgap.llm.server-breaker.failures", () -> String.valueOf(FAILURES_TO_OPEN));
        registry.add("skillgap.llm.server-breaker.open-duration", () -> OPEN_DURATION.toMillis() + "ms");
        registry.add("skillgap.llm.resume.first-delay-ms", () -> "3600000");
        registry.add("skillgap.llm.resume.period-ms", () -> "3600000");
    }

    @AfterAll
    static void stopFakes() {
        FIRST.close();
        SECOND.close();
    }

    @BeforeEach
    void fixtureLoadedBothServersHealthy() {
        if (!fixtureLoaded) {
            dropAndAwaitInboxEmpty(POOL_INBOX, FIXTURE, "Occupation Data.txt", "Skills.txt", "Scales Reference.txt",
                    "Content Model Reference.txt");
            // the load triggers a pass; let it finish before the tests count calls
            await().atMost(Duration.ofSeconds(60)).until(() -> lvPairs("value_source = 'llm'") == LV_PAIRS);
            fixtureLoaded = true;
        }
        FIRST.reset();
        SECOND.reset();
        for (LlmServer server : servers.all()) {
            server.breaker().reset();
        }
    }

    @Test
    void twoHealthyServersShareTheCallsEvenly() {
        List<ScoringBatch> batches = scoreEachOccupation(4); // 24 batches, one call each

        assertThat(batches).allSatisfy(batch -> assertThat(batch.scores()).hasSize(35));
        log.info("spread, both servers healthy: {} calls to the first server, {} to the second", FIRST.calls(),
                SECOND.calls());
        assertThat(FIRST.calls()).isEqualTo(12);
        assertThat(SECOND.calls()).isEqualTo(12);
        assertThat(calls("success", servers.all().get(0).name()) + calls("success", servers.all().get(1).name()))
                .isGreaterThanOrEqualTo(24);
    }

    @Test
    void aServerAnswering500IsTakenOutItsShareGoesToTheOtherAndItIsProbedAfterTheOpenDuration() throws Exception {
        SECOND.alwaysAnswer(aResponse().withStatus(500).withBody("{\"error\":\"model crashed\"}"));
        CircuitBreaker second = servers.all().get(1).breaker();

        List<ScoringBatch> batches = scoreEachOccupation(2); // 12 batches

        // every batch scored, by the first server alone: the second's three 500s failed over to it, then the
        // second was taken out and its turns went to the first without a call to it
        assertThat(batches).allSatisfy(batch -> assertThat(batch.scores()).hasSize(35));
        log.info("spread, second server answering 500: {} calls to the first server, {} to the second "
                + "(breaker {})", FIRST.calls(), SECOND.calls(), second.getState());
        assertThat(FIRST.calls()).isEqualTo(12);
        assertThat(SECOND.calls()).isEqualTo(FAILURES_TO_OPEN);
        assertThat(second.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(meters.get("skillgap.llm.server.state").tag("server", servers.all().get(1).name()).gauge().value())
                .isEqualTo(1.0);

        // still failing after the open duration: one probe call, then out again
        Thread.sleep(OPEN_DURATION.toMillis() + 200);
        scoreEachOccupation(1);
        assertThat(SECOND.calls()).isEqualTo(FAILURES_TO_OPEN + 1);
        assertThat(second.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        // healthy again: after the open duration the probe succeeds and the calls are shared again
        SECOND.reset();
        FIRST.reset();
        Thread.sleep(OPEN_DURATION.toMillis() + 200);
        List<ScoringBatch> after = scoreEachOccupation(2);
        assertThat(after).allSatisfy(batch -> assertThat(batch.scores()).hasSize(35));
        assertThat(second.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        log.info("spread, second server back: {} calls to the first server, {} to the second", FIRST.calls(),
                SECOND.calls());
        assertThat(FIRST.calls() + SECOND.calls()).isEqualTo(12);
        assertThat(SECOND.calls()).isBetween(5, 7);
    }

    @Test
    void aPassCompletesWithEveryPairScoredOnceWhileOneServerRefusesConnections() {
        SECOND.alwaysAnswer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        resetScores();

        producer.requestBody(EnrichRoutes.PASS + "?size=1&waitForTaskToComplete=Always&timeout=0", "");

        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(LV_PAIRS);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Skill_Scores", Long.class)).isEqualTo(LV_PAIRS);
        // each occupation asked once, by the first server; the second got at most its failures before it was out
        // (plus those already let through in parallel)
        Map<String, Long> asked = FIRST.occupationsAsked().stream()
                .collect(Collectors.groupingBy(code -> code, LinkedHashMap::new, Collectors.counting()));
        log.info("pass with the second server refusing: {} calls to the first server ({}), {} to the second",
                FIRST.calls(), asked, SECOND.calls());
        assertThat(asked).hasSize(6).allSatisfy((code, times) -> assertThat(times).isEqualTo(1L));
        assertThat(SECOND.calls()).isBetween(1, FAILURES_TO_OPEN + 2);
    }

    /** Scores every fixture occupation {@code rounds} times, one batch after another; stores nothing. */
    private List<ScoringBatch> scoreEachOccupation(int rounds) {
        Map<String, List<SkillPair>> byOccupation = new LinkedHashMap<>();
        for (LvPair pair : repository.loadLvPairs()) {
            byOccupation.computeIfAbsent(pair.pair().onetsocCode(), code -> new java.util.ArrayList<>())
                    .add(pair.pair());
        }
        List<ScoringBatch> batches = new java.util.ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (List<SkillPair> pairs : byOccupation.values()) {
                PassProgress standalone = new PassProgress(1, pairs.size(), 1, 3);
                ScoringBatch batch = new ScoringBatch(standalone, 1, pairs.get(0).occupation(), pairs);
                producer.requestBody(EnrichRoutes.SCORE_BATCH, batch);
                batches.add(batch);
            }
        }
        return batches;
    }

    private double calls(String outcome, String server) {
        return meters.get("skillgap.llm.calls").tag("outcome", outcome).tag("server", server).counter().count();
    }

    private void resetScores() {
        jdbc.update("""
                UPDATE Occupation_Skills SET data_value = onet_data_value, value_source = 'onet', llm_model = NULL,
                       prompt_version = NULL, rationale = NULL, scored_at = NULL, input_hash = NULL
                 WHERE scale_id = 'LV'""");
        jdbc.update("DELETE FROM Llm_Skill_Scores");
    }

    private long lvPairs(String condition) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM Occupation_Skills WHERE scale_id = 'LV' AND " + condition,
                Long.class);
    }

    /** This context's own inbox and database (see {@link OwnContext}). */
    static final class OwnInbox extends OwnContext {
        OwnInbox() {
            super(POOL_INBOX, "_llm_pool");
        }
    }
}
