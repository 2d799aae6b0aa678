package dev.skillgap.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI-compatible chat servers (JDK HttpServer, random port) that the real LangChain4j client of the app talks to,
 * built to show that the backtest tells models apart. Each reads what it needs from the prompt (the occupation code,
 * every asked element_id and the analyst level shown beside it: {@link #readPrompt}) and answers:
 * <ul>
 *   <li>{@link Mode#ECHO}: the analyst level (a model that only echoes: delta 0, gate fail);</li>
 *   <li>{@link Mode#NOISY}: the analyst level plus Gaussian noise (sd {@value #NOISE_SD}; worse: delta above 0, fail);</li>
 *   <li>{@link Mode#KNOWING}: for {@value #KNOWN_PERCENT}% of the skills (a fixed hash of code and element) the NEW
 *       panel's level, which it is given with {@link #knowPanel}; the analyst level for the rest (delta below 0, pass).</li>
 * </ul>
 * Usage is reported as prompt characters / 4, so the app's token meter has numbers to show.
 */
public final class BacktestFakes implements AutoCloseable {

    public enum Mode { ECHO, NOISY, KNOWING;

        public static Mode of(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }

        /** The model name a fake reports and the backtest records. */
        public String modelName() {
            return "backtest-fake-" + name().toLowerCase(Locale.ROOT);
        }
    }

    public static final double NOISE_SD = 0.5;
    public static final int KNOWN_PERCENT = 60;
    public static final String PATH = "/v1/chat/completions";

    /** One asked skill: its Element ID and the analyst level the prompt shows. */
    public record Item(String elementId, BigDecimal analyst) {
    }

    /** What a fake reads from a prompt. */
    public record Prompt(String occupation, List<Item> items) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OCCUPATION = Pattern.compile("\\b(\\d{2}-\\d{4}\\.\\d{2})\\b");
    private static final Pattern LABELLED_ELEMENT = Pattern.compile(
            "element_id\\W{0,5}(\\d+(?:\\.[A-Za-z0-9]+)+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_ELEMENT = Pattern.compile("\\b(\\d\\.[A-Z](?:\\.\\d+)?(?:\\.[a-z])?)\\b");
    private static final Pattern ANALYST = Pattern.compile(
            "analyst[^0-9\\n]{0,40}?(\\d+(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);

    private volatile Mode mode;
    private final HttpServer server;
    private final ExecutorService threads;
    private final CompletableFuture<Map<String, Map<String, BigDecimal>>> panel = new CompletableFuture<>();
    private final Map<String, AtomicInteger> asks = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong promptCharacters = new AtomicLong();

    public BacktestFakes(Mode mode) throws IOException {
        this.mode = mode;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "backtest-fake");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PATH, this::answer);
        server.start();
    }

    public Mode mode() {
        return mode;
    }

    /** Switches the rule the fake answers by (one server, one configured model, several behaviours). */
    public void mode(Mode next) {
        this.mode = next;
    }

    /** Base URL for provider openai (the client appends /chat/completions). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The NEW panel's LV levels (code -> element_id -> level) that the knowing fake half-knows. */
    public void knowPanel(Map<String, Map<String, BigDecimal>> levels) {
        panel.complete(levels);
    }

    public long calls() {
        return calls.get();
    }

    public long promptCharacters() {
        return promptCharacters.get();
    }

    /**
     * The lenient reading of a prompt, in ONE place: the first O*NET-SOC code; every element_id (labelled
     * {@code element_id: X} as prompt lv-1 writes it, else any Element ID-shaped token) that has an analyst level
     * between it and the next one. Prompts that list a catalogue elsewhere (another message) are read from the
     * messages that carry analyst levels.
     */
    public static Prompt readPrompt(String text) {
        Matcher code = OCCUPATION.matcher(text);
        String occupation = code.find() ? code.group(1) : null;
        List<Item> items = items(text, LABELLED_ELEMENT);
        return new Prompt(occupation, items.isEmpty() ? items(text, ANY_ELEMENT) : items);
    }

    /** What a fake reads from the messages of one request: from those that carry analyst levels, else all. */
    public static Prompt readPrompt(List<String> messages) {
        StringBuilder withLevels = new StringBuilder();
        StringBuilder all = new StringBuilder();
        for (String text : messages) {
            all.append(text).append('\n');
            if (ANALYST.matcher(text).find()) {
                withLevels.append(text).append('\n');
            }
        }
        return readPrompt(withLevels.isEmpty() ? all.toString() : withLevels.toString());
    }

    private static List<Item> items(String text, Pattern elementPattern) {
        Matcher element = elementPattern.matcher(text);
        List<int[]> spans = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (element.find()) {
            ids.add(element.group(1));
            spans.add(new int[] {element.start(), element.end()});
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            int end = i + 1 < ids.size() ? spans.get(i + 1)[0] : text.length();
            Matcher analyst = ANALYST.matcher(text).region(spans.get(i)[1], end);
            if (analyst.find()) {
                items.add(new Item(ids.get(i), new BigDecimal(analyst.group(1))));
            }
        }
        return items;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            List<String> messages = new ArrayList<>();
            for (JsonNode message : request.path("messages")) {
                messages.add(text(message.path("content")));
            }
            int allLength = messages.stream().mapToInt(m -> m.length() + 1).sum();
            calls.incrementAndGet();
            promptCharacters.addAndGet(allLength);
            Prompt prompt = readPrompt(messages);
            int ask = asks.computeIfAbsent(String.valueOf(prompt.occupation()), k -> new AtomicInteger())
                    .getAndIncrement();
            ArrayNode scores = JSON.createArrayNode();
            for (Item item : prompt.items()) {
                scores.addObject().put("element_id", item.elementId())
                        .put("level", level(prompt.occupation(), item, ask))
                        .put("rationale", "backtest fake (" + mode.name().toLowerCase(Locale.ROOT) + ")");
            }
            ObjectNode content = JSON.createObjectNode();
            content.set("scores", scores);
            String reply = JSON.writeValueAsString(content);
            ObjectNode response = JSON.createObjectNode()
                    .put("id", "fake-" + calls.get()).put("object", "chat.completion").put("created", 0)
                    .put("model", request.path("model").asText(mode.modelName()));
            ObjectNode choice = response.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", reply);
            response.putObject("usage").put("prompt_tokens", allLength / 4)
                    .put("completion_tokens", reply.length() / 4)
                    .put("total_tokens", allLength / 4 + reply.length() / 4);
            byte[] body = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            byte[] body = ("{\"error\":{\"message\":\"" + e.getClass().getSimpleName() + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText()).append('\n'));
        return text.toString();
    }

    /** The level this fake answers for one item (two decimals, within 0-7). */
    BigDecimal level(String occupation, Item item, int ask) {
        BigDecimal level = switch (mode) {
            case ECHO -> item.analyst();
            case NOISY -> {
                Random random = new Random(((long) (occupation + '|' + item.elementId()).hashCode() << 8) + ask);
                yield item.analyst().add(BigDecimal.valueOf(random.nextGaussian() * NOISE_SD));
            }
            case KNOWING -> {
                BigDecimal known = knows(occupation, item.elementId())
                        ? newPanel().getOrDefault(occupation, Map.of()).get(item.elementId()) : null;
                yield known == null ? item.analyst() : known;
            }
        };
        return level.max(BigDecimal.ZERO).min(BigDecimal.valueOf(7)).setScale(2, RoundingMode.HALF_UP);
    }

    /** The fixed {@value #KNOWN_PERCENT}% of (occupation, skill) pairs whose new level the knowing fake knows. */
    static boolean knows(String occupation, String elementId) {
        return Math.floorMod((occupation + '|' + elementId).hashCode() * 31 + 7, 100) < KNOWN_PERCENT;
    }

    private Map<String, Map<String, BigDecimal>> newPanel() {
        try {
            return panel.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("the knowing fake was never told the new panel's levels", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
