package dev.skillgap.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
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

/**
 * The real LangChain4j clients (OpenAI-compatible, Ollama), as the app builds them (inside {@link EnrichChatModel}),
 * over HTTP against the fake, called as the langchain4j-chat endpoint calls them: {@code chat(List<ChatMessage>)}.
 */
class SkillLevelChatModelTest {

    private static final FakeLlm FAKE = new FakeLlm();
    private static final List<SkillPair> ASKED = List.of(SkillLevelPromptTest.reading(new BigDecimal("4.00")));
    private static final List<ChatMessage> PROMPT = request(LlmProperties.ResponseFormatMode.JSON, ASKED);

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
        return chatModel(properties(provider, baseUrl, timeout, LlmProperties.ResponseFormatMode.JSON, 8192, 3072));
    }

    private ChatModel chatModel(LlmProperties properties) {
        return LlmConfiguration.chatModel(properties, properties.servers().get(0), new LlmMetrics(registry));
    }

    static LlmProperties properties(LlmProperties.Provider provider, String baseUrl, Duration timeout,
                                    LlmProperties.ResponseFormatMode format, int contextTokens, int maxOutputTokens) {
        return new LlmProperties(provider, baseUrl, "fake-model", "", 35, 1, timeout, 3, format,
                SkillLevelPrompt.LATEST, contextTokens, maxOutputTokens, 0.0, 3, null, null,
                new LlmProperties.Retry(2, 1, Duration.ofMillis(10), Duration.ofMillis(100)));
    }

    /** The messages of a question as the question step builds them (the response format as an attribute). */
    private static List<ChatMessage> request(LlmProperties.ResponseFormatMode format, List<SkillPair> asked) {
        LlmProperties properties = properties(LlmProperties.Provider.OPENAI, "", Duration.ofSeconds(1), format, 0, 0);
        return EnrichChatModel.withResponseFormat(properties, SkillLevelPrompt.messages(SkillLevelPrompt.LATEST,
                SkillLevelPrompt.catalogue(asked), asked.get(0).occupation(), asked), asked);
    }

    /** The raw bodies the fake received: the message attributes (the response format) are never among them. */
    private static List<String> rawBodies() {
        return FAKE.server().getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString()).toList();
    }

    /** The 35 LV skills of one fixture occupation, as a pass asks for them. */
    private static List<SkillPair> thirtyFiveSkills() {
        List<SkillPair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 35; i++) {
            String id = "2.A.9." + i;
            pairs.add(SkillPair.of(SkillLevelPromptTest.MANAGERS, id, "Skill number " + i,
                    "What skill number " + i + " is about, in a sentence of about the usual length of O*NET's.",
                    List.of(new LevelAnchor(new BigDecimal("2"), "A simple example of skill " + i + " at work today"),
                            new LevelAnchor(new BigDecimal("4"), "A harder example of skill " + i + " at work today"),
                            new LevelAnchor(new BigDecimal("6"), "An expert example of skill " + i + " at work today")),
                    new BigDecimal("3.00"), new BigDecimal("3.50"), new BigDecimal("2.75"), new BigDecimal("3.25")));
        }
        return pairs;
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
        assertThat(body.get("max_tokens").asInt()).isEqualTo(3072);
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
        assertThat(body.at("/options/num_ctx").asInt()).isEqualTo(8192);
        assertThat(body.at("/options/num_predict").asInt()).isEqualTo(3072);
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(registry.get("skillgap.llm.tokens").tag("kind", "input").counter().count()).isEqualTo(120);
    }

    @Test
    void openAiSchemaModeSendsAStrictJsonSchemaNamingTheAskedElementIds() {
        List<SkillPair> asked = thirtyFiveSkills().subList(0, 3);
        ChatResponse response = chatModel(properties(LlmProperties.Provider.OPENAI, FAKE.baseUrl(),
                Duration.ofSeconds(2), LlmProperties.ResponseFormatMode.SCHEMA, 8192, 3072))
                .chat(request(LlmProperties.ResponseFormatMode.SCHEMA, asked));

        JsonNode format = FAKE.requestBodies().get(0).get("response_format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
        JsonNode item = format.at("/json_schema/schema/properties/scores/items");
        assertThat(item.at("/properties/element_id/enum")).extracting(JsonNode::asText)
                .containsExactly("2.A.9.0", "2.A.9.1", "2.A.9.2");
        assertThat(item.at("/properties/level/type").asText()).isEqualTo("number");
        assertThat(item.get("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("element_id", "level", "rationale");
        assertThat(SkillLevelReply.parse(response.aiMessage().text(), List.of("2.A.9.0", "2.A.9.1", "2.A.9.2"))
                .scores()).hasSize(3);
        assertThat(rawBodies()).hasSize(1).allSatisfy(raw -> assertThat(raw)
                .doesNotContain(EnrichChatModel.RESPONSE_FORMAT).doesNotContain("attributes"));
    }

    @Test
    void ollamaSchemaModeSendsTheSchemaAsFormat() {
        List<SkillPair> asked = thirtyFiveSkills().subList(0, 2);
        chatModel(properties(LlmProperties.Provider.OLLAMA, FAKE.ollamaBaseUrl(), Duration.ofSeconds(2),
                LlmProperties.ResponseFormatMode.SCHEMA, 8192, 3072))
                .chat(request(LlmProperties.ResponseFormatMode.SCHEMA, asked));

        JsonNode body = FAKE.requestBodies().get(0);
        assertThat(body.at("/format/type").asText()).isEqualTo("object");
        assertThat(body.at("/format/properties/scores/items/properties/element_id/enum"))
                .extracting(JsonNode::asText).containsExactly("2.A.9.0", "2.A.9.1");
        assertThat(body.at("/options/num_ctx").asInt()).isEqualTo(8192);
        assertThat(rawBodies()).hasSize(1).allSatisfy(raw -> assertThat(raw)
                .doesNotContain(EnrichChatModel.RESPONSE_FORMAT).doesNotContain("attributes"));
    }

    @Test
    void ollamaWithItsDefaultContextCutsA35SkillReplyAndSaysSoWhileTheConfiguredContextFits() {
        List<SkillPair> all = thirtyFiveSkills();
        List<String> ids = all.stream().map(SkillPair::elementId).toList();
        List<ChatMessage> question = request(LlmProperties.ResponseFormatMode.JSON, all);

        // context-tokens 0: no num_ctx, so the server's 4,096 applies (Ollama without OLLAMA_CONTEXT_LENGTH);
        // done_reason "length" is thrown with the partial text
        ChatModel defaultContext = chatModel(properties(LlmProperties.Provider.OLLAMA, FAKE.ollamaBaseUrl(),
                Duration.ofSeconds(2), LlmProperties.ResponseFormatMode.JSON, 0, 0));
        TruncatedReplyException cut = catchThrowableOfType(TruncatedReplyException.class,
                () -> defaultContext.chat(question));
        ChatResponse whole = chatModel(properties(LlmProperties.Provider.OLLAMA, FAKE.ollamaBaseUrl(),
                Duration.ofSeconds(2), LlmProperties.ResponseFormatMode.JSON, 8192, 3072)).chat(question);

        assertThat(FAKE.requestBodies().get(0).at("/options/num_ctx").isMissingNode()).isTrue();
        assertThat(cut).as("finish reason length").isNotNull();
        SkillLevelReply salvaged = SkillLevelReply.parse(cut.partialText(), ids, true);
        assertThat(salvaged.truncated()).isTrue();
        assertThat(salvaged.scores()).isNotEmpty().hasSizeLessThan(35);
        assertThat(salvaged.scores().keySet()).containsExactlyElementsOf(ids.subList(0, salvaged.scores().size()));
        assertThat(whole.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(SkillLevelReply.parse(whole.aiMessage().text(), ids).scores()).hasSize(35);
        // prompt plus reply of one 35-skill question: more than Ollama's default window, less than the configured
        int total = whole.tokenUsage().inputTokenCount() + whole.tokenUsage().outputTokenCount();
        assertThat(total).isBetween(FakeLlm.OLLAMA_DEFAULT_CONTEXT + 1, 8192 - 1);
    }

    @Test
    void offModeSendsNoResponseFormatAndTheChattyReplyIsStillRead() {
        FAKE.answerWith(Map.of("style", "chatty"));
        ChatResponse response = chatModel(properties(LlmProperties.Provider.OPENAI, FAKE.baseUrl(),
                Duration.ofSeconds(2), LlmProperties.ResponseFormatMode.OFF, 8192, 3072))
                .chat(request(LlmProperties.ResponseFormatMode.OFF, ASKED));

        assertThat(FAKE.requestBodies().get(0).has("response_format")).isFalse();
        assertThat(SkillLevelReply.parse(response.aiMessage().text(), List.of("2.A.1.a")).scores())
                .containsKey("2.A.1.a");
    }

    @Test
    void openAiOutputCapCutsTheReplyWithFinishReasonLength() {
        List<SkillPair> all = thirtyFiveSkills();
        ChatModel capped = chatModel(properties(LlmProperties.Provider.OPENAI, FAKE.baseUrl(), Duration.ofSeconds(2),
                LlmProperties.ResponseFormatMode.JSON, 8192, 300));
        TruncatedReplyException cut = catchThrowableOfType(TruncatedReplyException.class,
                () -> capped.chat(request(LlmProperties.ResponseFormatMode.JSON, all)));

        assertThat(FAKE.requestBodies().get(0).get("max_tokens").asInt()).isEqualTo(300);
        assertThat(cut).as("finish reason length").isNotNull();
        assertThat(cut.outputTokens()).isEqualTo(300);
        assertThat(cut.partialText()).startsWith("{\"scores\":[");
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
