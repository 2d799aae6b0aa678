package dev.skillgap.enrich;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link ChatModel} bean, which the langchain4j-chat endpoint of route enrich-call-llm autowires: an
 * {@link EnrichChatModel} around the provider's model chosen by {@code skillgap.llm.provider}: {@code openai} (any OpenAI-compatible server: OpenAI, vLLM, llama.cpp,
 * LocalAI) or {@code ollama}. With {@code none} there is no bean and the scoring routes never call an endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class LlmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    /** Retries belong to the route's error handler (Retry-After, metrics, logs), never to LangChain4j. */
    private static final int NO_CLIENT_RETRIES = 0;

    @Bean
    @ConditionalOnExpression("!'${skillgap.llm.provider:none}'.equalsIgnoreCase('none')")
    ChatModel skillLevelChatModel(LlmProperties llm, LlmMetrics metrics) {
        log.info("LLM scoring with provider {} model {} at {} (prompt {}, batch {} skills, concurrency {}, timeout {} "
                        + "ms, context {} tokens, output at most {} tokens, response format {})",
                llm.provider().name().toLowerCase(), llm.effectiveModel(), llm.effectiveBaseUrl(), llm.promptVersion(),
                llm.batchSize(), llm.concurrency(), llm.timeout().toMillis(), limit(llm.contextTokens()),
                limit(llm.maxOutputTokens()), llm.responseFormat().name().toLowerCase());
        return new EnrichChatModel(switch (llm.provider()) {
            case OPENAI -> {
                OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                        .httpClientBuilder(RetryAfterHttpClient.builder())
                        .baseUrl(llm.effectiveBaseUrl())
                        // local OpenAI-compatible servers accept any key, the client insists on one
                        .apiKey(llm.apiKey() == null || llm.apiKey().isBlank() ? "no-key" : llm.apiKey())
                        .modelName(llm.effectiveModel())
                        .temperature(llm.temperature())
                        .timeout(llm.timeout())
                        .maxRetries(NO_CLIENT_RETRIES)
                        .listeners(List.of(metrics));
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
                        .baseUrl(llm.effectiveBaseUrl())
                        .modelName(llm.effectiveModel())
                        .temperature(llm.temperature())
                        .timeout(llm.timeout())
                        .maxRetries(NO_CLIENT_RETRIES)
                        .listeners(List.of(metrics));
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
    CamelContextConfiguration enrichPoolProfile(LlmProperties llm) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                ThreadPoolProfile profile = new ThreadPoolProfileBuilder(EnrichRoutes.POOL)
                        .poolSize(llm.concurrency())
                        .maxPoolSize(llm.concurrency())
                        // a real queue: with none (Camel's -1) the split runs a rejected batch in its own thread
                        // and hands no new batch to the pool threads until that one is done
                        .maxQueueSize(Integer.MAX_VALUE)
                        .build();
                camelContext.getExecutorServiceManager().registerThreadPoolProfile(profile);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
