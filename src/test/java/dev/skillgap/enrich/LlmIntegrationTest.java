package dev.skillgap.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skillgap.IntegrationTest;
import dev.skillgap.OwnContext;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that score with a (fake) LLM: the whole application with provider openai pointing at
 * {@link FakeLlm}, with short timeouts and backoffs. One Spring context (and database) for every subclass; the
 * shared {@link IntegrationTest} context keeps provider none. Each test starts from the loaded fixture with no LV
 * pair scored, an empty score cache and a fake that answers every prompt correctly.
 */
@ContextConfiguration(initializers = LlmIntegrationTest.OwnInbox.class)
abstract class LlmIntegrationTest extends IntegrationTest {

    /** Lives as long as the JVM, like the cached Spring context that points at it. */
    protected static final FakeLlm FAKE = new FakeLlm();
    /**
     * This context's own inbox: IntegrationTest.INBOX is one folder for the whole JVM, and two live contexts
     * watching it would take each other's releases.
     */
    protected static final Path LLM_INBOX = createLlmInbox();
    protected static final int FIXTURE_OCCUPATIONS = 6;
    protected static final int FIXTURE_LV_PAIRS = 210;
    private static boolean fixtureScored;

    @Autowired
    protected ProducerTemplate producer;

    @Autowired
    protected CamelContext camel;

    @Value("${skillgap.inbox}")
    private String inbox;

    @DynamicPropertySource
    static void llmProperties(DynamicPropertyRegistry registry) {
        registry.add("skillgap.llm.provider", () -> "openai");
        registry.add("skillgap.llm.base-url", FAKE::baseUrl);
        registry.add("skillgap.llm.model", () -> "fake-model");
        registry.add("skillgap.llm.concurrency", () -> "2");
        registry.add("skillgap.llm.rate.requests", () -> "1000");
        registry.add("skillgap.llm.rate.period-ms", () -> "1000");
        registry.add("skillgap.llm.timeout", () -> "1500ms");
        registry.add("skillgap.llm.max-attempts", () -> "3");
        registry.add("skillgap.llm.retry.max-retries", () -> "2");
        registry.add("skillgap.llm.retry.initial-delay", () -> "20ms");
        registry.add("skillgap.llm.retry.max-delay", () -> "2s");
        registry.add("skillgap.llm.circuit-breaker-failures", () -> "2");
        // one server: its circuit breaker (LlmServerPoolTest) would turn the failures these tests count into
        // rejected calls
        registry.add("skillgap.llm.server-breaker.failures", () -> "1000");
        registry.add("skillgap.llm.resume.first-delay-ms", () -> "0");
        registry.add("skillgap.llm.resume.period-ms", () -> "3600000");
    }

    @BeforeEach
    void fixtureLoadedNothingScored() {
        if (!fixtureScored) {
            assertThat(inbox).as("this context watches its own inbox").isEqualTo(LLM_INBOX.toString());
            dropAndAwaitLlmInboxEmpty(FIXTURE, "Occupation Data.txt", "Skills.txt", "Scales Reference.txt",
                    "Content Model Reference.txt");
            // the pass that the load triggered scores the fixture; let it finish before resetting
            await().atMost(Duration.ofSeconds(60)).until(() -> lvPairs("value_source = 'llm'") == FIXTURE_LV_PAIRS);
            fixtureScored = true;
        }
        awaitNoPass();
        FAKE.reset();
        jdbc.update("""
                UPDATE Occupation_Skills SET data_value = onet_data_value, value_source = 'onet', llm_model = NULL,
                       prompt_version = NULL, rationale = NULL, scored_at = NULL, input_hash = NULL
                 WHERE scale_id = 'LV'""");
        jdbc.update("DELETE FROM Llm_Skill_Scores");
    }

    /** Runs one scoring pass through the same queue as the real triggers and waits for its end. */
    protected void runPass() {
        producer.requestBody(EnrichRoutes.PASS + "?size=1&waitForTaskToComplete=Always&timeout=0", "");
    }

    protected void awaitNoPass() {
        // the route consumes through master:llm:... (leader election); the queue is the seda endpoint it leads
        SedaEndpoint queue = camel.getEndpoint(EnrichRoutes.PASS + "?size=1", SedaEndpoint.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> queue.getCurrentQueueSize() == 0
                        && camel.getInflightRepository().size(EnrichRoutes.PASS_ROUTE_ID) == 0);
    }

    /** Drops files of a release folder into this context's inbox and waits until the inbox has taken them. */
    protected static void dropAndAwaitLlmInboxEmpty(Path releaseDir, String... fileNames) {
        dropAndAwaitInboxEmpty(LLM_INBOX, releaseDir, fileNames);
    }

    /**
     * Puts this context's inbox in front of every other property source, the base class's dynamic
     * skillgap.inbox included (a @DynamicPropertySource here would not win over the base class's).
     */
    static final class OwnInbox extends OwnContext {
        OwnInbox() {
            super(LLM_INBOX, "_llm");
        }
    }

    static Path createLlmInbox() {
        return OwnContext.createInbox("llm-inbox-");
    }

    protected long lvPairs(String condition) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM Occupation_Skills WHERE scale_id = 'LV' AND " + condition,
                Long.class);
    }

    protected long dataVersion() {
        return jdbc.queryForObject("SELECT version FROM Data_Version WHERE id = 1", Long.class);
    }
}
