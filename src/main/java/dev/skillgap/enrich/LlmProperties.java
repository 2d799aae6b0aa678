package dev.skillgap.enrich;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code skillgap.llm.*} settings (application.yml; every one has an environment override).
 * The routes read the rate and retry numbers as Camel placeholders; the beans read this record.
 */
@ConfigurationProperties("skillgap.llm")
public record LlmProperties(
        Provider provider,
        String baseUrl,
        String model,
        String apiKey,
        int batchSize,
        int concurrency,
        Duration timeout,
        int maxAttempts,
        ResponseFormatMode responseFormat,
        String promptVersion,
        int contextTokens,
        int maxOutputTokens,
        double temperature,
        int circuitBreakerFailures,
        Retry retry) {

    public enum Provider { NONE, OPENAI, OLLAMA }

    /**
     * What the request asks of the reply's form: a JSON schema (the asked element_ids, a number per level),
     * any JSON object, or nothing (for servers that reject response formats). The strict parser checks every reply.
     */
    public enum ResponseFormatMode { SCHEMA, JSON, OFF }

    /**
     * Retries of one failed call (Camel redeliveryPolicy: initial * 2^n up to max, or the server's Retry-After,
     * capped at max); a timed-out call is retried at most timeoutMaxRetries times.
     */
    public record Retry(int maxRetries, int timeoutMaxRetries, Duration initialDelay, Duration maxDelay) {
    }

    public LlmProperties {
        provider = provider == null ? Provider.NONE : provider;
        responseFormat = responseFormat == null ? ResponseFormatMode.SCHEMA : responseFormat;
        promptVersion = promptVersion == null || promptVersion.isBlank() ? SkillLevelPrompt.LATEST
                : promptVersion.strip();
        if (!SkillLevelPrompt.VERSIONS.contains(promptVersion)) {
            throw new IllegalArgumentException("skillgap.llm.prompt-version must be one of " + SkillLevelPrompt.VERSIONS
                    + ", not " + promptVersion);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("skillgap.llm.batch-size must be at least 1");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("skillgap.llm.concurrency must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("skillgap.llm.max-attempts must be at least 1");
        }
        if (contextTokens < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("skillgap.llm.context-tokens and max-output-tokens must not be negative"
                    + " (0: the server's default)");
        }
    }

    public boolean enabled() {
        return provider != Provider.NONE;
    }

    /** The model name recorded as provenance and used as cache key; the provider's default when unset. */
    public String effectiveModel() {
        if (model != null && !model.isBlank()) {
            return model.strip();
        }
        return switch (provider) {
            case OPENAI -> "gpt-4o-mini";
            case OLLAMA -> "qwen2.5:1.5b-instruct"; // the compose default: small enough for a CPU
            case NONE -> "none";
        };
    }

    public String effectiveBaseUrl() {
        if (baseUrl != null && !baseUrl.isBlank()) {
            return baseUrl.strip();
        }
        return switch (provider) {
            case OPENAI -> "https://api.openai.com/v1";
            case OLLAMA -> "http://localhost:11434";
            case NONE -> "";
        };
    }
}
