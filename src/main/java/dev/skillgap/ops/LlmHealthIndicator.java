package dev.skillgap.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.enrich.LlmProperties;
import dev.skillgap.enrich.LlmServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code llm}. Provider {@code none}: UP, scoring disabled. Otherwise a cheap
 * probe of each LLM server of {@code skillgap.llm.base-url} (Ollama: {@code GET /api/tags}, which also tells
 * whether the model is pulled; OpenAI-compatible: {@code GET /models}), cached so that health polls never queue up
 * behind a slow endpoint, with the state of the server's circuit breaker ({@code breaker}: CLOSED in use, OPEN taken
 * out, HALF_OPEN probed by the next call). One server: its details at the top. Several: a {@code servers} map of
 * each one's details, UP while one of them answers and is not taken out. A failed probe gives {@link #DEGRADED}:
 * the API keeps serving (analyst values or earlier scores), so the app must not be reported down or restarted for it.
 */
@Component
public class LlmHealthIndicator implements HealthIndicator {

    /** Mapped to HTTP 200 in application.yml (management.endpoint.health.status.http-mapping). */
    public static final Status DEGRADED = new Status("DEGRADED", "LLM endpoint unreachable: scoring paused");

    private static final Logger log = LoggerFactory.getLogger(LlmHealthIndicator.class);

    private final String provider;
    private final List<LlmProperties.Server> servers;
    private final Function<String, String> breakerState;
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
                              OpsProperties ops, ObjectProvider<LlmServers> llmServers) {
        this(provider, baseUrl, model, apiKey, ops.llmHealthTimeout(), ops.llmHealthCacheTtl(), Clock.systemUTC(),
                name -> breakerState(llmServers.getIfAvailable(), name));
    }

    LlmHealthIndicator(String provider, String baseUrl, String model, String apiKey,
                       Duration timeout, Duration cacheTtl, Clock clock) {
        this(provider, baseUrl, model, apiKey, timeout, cacheTtl, clock, name -> null);
    }

    LlmHealthIndicator(String provider, String baseUrl, String model, String apiKey,
                       Duration timeout, Duration cacheTtl, Clock clock, Function<String, String> breakerState) {
        this.provider = provider.trim().toLowerCase(Locale.ROOT);
        this.servers = "none".equals(this.provider) || this.provider.isBlank() ? List.of()
                : LlmProperties.servers(LlmProperties.Provider.valueOf(this.provider.toUpperCase(Locale.ROOT)),
                        baseUrl);
        this.breakerState = breakerState;
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
        // no client without servers: building one (its SSL context and selector) costs ~70 ms of every start
        this.http = servers.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(timeout).build();
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
        Object where = after.getDetails().containsKey("url") ? after.getDetails().get("url")
                : servers.size() + " servers";
        if (after.getStatus().equals(DEGRADED)) {
            log.warn("LLM health: {} at {} is DEGRADED: {}", provider, where, after.getDetails().get("error"));
        } else if (before != null) {
            log.info("LLM health: {} at {} is {} again", provider, where, after.getStatus());
        }
    }

    private Health probe() {
        if (servers.isEmpty()) {
            return Health.up().withDetail("provider", "none").withDetail("scoring", "disabled").build();
        }
        if (servers.size() == 1) {
            return probe(servers.get(0));
        }
        Map<String, Object> each = new LinkedHashMap<>();
        int usable = 0;
        for (LlmProperties.Server server : servers) {
            Health health = probe(server);
            Map<String, Object> details = new LinkedHashMap<>(health.getDetails());
            details.remove("provider");
            details.remove("model");
            details.put("status", health.getStatus().getCode());
            each.put(server.name(), details);
            if (health.getStatus().equals(Status.UP) && !"OPEN".equals(details.get("breaker"))) {
                usable++;
            }
        }
        Health.Builder health = usable > 0 ? Health.up() : Health.status(DEGRADED)
                .withDetail("error", "no LLM server answers or every one is taken out");
        return health.withDetail("provider", provider)
                .withDetail("model", model.isBlank() ? "(provider default)" : model)
                .withDetail("serversInUse", usable + "/" + servers.size())
                .withDetail("servers", each)
                .build();
    }

    private Health probe(LlmProperties.Server server) {
        boolean ollama = "ollama".equals(provider);
        String url = stripTrailingSlash(server.baseUrl()) + (ollama ? "/api/tags" : "/models");
        Health.Builder health = new Health.Builder()
                .withDetail("provider", provider)
                .withDetail("model", model.isBlank() ? "(provider default)" : model)
                .withDetail("url", url)
                .withDetail("checkedAt", clock.instant().toString());
        String breaker = breakerState.apply(server.name());
        if (breaker != null) {
            health.withDetail("breaker", breaker);
        }
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

    /** CLOSED, OPEN or HALF_OPEN: the state of the server's circuit breaker (null before the servers exist). */
    private static String breakerState(LlmServers servers, String name) {
        if (servers == null) {
            return null;
        }
        return servers.all().stream().filter(s -> s.name().equals(name)).findFirst()
                .map(s -> s.breaker().getState().name()).orElse(null);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
