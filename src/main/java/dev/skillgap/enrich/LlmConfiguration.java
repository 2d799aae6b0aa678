package dev.skillgap.enrich;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The LLM servers of {@code skillgap.llm.base-url} (one URL or a comma-separated list), each with its own
 * {@link ChatModel} and circuit breaker ({@link LlmServers}), which route template enrich-llm-server uses once per
 * server: an {@link EnrichChatModel} around the provider's model chosen by {@code skillgap.llm.provider}:
 * {@code openai} (any OpenAI-compatible server: OpenAI, vLLM, llama.cpp, LocalAI) or {@code ollama}. With
 * {@code none} there is no server and the scoring routes never call an endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class LlmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    /** Retries belong to the route's error handler (Retry-After, metrics, logs), never to LangChain4j. */
    private static final int NO_CLIENT_RETRIES = 0;

    @Bean
    LlmServers llmServers(LlmProperties llm, LlmMetrics metrics) {
        List<LlmServer> servers = new ArrayList<>();
        for (LlmProperties.Server server : llm.servers()) {
            servers.add(new LlmServer(server, chatModel(llm, server, metrics), breaker(llm, server, metrics)));
        }
        if (!servers.isEmpty()) {
            log.info("LLM scoring with provider {} model {} on {} server(s) {} (prompt {}, batch {} skills, concurrency "
                            + "{} and {} calls per {} ms per server, server out after {} failed calls in a row for {} s, "
                            + "timeout {} ms, context {} tokens, output at most {} tokens, response format {})",
                    llm.provider().name().toLowerCase(), llm.effectiveModel(), servers.size(),
                    llm.servers().stream().map(LlmProperties.Server::baseUrl).toList(), llm.promptVersion(),
                    llm.batchSize(), llm.concurrency(), llm.rate().requests(), llm.rate().periodMs(),
                    llm.serverBreaker().failures(), llm.serverBreaker().openDuration().toSeconds(),
                    llm.timeout().toMillis(), limit(llm.contextTokens()), limit(llm.maxOutputTokens()),
                    llm.responseFormat().name().toLowerCase());
        }
        return new LlmServers(servers);
    }

    /** One server's chat model: the provider's client at the server's URL, its calls counted under its name. */
    static ChatModel chatModel(LlmProperties llm, LlmProperties.Server server, LlmMetrics metrics) {
        return new EnrichChatModel(switch (llm.provider()) {
            case OPENAI -> {
                OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                        .httpClientBuilder(RetryAfterHttpClient.builder())
                        .baseUrl(server.baseUrl())
                        // local OpenAI-compatible servers accept any key, the client insists on one
                        .apiKey(llm.apiKey() == null || llm.apiKey().isBlank() ? "no-key" : llm.apiKey())
                        .modelName(llm.effectiveModel())
                        .temperature(llm.temperature())
                        .timeout(llm.timeout())
                        .maxRetries(NO_CLIENT_RETRIES)
                        .listeners(List.of(metrics.forServer(server.name())));
                if (llm.maxOutputTokens() > 0) {
                    builder.maxTokens(llm.maxOutputTokens()); // max_tokens: what OpenAI-compatible servers read
                }
                if (llm.responseFormat() == LlmProperties.ResponseFormatMode.SCHEMA) {
                    builder.strictJsonSchema(true);
                }
                yield builder.build(); // context-tokens: an OpenAI-compatible server's window is its own setting
            }
            case OLLAMA -> {
                OllamaChatModel.OllamaChatModelBuilder builder = OllamaChatModel.builder()
                        .httpClientBuilder(RetryAfterHttpClient.builder())
                        .baseUrl(server.baseUrl())
                        .modelName(llm.effectiveModel())
                        .temperature(llm.temperature())
                        .timeout(llm.timeout())
                        .maxRetries(NO_CLIENT_RETRIES)
                        .listeners(List.of(metrics.forServer(server.name())));
                if (llm.contextTokens() > 0) {
                    builder.numCtx(llm.contextTokens()); // options.num_ctx; Ollama's default is 4,096
                }
                if (llm.maxOutputTokens() > 0) {
                    builder.numPredict(llm.maxOutputTokens()); // options.num_predict
                }
                yield builder.build();
            }
            case NONE -> throw new IllegalStateException("no chat model when skillgap.llm.provider is none");
        });
    }

    /**
     * One server's circuit breaker (resilience4j, run by the circuitBreaker EIP of route template
     * enrich-llm-server): open after server-breaker.failures failed calls in a row (a count window of that size,
     * all failed), open for server-breaker.open-duration, then half-open: the next call is the one probe (closed
     * again if it succeeds, open again if not). A reply cut off at its length is an answer, not a failure; a call
     * that found the server's concurrency full never reached it. The breaker is built here rather than from the
     * EIP's own settings because open-duration is a duration setting and the health indicator, the gauge
     * skillgap.llm.server.state and the log line of every state change need the instance.
     */
    static CircuitBreaker breaker(LlmProperties llm, LlmProperties.Server server, LlmMetrics metrics) {
        int failures = llm.serverBreaker().failures();
        Duration open = llm.serverBreaker().openDuration();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures)
                .minimumNumberOfCalls(failures)
                .failureRateThreshold(100)
                .waitDurationInOpenState(open)
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(TruncatedReplyException.class, BulkheadFullException.class)
                .build();
        CircuitBreaker breaker = CircuitBreaker.of("llm-" + server.name(), config);
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> log.warn("LLM server {} ({}) taken out: {}; the next call after {} s probes it",
                        server.name(), server.baseUrl(), event.getStateTransition().getFromState()
                                == CircuitBreaker.State.HALF_OPEN ? "its probe call failed"
                                : failures + " failed calls in a row", open.toSeconds());
                case HALF_OPEN -> log.info("LLM server {}: out for {} s, the next call probes it", server.name(),
                        open.toSeconds());
                case CLOSED -> log.info("LLM server {} is back in: its probe call succeeded", server.name());
                default -> log.info("LLM server {}: circuit breaker {}", server.name(), event.getStateTransition());
            }
        });
        metrics.serverState(server.name(), () -> stateNumber(breaker.getState()));
        return breaker;
    }

    /** 0 closed (in use), 1 open (taken out), 2 half-open (one probe call). */
    static int stateNumber(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 0;
        };
    }

    /** Retries of a call that failed with a 429, a 5xx or a lost connection (route configuration enrich-llm-call). */
    @Bean("enrichRetryPolicy")
    RedeliveryPolicy enrichRetryPolicy(LlmProperties llm) {
        return retryPolicy(llm, llm.retry().maxRetries());
    }

    /** Retries of a call that timed out: few, each costs a whole timeout (route configuration enrich-llm-call). */
    @Bean("enrichTimeoutRetryPolicy")
    RedeliveryPolicy enrichTimeoutRetryPolicy(LlmProperties llm) {
        return retryPolicy(llm, llm.retry().timeoutMaxRetries());
    }

    /**
     * Camel's exponential backoff: initial-delay, x2 per retry, at most max-delay. Beans rather than YAML because the
     * settings are durations ("2s") and the YAML redeliveryPolicy takes milliseconds. A server's Retry-After replaces
     * the backoff (enrichRetryAdvisor).
     */
    static RedeliveryPolicy retryPolicy(LlmProperties llm, int maximumRedeliveries) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maximumRedeliveries);
        policy.setRedeliveryDelay(llm.retry().initialDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setMaximumRedeliveryDelay(llm.retry().maxDelay().toMillis());
        policy.setLogRetryAttempted(false); // enrichRetryAdvisor logs each retry on one line
        policy.setLogExhausted(false); // EnrichBatch.callFailed logs the failure
        return policy;
    }

    private static String limit(int tokens) {
        return tokens > 0 ? String.valueOf(tokens) : "server default";
    }

    /**
     * The threads that score batches in parallel, i.e. the concurrency bound of a pass: a Camel thread pool profile
     * that the split of route enrich-pass names as its executorService. (A Spring ExecutorService bean would switch
     * off Spring Boot's own task executor, which other components need.)
     */
    @Bean
    CamelContextConfiguration enrichPoolProfile(LlmProperties llm, LlmServers servers) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // concurrency is per server: every server can have that many calls in flight
                int threads = llm.concurrency() * Math.max(1, servers.size());
                ThreadPoolProfile profile = new ThreadPoolProfileBuilder(EnrichRoutes.POOL)
                        .poolSize(threads)
                        .maxPoolSize(threads)
                        // a real queue: with none (Camel's -1) the split runs a rejected batch in its own thread
                        // and hands no new batch to the pool threads until that one is done
                        .maxQueueSize(Integer.MAX_VALUE)
                        .build();
                camelContext.getExecutorServiceManager().registerThreadPoolProfile(profile);
                // the per-server routes from the YAML template and the load balancer over them
                for (LlmServer server : servers.all()) {
                    camelContext.getRegistry().bind(server.chatModelBean(), server.chatModel());
                    camelContext.getRegistry().bind(server.breakerBean(), server.breaker());
                }
                try {
                    EnrichServerRoutes routes = new EnrichServerRoutes(servers, llm.timeout());
                    camelContext.addRoutes(routes);
                    routes.addTemplatedRoutesToCamelContext(camelContext); // addRoutes leaves those out
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the LLM server routes", e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
