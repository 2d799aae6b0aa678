package dev.skillgap.enrich;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of LLM scoring (exposed on /actuator/prometheus). HTTP calls and tokens come from the chat
 * models themselves (a LangChain4j listener per server, {@link #forServer}), so every attempt counts, retries and
 * failovers included; calls and their duration carry the label {@code server} (host:port of the LLM server).
 */
@Component
public class LlmMetrics {

    private final MeterRegistry registry;
    private final Map<String, ChatModelListener> servers = new ConcurrentHashMap<>();
    private final Counter retries;
    private final Counter reasks;
    private final Counter truncated;
    private final Counter llmPairs;
    private final Counter cachedPairs;
    private final Counter fallbackPairs;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final AtomicInteger pendingPairs = new AtomicInteger();
    private static final String STARTED = "skillgap.started";
    /** The server label while no server is configured (provider none): the series exist for the dashboards. */
    static final String NO_SERVER = "none";

    /** The application's meters: the per-server ones of every configured server registered at once. */
    @Autowired
    public LlmMetrics(MeterRegistry registry, LlmProperties llm) {
        this(registry);
        if (llm.servers().isEmpty()) {
            forServer(NO_SERVER);
        }
        llm.servers().forEach(server -> forServer(server.name()));
    }

    /** Per-server meters appear with the first {@link #forServer} call. */
    public LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
        retries = Counter.builder("skillgap.llm.retries")
                .description("calls repeated after a 429, 5xx, timeout or connection failure").register(registry);
        reasks = Counter.builder("skillgap.llm.reasked.items")
                .description("skills asked again because a reply missed them or got them wrong").register(registry);
        truncated = Counter.builder("skillgap.llm.truncated.replies")
                .description("replies cut off at their length limit (the rest of the question is asked in halves)")
                .register(registry);
        llmPairs = Counter.builder("skillgap.llm.pairs").tag("source", "llm")
                .description("LV pairs stored, by where the value came from").register(registry);
        cachedPairs = Counter.builder("skillgap.llm.pairs").tag("source", "cache")
                .description("LV pairs stored, by where the value came from").register(registry);
        fallbackPairs = Counter.builder("skillgap.llm.pairs").tag("source", "onet_fallback")
                .description("LV pairs stored, by where the value came from").register(registry);
        inputTokens = Counter.builder("skillgap.llm.tokens").tag("kind", "input")
                .description("tokens reported by the LLM server").register(registry);
        outputTokens = Counter.builder("skillgap.llm.tokens").tag("kind", "output")
                .description("tokens reported by the LLM server").register(registry);
        registry.gauge("skillgap.llm.pass.pending.pairs", pendingPairs);
    }

    /** The LangChain4j listener of one server's chat model: its calls, their duration, the tokens. */
    public ChatModelListener forServer(String server) {
        return servers.computeIfAbsent(server, ServerMeters::new);
    }

    /**
     * The state of a server's circuit breaker as a gauge: 0 closed (in use), 1 open (taken out), 2 half-open (one
     * probe call), resilience4j's order of its states.
     */
    void serverState(String server, Supplier<Number> state) {
        Gauge.builder("skillgap.llm.server.state", state)
                .tag("server", server)
                .description("circuit breaker of the LLM server: 0 closed (in use), 1 open (taken out), 2 half-open")
                .register(registry);
    }

    private final class ServerMeters implements ChatModelListener {
        private final Counter callsSucceeded;
        private final Counter callsFailed;
        private final Timer callDuration;

        ServerMeters(String server) {
            callsSucceeded = Counter.builder("skillgap.llm.calls").tag("outcome", "success").tag("server", server)
                    .description("HTTP calls to the LLM").register(registry);
            callsFailed = Counter.builder("skillgap.llm.calls").tag("outcome", "failure").tag("server", server)
                    .description("HTTP calls to the LLM").register(registry);
            callDuration = Timer.builder("skillgap.llm.call.duration").tag("server", server)
                    .description("time of one LLM call, from request to answer or failure")
                    .publishPercentiles(0.5, 0.95).register(registry);
        }

        @Override
        public void onRequest(ChatModelRequestContext context) {
            context.attributes().put(STARTED, System.nanoTime());
        }

        private void timeCall(Map<Object, Object> attributes) {
            if (attributes.get(STARTED) instanceof Long started) {
                callDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void onResponse(ChatModelResponseContext context) {
            timeCall(context.attributes());
            callsSucceeded.increment();
            TokenUsage usage = context.chatResponse().tokenUsage();
            if (usage != null) {
                if (usage.inputTokenCount() != null) {
                    inputTokens.increment(usage.inputTokenCount());
                }
                if (usage.outputTokenCount() != null) {
                    outputTokens.increment(usage.outputTokenCount());
                }
            }
        }

        @Override
        public void onError(ChatModelErrorContext context) {
            timeCall(context.attributes());
            callsFailed.increment();
        }
    }

    void truncated() {
        truncated.increment();
    }

    void retried() {
        retries.increment();
    }

    void reasked(int items) {
        reasks.increment(items);
    }

    void stored(int llm, int cached, int fallback) {
        llmPairs.increment(llm);
        cachedPairs.increment(cached);
        fallbackPairs.increment(fallback);
    }

    void pendingPairs(int pairs) {
        pendingPairs.set(pairs);
    }

    void pairsDone(int pairs) {
        pendingPairs.addAndGet(-pairs);
    }
}
