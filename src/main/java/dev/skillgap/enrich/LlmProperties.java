package dev.skillgap.enrich;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
        ServerBreaker serverBreaker,
        Rate rate,
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

    /**
     * The circuit breaker of each LLM server (Camel circuitBreaker EIP, resilience4j): after {@code failures} failed
     * calls in a row the server is taken out (open) for {@code openDuration}; then one call probes it (half-open):
     * a success puts it back (closed), a failure takes it out again.
     */
    public record ServerBreaker(int failures, Duration openDuration) {
    }

    /** Each server's rate budget: at most requests calls per periodMs (Throttle EIP, TotalRequests mode). */
    public record Rate(int requests, long periodMs) {
    }

    /** One LLM server of {@code base-url}: its URL and the name its logs, meters and health detail carry. */
    public record Server(int number, String name, String baseUrl) {
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
        rate = rate == null ? new Rate(60, 60000) : rate;
        serverBreaker = serverBreaker == null ? new ServerBreaker(5, Duration.ofSeconds(60)) : serverBreaker;
        if (serverBreaker.failures() < 1 || serverBreaker.openDuration() == null
                || serverBreaker.openDuration().isNegative() || serverBreaker.openDuration().isZero()) {
            throw new IllegalArgumentException("skillgap.llm.server-breaker.failures must be at least 1 and "
                    + "open-duration positive");
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

    /**
     * The LLM servers: {@code base-url} is one URL or a comma-separated list (every server runs the same model;
     * rate, concurrency and retries apply to each); empty: the provider's default. None with provider none.
     * A server's name is its host:port (host:port#n when two URLs share it).
     */
    public List<Server> servers() {
        return servers(provider, baseUrl);
    }

    /** The servers of a base-url setting for a provider (see {@link #servers()}). */
    public static List<Server> servers(Provider provider, String baseUrl) {
        if (provider == Provider.NONE) {
            return List.of();
        }
        List<String> urls = baseUrl == null ? List.of() : Arrays.stream(baseUrl.split(","))
                .map(String::strip).filter(url -> !url.isEmpty()).toList();
        if (urls.isEmpty()) {
            urls = List.of(provider == Provider.OPENAI ? "https://api.openai.com/v1" : "http://localhost:11434");
        }
        List<Server> servers = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String url : urls) {
            String name = serverName(url);
            if (!names.add(name)) {
                name = name + "#" + (servers.size() + 1);
                names.add(name);
            }
            servers.add(new Server(servers.size() + 1, name, url));
        }
        return List.copyOf(servers);
    }

    private static String serverName(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("skillgap.llm.base-url: no host in " + url);
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("skillgap.llm.base-url: not a URL: " + url, e);
        }
    }
}
