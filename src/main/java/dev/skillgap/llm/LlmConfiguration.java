package dev.skillgap.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link ChatModel} bean that camel-langchain4j-chat autowires into {@code langchain4j-chat:} endpoints,
 * chosen by {@code skillgap.llm.provider}: {@code openai} (any OpenAI-compatible server: OpenAI, vLLM, llama.cpp,
 * LocalAI) or {@code ollama}. With {@code none} there is no bean and the scoring routes never call an endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class LlmConfiguration {

    /** Name of the thread pool profile of the scoring threads (routes/enrich.camel.yaml). */
    public static final String SCORING_POOL = "llmScoringPool";

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    /** Retries belong to the route's error handler (Retry-After, metrics, logs), never to LangChain4j. */
    private static final int NO_CLIENT_RETRIES = 0;

    @Bean
    @ConditionalOnExpression("!'${skillgap.llm.provider:none}'.equalsIgnoreCase('none')")
    ChatModel skillLevelChatModel(LlmProperties llm, LlmMetrics metrics) {
        log.info("LLM scoring with provider {} model {} at {} (batch {} skills, concurrency {}, timeout {} ms)",
                llm.provider().name().toLowerCase(), llm.effectiveModel(), llm.effectiveBaseUrl(), llm.batchSize(),
                llm.concurrency(), llm.timeout().toMillis());
        return switch (llm.provider()) {
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
                if (llm.jsonMode()) {
                    builder.responseFormat("json_object");
                }
                yield builder.build();
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
                if (llm.jsonMode()) {
                    builder.responseFormat(ResponseFormat.JSON);
                }
                yield builder.build();
            }
            case NONE -> throw new IllegalStateException("no chat model when skillgap.llm.provider is none");
        };
    }

    /**
     * The threads that score batches in parallel, i.e. the concurrency bound of a pass: a Camel thread pool profile
     * that the split of route enrich-pass names as its executorService. (A Spring ExecutorService bean would switch
     * off Spring Boot's own task executor, which other components need.)
     */
    @Bean
    CamelContextConfiguration llmScoringPoolProfile(LlmProperties llm) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                ThreadPoolProfile profile = new ThreadPoolProfileBuilder(SCORING_POOL)
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
