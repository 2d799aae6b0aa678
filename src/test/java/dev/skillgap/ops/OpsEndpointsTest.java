package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Health, readiness, Prometheus metrics and the request log, over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class OpsEndpointsTest extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    CamelContext camel;

    @Autowired
    HealthEndpointGroups healthGroups;

    @Autowired
    DataMetrics dataMetrics;

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthShowsTheDatabaseTheInboxAndTheLlm() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode components = json.readTree(response.body()).path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("inbox").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("inbox").path("details").path("path").asText())
                .isEqualTo(INBOX.toAbsolutePath().normalize().toString());
        assertThat(components.path("llm").path("status").asText()).isIn("UP", "DEGRADED");
        assertThat(components.path("llm").path("details").path("provider").asText()).isNotEmpty();
    }

    @Test
    void readinessCoversTheDatabaseAndTheInboxAndLivenessAnswers() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        HttpResponse<String> liveness = get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode components = json.readTree(readiness.body()).path("components");
        assertThat(components.has("db")).isTrue();
        assertThat(components.has("inbox")).isTrue();
        assertThat(components.has("llm")).as("an unreachable LLM must not make the app unready").isFalse();
        assertThat(liveness.statusCode()).isEqualTo(200);
    }

    @Test
    void aDegradedLlmIsReportedButAnswersHttp200() {
        var primary = healthGroups.getPrimary();

        assertThat(primary.getStatusAggregator().getAggregateStatus(Status.UP, LlmHealthIndicator.DEGRADED))
                .isEqualTo(LlmHealthIndicator.DEGRADED);
        assertThat(primary.getStatusAggregator().getAggregateStatus(Status.DOWN, LlmHealthIndicator.DEGRADED))
                .isEqualTo(Status.DOWN);
        assertThat(primary.getHttpCodeStatusMapper().getStatusCode(LlmHealthIndicator.DEGRADED)).isEqualTo(200);
        assertThat(primary.getHttpCodeStatusMapper().getStatusCode(Status.DOWN)).isEqualTo(503);
    }

    @Test
    void prometheusHasRouteMetricsForEveryRouteAndTheDataGauges() throws Exception {
        loadFixture(); // so that the ingest routes have processed exchanges (timers appear on first use)
        dropAndAwaitInboxEmpty(FIXTURE, "Scales Reference.txt"); // an identical re-drop: a quick, sure exchange

        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        assertThat(camel.getRoutes()).isNotEmpty();
        for (Route route : camel.getRoutes()) {
            String routeLabel = "routeId=\"" + route.getRouteId() + "\"";
            for (String metric : List.of("camel_exchanges_total{", "camel_exchanges_failed_total{",
                    "camel_exchanges_inflight{")) {
                assertThat(lines).as("%s for route %s", metric, route.getRouteId())
                        .anyMatch(line -> line.startsWith(metric) && line.contains(routeLabel));
            }
        }
        for (String processingTime : List.of("camel_route_policy_seconds_count{", "camel_route_policy_seconds_sum{",
                "camel_route_policy_seconds_max{")) {
            assertThat(lines).as(processingTime).anyMatch(line -> line.startsWith(processingTime)
                    && line.contains("routeId=\"inbox-receive\""));
        }
        for (String gauge : List.of("skillgap_release_rows{", "skillgap_release_loaded_timestamp_seconds{",
                "skillgap_release_load_duration_seconds{", "skillgap_release_id{", "skillgap_releases_committed{",
                "skillgap_lv_pairs{")) {
            assertThat(lines).as(gauge).anyMatch(line -> line.startsWith(gauge));
        }
    }

    @Test
    void dataGaugesDescribeTheLoadedRelease() throws Exception {
        loadFixture();
        long releaseId = jdbc.queryForObject("SELECT MAX(release_id) FROM Releases", Long.class);
        String onetVersion = jdbc.queryForObject("SELECT onet_version FROM Releases WHERE release_id = ?",
                String.class, releaseId);
        dataMetrics.refresh(); // what the background refresher does every skillgap.ops.metrics-refresh

        List<String> lines = get("/actuator/prometheus").body().lines().toList();

        for (String table : List.of("Occupations", "Skills", "Scales", "Occupation_Skills")) {
            long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
            String label = "table=\"" + table.toLowerCase() + "\"";
            assertThat(lines).as("%s rows", table).anyMatch(line -> line.startsWith("skillgap_release_rows{")
                    && line.contains(label) && line.endsWith(" " + rows + ".0"));
        }
        assertThat(lines).anyMatch(line -> line.startsWith("skillgap_release_id{") && line.endsWith(" " + releaseId + ".0"));
        assertThat(lines).anyMatch(line -> line.startsWith("skillgap_release_info{")
                && line.contains("release_id=\"" + releaseId + "\"")
                && line.contains("onet_version=\"" + (onetVersion == null ? "unknown" : onetVersion) + "\""));
        long lvPairs = jdbc.queryForObject("SELECT COUNT(*) FROM Occupation_Skills WHERE scale_id = 'LV'", Long.class);
        double lvPairsInGauges = lines.stream().filter(line -> line.startsWith("skillgap_lv_pairs{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(lvPairsInGauges).isEqualTo((double) lvPairs);
    }

    /** The Grafana dashboard must only query metrics that the app really exposes, under their real names. */
    @Test
    void everyMetricOfTheGrafanaDashboardIsExposed() throws Exception {
        loadFixture();
        get("/actuator/health"); // so that the HTTP server histogram has a series
        Set<String> exposed = get("/actuator/prometheus").body().lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
        // the LLM area registers skillgap_llm_*; until its code is on the classpath, only the rest is checked
        boolean llmAreaPresent = isOnClasspath("dev.skillgap.enrich.LlmMetrics");

        Set<String> queried = dashboardMetricNames(Path.of("monitoring/grafana/dashboards/skill-gap.json"));

        assertThat(queried).contains("camel_exchanges_total", "camel_exchanges_failed_total",
                "camel_route_policy_seconds_sum", "camel_route_policy_seconds_count", "skillgap_release_rows",
                "skillgap_llm_calls_total");
        assertThat(queried.stream().filter(name -> llmAreaPresent || !name.startsWith("skillgap_llm_")))
                .allSatisfy(name -> assertThat(exposed).as("dashboard metric %s on /actuator/prometheus", name)
                        .contains(name));
    }

    private Set<String> dashboardMetricNames(Path dashboard) throws IOException {
        Pattern metricName = Pattern.compile("\\b(?:camel|skillgap|http_server|jvm|hikaricp|process)_[a-z0-9_]+");
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : json.readTree(dashboard.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = metricName.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    names.add(matcher.group());
                }
            }
        }
        return names;
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void everyRequestIsLoggedOnOneLineWithStatusAndDuration(CapturedOutput output) throws Exception {
        HttpResponse<String> response = get("/no-such-page?probe=ops");

        assertThat(response.statusCode()).isEqualTo(404);
        // written by the request log's background thread (logback-spring.xml): shortly after the answer
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output.getOut()).containsPattern("GET /no-such-page\\?probe=ops -> 404 in \\d+ ms"));
    }

    @Test
    void noRequestLineIsDroppedWhenRequestsComeInABurst(CapturedOutput output) throws Exception {
        int requests = 300;
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<Void>>>();
        for (int i = 0; i < requests; i++) {
            futures.add(http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/no-such-page?burst=" + i)).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        futures.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(404));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            java.util.regex.Matcher lines = java.util.regex.Pattern
                    .compile("GET /no-such-page\\?burst=(\\d+) -> 404 in \\d+ ms").matcher(output.getOut());
            java.util.Set<String> logged = new java.util.HashSet<>();
            while (lines.find()) {
                logged.add(lines.group(1));
            }
            assertThat(logged).hasSize(requests);
        });
    }

    @Test
    void anApiErrorIsLoggedWithTheStatusTheClientGot(CapturedOutput output) throws Exception {
        loadFixture();
        // platform-http answers asynchronously: the line must carry the final status, not the servlet's default 200
        HttpResponse<String> response = get("/skill-gap?from=99-9999.00&to=11-1021.00");

        assertThat(response.statusCode()).isEqualTo(404);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output.getOut()).containsPattern(
                        "GET /skill-gap\\?from=99-9999.00&to=11-1021.00 -> 404 in \\d+ ms"));
    }
}
