package dev.skillgap.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class LlmHealthIndicatorTest {

    private static final String TAGS = """
            {"models":[{"name":"qwen2.5:1.5b-instruct","model":"qwen2.5:1.5b-instruct"}]}""";

    private final WireMockServer llm = new WireMockServer(options().dynamicPort());
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() {
        llm.start();
    }

    @AfterEach
    void stop() {
        llm.stop();
    }

    private LlmHealthIndicator indicator(String provider, String baseUrl, String model, String apiKey) {
        // a probe timeout no answer of the fake server reaches: 2 s timed out on a loaded 2-core machine (load 25-30)
        return new LlmHealthIndicator(provider, baseUrl, model, apiKey, Duration.ofSeconds(10),
                Duration.ofSeconds(30), clock);
    }

    @Test
    void providerNoneIsUpWithScoringDisabled() {
        Health health = indicator("none", "", "", "").health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("scoring", "disabled");
    }

    @Test
    void ollamaWithTheModelPulledIsUp() {
        llm.stubFor(get("/api/tags").willReturn(okJson(TAGS)));

        Health health = indicator("ollama", llm.baseUrl() + "/", "qwen2.5:1.5b-instruct", "").health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("httpStatus", 200);
    }

    @Test
    void ollamaWithoutTheModelIsDegraded() {
        llm.stubFor(get("/api/tags").willReturn(okJson(TAGS)));

        Health health = indicator("ollama", llm.baseUrl(), "llama3.2:1b", "").health();

        assertThat(health.getStatus()).isEqualTo(LlmHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("error", "model not pulled yet");
    }

    @Test
    void unreachableEndpointIsDegradedNotDown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Health health = indicator("openai", "http://127.0.0.1:" + closedPort + "/v1", "gpt-4o-mini", "k").health();

        assertThat(health.getStatus()).isEqualTo(LlmHealthIndicator.DEGRADED);
        assertThat((String) health.getDetails().get("error")).startsWith("unreachable");
    }

    @Test
    void openAiSendsTheKeyAndARejectedKeyIsDegraded() {
        llm.stubFor(get("/v1/models").willReturn(aResponse().withStatus(401)));

        Health health = indicator("openai", llm.baseUrl() + "/v1", "gpt-4o-mini", "secret").health();

        assertThat(health.getStatus()).isEqualTo(LlmHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("error", "credentials rejected")
                .doesNotContainValue("secret");
        llm.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer secret")));
    }

    @Test
    void aResultIsReusedUntilItsTimeToLiveHasPassed() {
        llm.stubFor(get("/v1/models").willReturn(okJson("{\"data\":[]}")));
        LlmHealthIndicator indicator = indicator("openai", llm.baseUrl() + "/v1", "m", "");

        indicator.health();
        clock.advance(Duration.ofSeconds(30));
        indicator.health();
        assertThat(llm.countRequestsMatching(getRequestedFor(urlEqualTo("/v1/models")).build()).getCount())
                .isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(llm.countRequestsMatching(getRequestedFor(urlEqualTo("/v1/models")).build()).getCount())
                .isEqualTo(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
