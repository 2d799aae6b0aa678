package dev.skillgap.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible chat server (WireMock, random port) that scores every skill a prompt asks about:
 * level = analyst level + {@link #LEVEL_OFFSET} (at most 7), so a test can tell an LLM score from an analyst value
 * and check that each level landed on its own skill. Scenario helpers make it misbehave: fenced or chatty JSON,
 * out-of-range levels, missing items, garbage, 429 with Retry-After, 500, slowness. Every call is in the journal.
 */
public final class FakeLlm implements AutoCloseable {

    public static final String PATH = "/v1/chat/completions";
    public static final BigDecimal LEVEL_OFFSET = new BigDecimal("0.50");

    private static final String SCORER = "fake-llm-scorer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ELEMENT = Pattern.compile("- element_id: (\\S+)");
    private static final Pattern ANALYST = Pattern.compile("analyst level: (\\d+(?:\\.\\d+)?)");
    private static final Pattern OCCUPATION = Pattern.compile("Occupation: (\\S+)");

    private final WireMockServer server;

    public FakeLlm() {
        server = new WireMockServer(options().dynamicPort().containerThreads(40).extensions(new Scorer()));
        server.start();
        answerEverything();
    }

    /** Base URL for provider openai (the client appends /chat/completions). */
    public String baseUrl() {
        return server.baseUrl() + "/v1";
    }

    public WireMockServer server() {
        return server;
    }

    /** Forgets stubs and journal; then answers every prompt correctly. */
    public void reset() {
        server.resetAll();
        answerEverything();
    }

    public void answerEverything() {
        server.stubFor(scored(post(urlEqualTo(PATH)), Map.of()));
    }

    /** Every answer takes this long (the benchmark's fixed latency). */
    public void answerEverythingAfter(int millis) {
        server.resetMappings();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFixedDelay(millis)
                .withTransformers(SCORER)));
    }

    /** Answers correctly, wrapped or altered as the parameters say (see {@link Scorer}). */
    public void answerWith(Map<String, Object> parameters) {
        server.resetMappings();
        server.stubFor(scored(post(urlEqualTo(PATH)), parameters));
    }

    /**
     * The first prompt about this occupation gets {@code first} (a fixed response); every other prompt, and every
     * later one about it, a correct answer. (Per occupation, so that parallel calls cannot both be "the first".)
     */
    public void firstAnswerFor(String onetsocCode, ResponseDefinitionBuilder first) {
        server.resetMappings();
        server.resetScenarios();
        server.stubFor(scored(post(urlEqualTo(PATH)).atPriority(10), Map.of()));
        server.stubFor(post(urlEqualTo(PATH)).atPriority(1).withRequestBody(containing(about(onetsocCode)))
                .inScenario("first").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("answered"));
    }

    /** Like {@link #firstAnswerFor(String, ResponseDefinitionBuilder)}, with a correct answer altered as said. */
    public void firstAnswerWithFor(String onetsocCode, Map<String, Object> parameters) {
        firstAnswerFor(onetsocCode, aResponse().withTransformers(SCORER).withTransformerParameters(parameters));
    }

    /** Every answer is {@code response}. */
    public void alwaysAnswer(ResponseDefinitionBuilder response) {
        server.resetMappings();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    /** Answers correctly for these occupations and with {@code otherwise} for all others. */
    public void answerOnly(List<String> onetsocCodes, ResponseDefinitionBuilder otherwise) {
        server.resetMappings();
        server.stubFor(post(urlEqualTo(PATH)).atPriority(10).willReturn(otherwise));
        for (String code : onetsocCodes) {
            server.stubFor(scored(post(urlEqualTo(PATH)).atPriority(1)
                    .withRequestBody(containing(about(code))), Map.of()));
        }
    }

    /** Answers prompts about this occupation as the parameters say, every other prompt correctly. */
    public void answerWithFor(String onetsocCode, Map<String, Object> parameters) {
        server.resetMappings();
        server.stubFor(scored(post(urlEqualTo(PATH)).atPriority(10), Map.of()));
        server.stubFor(scored(post(urlEqualTo(PATH)).atPriority(1)
                .withRequestBody(containing(about(onetsocCode))), parameters));
    }

    public int calls() {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount();
    }

    /** The user message of every call, oldest first. */
    public List<String> prompts() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events);
        List<String> prompts = new ArrayList<>();
        for (ServeEvent event : events) {
            prompts.add(userMessage(event.getRequest().getBodyAsString()));
        }
        return prompts;
    }

    /** The occupation code each call was about, oldest first. */
    public List<String> occupationsAsked() {
        return prompts().stream().map(p -> {
            Matcher m = OCCUPATION.matcher(p);
            return m.find() ? m.group(1) : "?";
        }).toList();
    }

    /** The expected LLM level for an analyst value. */
    public static BigDecimal levelFor(BigDecimal analyst) {
        return analyst.add(LEVEL_OFFSET).min(BigDecimal.valueOf(7)).setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String about(String onetsocCode) {
        return "Occupation: " + onetsocCode + " ";
    }

    private static MappingBuilder scored(MappingBuilder request, Map<String, Object> parameters) {
        return request.willReturn(aResponse().withTransformers(SCORER).withTransformerParameters(parameters));
    }

    static String userMessage(String requestBody) {
        try {
            JsonNode messages = JSON.readTree(requestBody).get("messages");
            String user = "";
            for (JsonNode message : messages) {
                if ("user".equals(message.get("role").asText())) {
                    user = message.get("content").asText();
                }
            }
            return user;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parameters: {@code style} json (default) | fenced | chatty | garbage; {@code omit} the number of last items
     * left out; {@code outOfRange} a level given to the first item instead of the right one.
     */
    static final class Scorer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return SCORER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Parameters parameters = serveEvent.getTransformerParameters();
            String prompt = userMessage(serveEvent.getRequest().getBodyAsString());
            Map<String, BigDecimal> analyst = new LinkedHashMap<>();
            Matcher element = ELEMENT.matcher(prompt);
            Matcher level = ANALYST.matcher(prompt);
            while (element.find() && level.find()) {
                analyst.put(element.group(1), new BigDecimal(level.group(1)));
            }
            int omit = parameters.containsKey("omit") ? parameters.getInt("omit") : 0;
            String style = parameters.containsKey("style") ? parameters.getString("style") : "json";
            ObjectNode reply = JSON.createObjectNode();
            ArrayNode scores = reply.putArray("scores");
            int index = 0;
            for (Map.Entry<String, BigDecimal> skill : analyst.entrySet()) {
                if (index++ >= analyst.size() - omit) {
                    break;
                }
                ObjectNode item = scores.addObject();
                item.put("element_id", skill.getKey());
                if (index == 1 && parameters.containsKey("outOfRange")) {
                    item.put("level", new BigDecimal(parameters.getString("outOfRange")));
                } else {
                    item.put("level", levelFor(skill.getValue()));
                }
                item.put("rationale", "Fake rationale for " + skill.getKey() + ".");
            }
            String content = switch (style) {
                case "fenced" -> "```json\n" + reply.toPrettyString() + "\n```";
                case "chatty" -> "Sure! Here are the levels you asked for:\n" + reply + "\nLet me know if you need more.";
                case "garbage" -> "I am sorry, I cannot rate skills today.";
                default -> reply.toString();
            };
            ObjectNode completion = JSON.createObjectNode();
            completion.put("id", "chatcmpl-fake");
            completion.put("object", "chat.completion");
            completion.put("created", 1_700_000_000L);
            completion.put("model", "fake-llm");
            ObjectNode choice = completion.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", content);
            choice.put("finish_reason", "stop");
            // ~4 characters per token, the usual estimate for English text
            int promptTokens = serveEvent.getRequest().getBodyAsString().length() / 4;
            int completionTokens = content.length() / 4;
            completion.putObject("usage").put("prompt_tokens", promptTokens)
                    .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
            ResponseDefinition stubbed = serveEvent.getResponseDefinition();
            return ResponseDefinitionBuilder.like(stubbed)
                    .but()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion.toString())
                    .build();
        }
    }
}
