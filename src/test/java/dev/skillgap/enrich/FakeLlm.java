package dev.skillgap.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
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
 * A chat server (WireMock, random port) speaking both the OpenAI-compatible API ({@link #PATH}) and Ollama's
 * ({@link #OLLAMA_PATH}) that scores every skill a prompt asks about: level = analyst level + {@link #LEVEL_OFFSET}
 * (at most 7), so a test can tell an LLM score from an analyst value and check that each level landed on its own
 * skill. Like a small real model it has a context window and output limits, counted as characters / 4: the reply
 * is cut where prompt + reply reach the window (Ollama: the request's options.num_ctx, else Ollama's default 4,096;
 * OpenAI-compatible: parameter contextTokens, else none) or the request's output cap (max_tokens /
 * options.num_predict), with finish_reason / done_reason "length". Scenario helpers make it misbehave: fenced or
 * chatty JSON, out-of-range levels, missing items (the last ones, or occasional ones), garbage, 429 with
 * Retry-After, 500, slowness. Every call is in the journal.
 */
public final class FakeLlm implements AutoCloseable {

    public static final String PATH = "/v1/chat/completions";
    public static final String OLLAMA_PATH = "/api/chat";
    /** Ollama's context window when a request sets no num_ctx (and OLLAMA_CONTEXT_LENGTH is unset). */
    public static final int OLLAMA_DEFAULT_CONTEXT = 4096;
    private static final String ANY_CHAT = "(" + PATH + "|" + OLLAMA_PATH + ")";
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

    /** Base URL for provider ollama (the client appends /api/chat). */
    public String ollamaBaseUrl() {
        return server.baseUrl();
    }

    /** The JSON body of every call, oldest first. */
    public List<JsonNode> requestBodies() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events);
        List<JsonNode> bodies = new ArrayList<>();
        for (ServeEvent event : events) {
            try {
                bodies.add(JSON.readTree(event.getRequest().getBodyAsString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }

    /** The rationale the fake gives for a skill: ~30 tokens, so that 35 skills take ~1,100 reply tokens. */
    public static String rationale(String elementId) {
        return "Fake rationale for " + elementId + ": the occupation's tasks and the anchors of this skill put its "
                + "level here.";
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
        server.stubFor(scored(post(urlMatching(ANY_CHAT)), Map.of()));
    }

    /** Every answer takes this long (the benchmark's fixed latency). */
    public void answerEverythingAfter(int millis) {
        server.resetMappings();
        server.stubFor(post(urlMatching(ANY_CHAT)).willReturn(aResponse().withFixedDelay(millis)
                .withTransformers(SCORER)));
    }

    /** Answers correctly, wrapped or altered as the parameters say (see {@link Scorer}). */
    public void answerWith(Map<String, Object> parameters) {
        server.resetMappings();
        server.stubFor(scored(post(urlMatching(ANY_CHAT)), parameters));
    }

    /**
     * The first prompt about this occupation gets {@code first} (a fixed response); every other prompt, and every
     * later one about it, a correct answer. (Per occupation, so that parallel calls cannot both be "the first".)
     */
    public void firstAnswerFor(String onetsocCode, ResponseDefinitionBuilder first) {
        server.resetMappings();
        server.resetScenarios();
        server.stubFor(scored(post(urlMatching(ANY_CHAT)).atPriority(10), Map.of()));
        server.stubFor(post(urlMatching(ANY_CHAT)).atPriority(1).withRequestBody(containing(about(onetsocCode)))
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
        server.stubFor(post(urlMatching(ANY_CHAT)).willReturn(response));
    }

    /** Answers correctly for these occupations and with {@code otherwise} for all others. */
    public void answerOnly(List<String> onetsocCodes, ResponseDefinitionBuilder otherwise) {
        server.resetMappings();
        server.stubFor(post(urlMatching(ANY_CHAT)).atPriority(10).willReturn(otherwise));
        for (String code : onetsocCodes) {
            server.stubFor(scored(post(urlMatching(ANY_CHAT)).atPriority(1)
                    .withRequestBody(containing(about(code))), Map.of()));
        }
    }

    /** Answers prompts about this occupation as the parameters say, every other prompt correctly. */
    public void answerWithFor(String onetsocCode, Map<String, Object> parameters) {
        server.resetMappings();
        server.stubFor(scored(post(urlMatching(ANY_CHAT)).atPriority(10), Map.of()));
        server.stubFor(scored(post(urlMatching(ANY_CHAT)).atPriority(1)
                .withRequestBody(containing(about(onetsocCode))), parameters));
    }

    public int calls() {
        return server.countRequestsMatching(postRequestedFor(urlMatching(ANY_CHAT)).build()).getCount();
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
     * left out; {@code missEvery} n: an item is left out, in questions of 10 skills or more, where a hash of its
     * occupation and element_id is divisible by n (occasional, repeatable misses); {@code outOfRange} a level given to
     * the first item instead of the right one; {@code contextTokens} the model's window (OpenAI shape; the Ollama
     * shape reads the request's num_ctx); {@code finishReason} the finish reason / done_reason to report whatever the
     * reply (e.g. "length" for a server that stopped exactly at the end of an item: whole JSON, cut off all the same).
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
            String body = serveEvent.getRequest().getBodyAsString();
            boolean ollama = serveEvent.getRequest().getUrl().startsWith(OLLAMA_PATH);
            JsonNode request = readJson(body);
            String prompt = userMessage(body);
            Map<String, BigDecimal> analyst = new LinkedHashMap<>();
            Matcher element = ELEMENT.matcher(prompt);
            Matcher level = ANALYST.matcher(prompt);
            while (element.find() && level.find()) {
                analyst.put(element.group(1), new BigDecimal(level.group(1)));
            }
            Matcher occupationMatch = OCCUPATION.matcher(prompt);
            String occupation = occupationMatch.find() ? occupationMatch.group(1) : "?";
            int omit = parameters.containsKey("omit") ? parameters.getInt("omit") : 0;
            int missEvery = parameters.containsKey("missEvery") ? parameters.getInt("missEvery") : 0;
            String style = parameters.containsKey("style") ? parameters.getString("style") : "json";
            ObjectNode reply = JSON.createObjectNode();
            ArrayNode scores = reply.putArray("scores");
            int index = 0;
            for (Map.Entry<String, BigDecimal> skill : analyst.entrySet()) {
                if (index++ >= analyst.size() - omit) {
                    break;
                }
                if (missEvery > 0 && analyst.size() >= 10
                        && Math.floorMod((occupation + skill.getKey()).hashCode(), missEvery) == 0) {
                    continue;
                }
                ObjectNode item = scores.addObject();
                item.put("element_id", skill.getKey());
                if (index == 1 && parameters.containsKey("outOfRange")) {
                    item.put("level", new BigDecimal(parameters.getString("outOfRange")));
                } else {
                    item.put("level", levelFor(skill.getValue()));
                }
                item.put("rationale", rationale(skill.getKey()));
            }
            String content = switch (style) {
                case "fenced" -> "```json\n" + reply.toPrettyString() + "\n```";
                case "chatty" -> "Sure! Here are the levels you asked for:\n" + reply + "\nLet me know if you need more.";
                case "garbage" -> "I am sorry, I cannot rate skills today.";
                default -> reply.toString();
            };
            // ~4 characters per token, the usual estimate for English text
            int promptTokens = promptChars(request) / 4;
            Integer window = ollama
                    ? Integer.valueOf(request.at("/options/num_ctx").asInt(OLLAMA_DEFAULT_CONTEXT))
                    : parameters.containsKey("contextTokens") ? Integer.valueOf(parameters.getInt("contextTokens")) : null;
            int cap = ollama ? request.at("/options/num_predict").asInt(-1)
                    : request.has("max_completion_tokens") ? request.get("max_completion_tokens").asInt()
                    : request.path("max_tokens").asInt(-1);
            int budget = Integer.MAX_VALUE;
            if (window != null) {
                budget = Math.max(0, window - promptTokens);
            }
            if (cap > 0) {
                budget = Math.min(budget, cap);
            }
            boolean cut = content.length() / 4 > budget;
            if (cut) {
                content = content.substring(0, budget * 4);
            }
            String finishReason = parameters.containsKey("finishReason") ? parameters.getString("finishReason")
                    : cut ? "length" : "stop";
            int completionTokens = content.length() / 4;
            ObjectNode completion = JSON.createObjectNode();
            if (ollama) {
                completion.put("model", request.path("model").asText("fake-llm"));
                completion.put("created_at", "2025-05-01T10:00:00Z");
                completion.putObject("message").put("role", "assistant").put("content", content);
                completion.put("done", true);
                completion.put("done_reason", finishReason);
                completion.put("prompt_eval_count", promptTokens);
                completion.put("eval_count", completionTokens);
            } else {
                completion.put("id", "chatcmpl-fake");
                completion.put("object", "chat.completion");
                completion.put("created", 1_700_000_000L);
                completion.put("model", "fake-llm");
                ObjectNode choice = completion.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", content);
                choice.put("finish_reason", finishReason);
                completion.putObject("usage").put("prompt_tokens", promptTokens)
                        .put("completion_tokens", completionTokens)
                        .put("total_tokens", promptTokens + completionTokens);
            }
            ResponseDefinition stubbed = serveEvent.getResponseDefinition();
            return ResponseDefinitionBuilder.like(stubbed)
                    .but()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion.toString())
                    .build();
        }

        private static int promptChars(JsonNode request) {
            int chars = 0;
            for (JsonNode message : request.path("messages")) {
                chars += message.path("content").asText().length();
            }
            return chars;
        }

        private static JsonNode readJson(String body) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
