package dev.skillgap.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real LangChain4j OpenAI client, as the app builds it, over HTTP against the fake server. */
class SkillLevelChatModelTest {

    private static final FakeLlm FAKE = new FakeLlm();
    private static final List<ChatMessage> PROMPT = SkillLevelPrompt.messages(SkillLevelPromptTest.MANAGERS,
            List.of(SkillLevelPromptTest.reading(new BigDecimal("4.00"))));

    private SimpleMeterRegistry registry;
    private ChatModel model;

    @BeforeEach
    void setUp() {
        FAKE.reset();
        registry = new SimpleMeterRegistry();
        model = chatModel(FAKE.baseUrl(), Duration.ofMillis(500));
    }

    @AfterAll
    static void stopFake() {
        FAKE.close();
    }

    private ChatModel chatModel(String baseUrl, Duration timeout) {
        return chatModel(LlmProperties.Provider.OPENAI, baseUrl, timeout);
    }

    private ChatModel chatModel(LlmProperties.Provider provider, String baseUrl, Duration timeout) {
        LlmProperties properties = new LlmProperties(provider, baseUrl, "fake-model", "", 35,
                1, timeout, 3, true, 0.0, 3,
                new LlmProperties.Retry(2, Duration.ofMillis(10), Duration.ofMillis(100)));
        return new LlmConfiguration().skillLevelChatModel(properties, new LlmMetrics(registry));
    }

    @Test
    void sendsThePromptAndReturnsTheAnswerAndCountsTokens() throws Exception {
        String answer = model.chat(PROMPT).aiMessage().text();

        SkillLevelReply reply = SkillLevelReply.parse(answer, List.of("2.A.1.a"));
        assertThat(reply.scores().get("2.A.1.a").level()).isEqualByComparingTo("4.50");
        assertThat(FAKE.calls()).isEqualTo(1);
        JsonNode body = new ObjectMapper().readTree(
                FAKE.server().getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(body.get("model").asText()).isEqualTo("fake-model");
        assertThat(body.get("temperature").asDouble()).isZero();
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(registry.get("skillgap.llm.calls").tag("outcome", "success").counter().count()).isEqualTo(1);
        assertThat(registry.get("skillgap.llm.tokens").tag("kind", "input").counter().count()).isPositive();
        assertThat(registry.get("skillgap.llm.tokens").tag("kind", "output").counter().count()).isPositive();
    }

    @Test
    void rateLimitKeepsRetryAfterAndIsNotRetriedByTheClient() {
        FAKE.alwaysAnswer(aResponse().withStatus(429).withHeader("Retry-After", "3").withBody("slow down"));

        assertThatThrownBy(() -> model.chat(PROMPT))
                .isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(LlmHttpException.findIn(e).orElseThrow().retryAfter())
                        .contains(Duration.ofSeconds(3)));
        assertThat(FAKE.calls()).isEqualTo(1);
        assertThat(registry.get("skillgap.llm.calls").tag("outcome", "failure").counter().count()).isEqualTo(1);
    }

    @Test
    void serverErrorIsRetriable() {
        FAKE.alwaysAnswer(aResponse().withStatus(500).withBody("boom"));

        assertThatThrownBy(() -> model.chat(PROMPT)).isInstanceOf(InternalServerException.class)
                .satisfies(e -> assertThat(LlmHttpException.findIn(e).orElseThrow().statusCode()).isEqualTo(500));
        assertThat(FAKE.calls()).isEqualTo(1);
    }

    @Test
    void slowAnswerTimesOut() {
        FAKE.answerEverythingAfter(2_000);

        assertThatThrownBy(() -> model.chat(PROMPT)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void unreachableServerIsRetriable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChatModel unreachable = chatModel("http://127.0.0.1:" + closedPort + "/v1", Duration.ofMillis(500));

        assertThatThrownBy(() -> unreachable.chat(PROMPT)).isInstanceOf(RetriableException.class);
    }

    @Test
    void ollamaProviderSpeaksTheOllamaApiAndKeepsRetryAfter() throws Exception {
        ChatModel ollama = chatModel(LlmProperties.Provider.OLLAMA, FAKE.server().baseUrl(), Duration.ofMillis(500));
        String answer = "{\"scores\":[{\"element_id\":\"2.A.1.a\",\"level\":4.5,\"rationale\":\"Reads.\"}]}";
        FAKE.server().stubFor(post(urlEqualTo("/api/chat")).inScenario("ollama").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        FAKE.server().stubFor(post(urlEqualTo("/api/chat")).inScenario("ollama").whenScenarioStateIs("ok")
                .willReturn(okJson(new ObjectMapper().createObjectNode()
                        .put("model", "fake-model").put("created_at", "2025-05-01T10:00:00Z")
                        .put("done", true).put("done_reason", "stop")
                        .put("prompt_eval_count", 120).put("eval_count", 30)
                        .set("message", new ObjectMapper().createObjectNode()
                                .put("role", "assistant").put("content", answer)).toString())));

        assertThatThrownBy(() -> ollama.chat(PROMPT))
                .satisfies(e -> assertThat(LlmHttpException.findIn(e).orElseThrow().retryAfter())
                        .contains(Duration.ofSeconds(2)));
        String text = ollama.chat(PROMPT).aiMessage().text();

        assertThat(SkillLevelReply.parse(text, List.of("2.A.1.a")).scores()).containsKey("2.A.1.a");
        JsonNode body = new ObjectMapper().readTree(
                FAKE.server().getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(body.get("model").asText()).isEqualTo("fake-model");
        assertThat(body.get("format").asText()).isEqualTo("json");
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(registry.get("skillgap.llm.tokens").tag("kind", "input").counter().count()).isEqualTo(120);
    }

    @Test
    void readsRetryAfterInEveryForm() {
        Clock clock = Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC);
        RetryAfterHttpClient client = RetryAfterHttpClient.builder().clock(clock).build();

        assertThat(client.retryAfter(Map.of("Retry-After", List.of("12")))).contains(Duration.ofSeconds(12));
        assertThat(client.retryAfter(Map.of("retry-after", List.of("1.5")))).contains(Duration.ofMillis(1500));
        assertThat(client.retryAfter(Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("9"))))
                .contains(Duration.ofMillis(250));
        assertThat(client.retryAfter(Map.of("Retry-After", List.of("Thu, 01 May 2025 10:00:30 GMT"))))
                .contains(Duration.ofSeconds(30));
        assertThat(client.retryAfter(Map.of("Retry-After", List.of("Thu, 01 May 2025 09:00:00 GMT"))))
                .contains(Duration.ZERO);
        assertThat(client.retryAfter(Map.of("Retry-After", List.of("soon")))).isEmpty();
        assertThat(client.retryAfter(Map.of())).isEmpty();
    }
}
