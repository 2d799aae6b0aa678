package dev.skillgap.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillgap.IntegrationTest;
import dev.skillgap.OwnContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole pass with provider ollama against the fake's Ollama API, with prompt lv-1 and response-format json (the
 * settings the backtest compares against the defaults): the limits and the format reach every request, and the
 * fixture's 210 LV pairs are scored with one call per occupation and stored with prompt version lv-1.
 */
@ContextConfiguration(initializers = OllamaPassTest.OwnInbox.class)
class OllamaPassTest extends IntegrationTest {

    static final FakeLlm OLLAMA = new FakeLlm();
    static final Path OLLAMA_INBOX = LlmIntegrationTest.createLlmInbox();

    static final class OwnInbox extends OwnContext {
        OwnInbox() {
            super(OLLAMA_INBOX, "_ollama");
        }
    }

    @DynamicPropertySource
    static void ollamaProperties(DynamicPropertyRegistry registry) {
        registry.add("skillgap.llm.provider", () -> "ollama");
        registry.add("skillgap.llm.base-url", OLLAMA::ollamaBaseUrl);
        registry.add("skillgap.llm.model", () -> "fake-ollama-model");
        registry.add("skillgap.llm.prompt-version", () -> "lv-1");
        registry.add("skillgap.llm.response-format", () -> "json");
        registry.add("skillgap.llm.timeout", () -> "5s");
        registry.add("skillgap.llm.rate.requests", () -> "1000");
        registry.add("skillgap.llm.rate.period-ms", () -> "1000");
        registry.add("skillgap.llm.resume.first-delay-ms", () -> "3600000");
        registry.add("skillgap.llm.resume.period-ms", () -> "3600000");
    }

    @AfterAll
    static void stopFake() {
        OLLAMA.close();
    }

    @Test
    void scoresTheFixtureThroughTheOllamaApiWithTheConfiguredLimitsAndPromptVersion() {
        for (String name : new String[] {"Occupation Data.txt", "Skills.txt", "Scales Reference.txt",
                "Content Model Reference.txt"}) {
            dropIntoInbox(OLLAMA_INBOX, FIXTURE.resolve(name), name);
        }

        // the release load queues the pass
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> lvPairs("value_source = 'llm'") == 210);

        assertThat(OLLAMA.calls()).isEqualTo(6);
        assertThat(OLLAMA.requestBodies()).allSatisfy(body -> {
            assertThat(body.at("/options/num_ctx").asInt()).isEqualTo(8192);
            assertThat(body.at("/options/num_predict").asInt()).isEqualTo(3072);
            assertThat(body.get("format").asText()).isEqualTo("json");
            assertThat(body.get("model").asText()).isEqualTo("fake-ollama-model");
            JsonNode system = body.at("/messages/0/content");
            assertThat(system.asText()).contains("take that rating as the reference"); // lv-1
        });
        assertThat(OLLAMA.prompts()).allSatisfy(p -> assertThat(p).contains("Rate these 35 skills", "name: "));
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM Occupation_Skills WHERE scale_id = 'LV'");
        assertThat(rows).allSatisfy(row -> {
            assertThat((BigDecimal) row.get("data_value"))
                    .isEqualByComparingTo(FakeLlm.levelFor((BigDecimal) row.get("onet_data_value")));
            assertThat(row.get("prompt_version")).isEqualTo("lv-1");
            assertThat(row.get("llm_model")).isEqualTo("fake-ollama-model");
        });
    }

    private long lvPairs(String condition) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM Occupation_Skills WHERE scale_id = 'LV' AND " + condition,
                Long.class);
    }
}
