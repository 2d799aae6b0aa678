package dev.skillgap.enrich;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of LLM scoring (exposed on /actuator/prometheus). HTTP calls and tokens come from the chat
 * model itself (a LangChain4j listener), so every attempt counts, retries included.
 */
@Component
public class LlmMetrics implements ChatModelListener {

    private final Counter callsSucceeded;
    private final Counter callsFailed;
    private final Counter retries;
    private final Counter reasks;
    private final Counter truncated;
    private final Counter llmPairs;
    private final Counter cachedPairs;
    private final Counter fallbackPairs;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final AtomicInteger pendingPairs = new AtomicInteger();
    private final Timer callDuration;
    private static final String STARTED = "skillgap.started";

    public LlmMetrics(MeterRegistry registry) {
        callsSucceeded = Counter.builder("skillgap.llm.calls").tag("outcome", "success")
                .description("HTTP calls to the LLM").register(registry);
        callsFailed = Counter.builder("skillgap.llm.calls").tag("outcome", "failure")
                .description("HTTP calls to the LLM").register(registry);
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
        callDuration = Timer.builder("skillgap.llm.call.duration")
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
