package dev.skillgap.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code llm}. Provider {@code none}: UP, scoring disabled. Otherwise a cheap
 * probe of the LLM endpoint (Ollama: {@code GET /api/tags}, which also tells whether the model is
 * pulled; OpenAI-compatible: {@code GET /models}), cached so that health polls never queue up
 * behind a slow endpoint. A failed probe gives {@link #DEGRADED}: the API keeps serving (analyst
 * values or earlier scores), so the app must not be reported down or restarted for it.
 */
@Component
public class LlmHealthIndicator implements HealthIndicator {

    /** Mapped to HTTP 200 in application.yml (management.endpoint.health.status.http-mapping). */
    public static final Status DEGRADED = new Status("DEGRADED", "LLM endpoint unreachable: scoring paused");

    private static final Logger log = LoggerFactory.getLogger(LlmHealthIndicator.class);

    private final String provider;
    private final String baseUrl;
    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final Duration cacheTtl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    private Health cached;
    private Instant cachedAt = Instant.MIN;

    @Autowired
    public LlmHealthIndicator(@Value("${skillgap.llm.provider:none}") String provider,
                              @Value("${skillgap.llm.base-url:}") String baseUrl,
                              @Value("${skillgap.llm.model:}") String model,
                              @Value("${skillgap.llm.api-key:}") String apiKey,
                              OpsProperties ops) {
        this(provider, baseUrl, model, apiKey, ops.llmHealthTimeout(), ops.llmHealthCacheTtl(), Clock.systemUTC());
    }

    LlmHealthIndicator(String provider, String baseUrl, String model, String apiKey,
                       Duration timeout, Duration cacheTtl, Clock clock) {
        this.provider = provider.trim().toLowerCase(Locale.ROOT);
        this.baseUrl = stripTrailingSlash(baseUrl.isBlank() ? defaultBaseUrl(this.provider) : baseUrl.trim());
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached == null || now.isAfter(cachedAt.plus(cacheTtl))) {
            Health fresh = probe();
            logChange(cached, fresh);
            cached = fresh;
            cachedAt = now;
        }
        return cached;
    }

    /** One line when the LLM endpoint goes away or comes back, not one per health poll. */
    private void logChange(Health before, Health after) {
        if (before != null && before.getStatus().equals(after.getStatus())) {
            return;
        }
        if (after.getStatus().equals(DEGRADED)) {
            log.warn("LLM health: {} at {} is DEGRADED: {}", provider, after.getDetails().get("url"),
                    after.getDetails().get("error"));
        } else if (before != null) {
            log.info("LLM health: {} at {} is {} again", provider, after.getDetails().get("url"), after.getStatus());
        }
    }

    private Health probe() {
        if ("none".equals(provider) || provider.isBlank()) {
            return Health.up().withDetail("provider", "none").withDetail("scoring", "disabled").build();
        }
        boolean ollama = "ollama".equals(provider);
        String url = baseUrl + (ollama ? "/api/tags" : "/models");
        Health.Builder health = new Health.Builder()
                .withDetail("provider", provider)
                .withDetail("model", model.isBlank() ? "(provider default)" : model)
                .withDetail("url", url)
                .withDetail("checkedAt", clock.instant().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (!ollama && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            return health.status(DEGRADED).withDetail("error", "unreachable: " + describe(e)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return health.status(DEGRADED).withDetail("error", "interrupted").build();
        }
        health.withDetail("httpStatus", response.statusCode())
                .withDetail("responseMs", (System.nanoTime() - started) / 1_000_000);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return health.status(DEGRADED).withDetail("error", "credentials rejected").build();
        }
        if (status >= 500) {
            return health.status(DEGRADED).withDetail("error", "endpoint answered " + status).build();
        }
        if (ollama && status == 200 && !ollamaHasModel(response.body())) {
            return health.status(DEGRADED).withDetail("error", "model not pulled yet").build();
        }
        return health.up().build();
    }

    /** Ollama lists models as {@code name:tag}; a model named without a tag means {@code :latest}. */
    private boolean ollamaHasModel(String body) {
        if (model.isBlank()) {
            return true;
        }
        String wanted = model.contains(":") ? model : model + ":latest";
        try {
            for (JsonNode m : json.readTree(body).path("models")) {
                if (wanted.equals(m.path("name").asText()) || wanted.equals(m.path("model").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // an answer we cannot read still proves the endpoint is up
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String defaultBaseUrl(String provider) {
        return "ollama".equals(provider) ? "http://localhost:11434" : "https://api.openai.com/v1";
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
