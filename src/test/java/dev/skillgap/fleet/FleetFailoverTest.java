package dev.skillgap.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.skillgap.IntegrationTest;
import dev.skillgap.OwnContext;
import dev.skillgap.ops.Leadership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two instances with the ingest and llm roles on one database and one inbox, each in a JVM process of its own: one
 * leads (runs the inbox consumer and its timers, and the LLM pass), the other waits. The leader is killed (SIGKILL)
 * while a release it has taken is still waiting in .staging/ for its quiet period; the other instance takes the lead
 * within a bounded time and loads that release exactly once; no file is processed twice. The database is a fresh one
 * on the test run's server (the embedded MariaDB or SPRING_DATASOURCE_URL's), migrated by the instances themselves.
 */
class FleetFailoverTest extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(FleetFailoverTest.class);
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:[a-z]+://[^/]+/)([^?]+)(\\?(.*))?");
    private static final Duration START = Duration.ofMinutes(4);
    /** Cluster settings of both instances: a killed leader is declared dead after 4 x 500 ms. */
    private static final String INTERVAL = "500ms";
    private static final int MULTIPLIER = 4;
    /** (multiplier + 1) intervals for the heartbeat to go stale and the lock to be tried, plus slack for a loaded machine. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(15);

    private final List<FleetInstance> instances = new java.util.ArrayList<>();
    private String database;
    private JdbcTemplate fleetDb;

    @AfterEach
    void stopInstances() throws InterruptedException {
        for (FleetInstance instance : instances) {
            instance.close();
        }
        if (database != null) {
            jdbc.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void theOtherInstanceTakesOverTheInboxWhenTheLeaderIsKilledAndLoadsTheReleaseItLeftExactlyOnce() throws Exception {
        Path inbox = OwnContext.createInbox("inbox-fleet-");
        Map<String, String> settings = fleetSettings(inbox);

        FleetInstance a = start("fleet-a", settings);
        await().atMost(START).failFast("fleet-a ended", () -> !a.isAlive()).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(a.leadership(Leadership.INBOX)).as(a.logTail()).isEqualTo("leader"));
        FleetInstance b = start("fleet-b", settings);
        await().atMost(START).failFast("fleet-b ended", () -> !b.isAlive()).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(b.leadership(Leadership.INBOX)).as(b.logTail()).isEqualTo("follower"));
        assertThat(b.leadership(Leadership.LLM)).isEqualTo("follower");
        assertThat(a.leadership(Leadership.LLM)).isEqualTo("leader");

        // a first release, loaded by the leader
        dropAndAwaitInboxEmpty(inbox, FIXTURE, "Occupation Data.txt", "Skills.txt", "Scales Reference.txt",
                "Content Model Reference.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> releases() == 1);
        assertThat(a.leadership(Leadership.INBOX)).isEqualTo("leader");
        assertThat(b.leadership(Leadership.INBOX)).isEqualTo("follower");

        // a second release: the leader takes it into .staging/ and dies during the quiet period
        Path renamed = Files.createTempFile(Path.of("target").toAbsolutePath(), "occupation-data-", ".txt");
        Files.writeString(renamed, Files.readString(FIXTURE.resolve("Occupation Data.txt"))
                .replace("\tRegistered Nurses\t", "\tRegistered Nurses (after failover)\t"));
        dropIntoInbox(inbox, renamed, "Occupation Data.txt");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(inbox.resolve(".staging/Occupation Data.txt")));
        long killed = System.nanoTime();
        a.kill();

        await().atMost(FAILOVER_BOUND).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(b.leadership(Leadership.INBOX)).as(b.logTail()).isEqualTo("leader"));
        long leaderAfterMs = (System.nanoTime() - killed) / 1_000_000;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> releases() == 2);
        long loadedAfterMs = (System.nanoTime() - killed) / 1_000_000;
        assertThat(b.leadership(Leadership.LLM)).isEqualTo("leader");
        log.info("Failover: the leader was killed; the other instance led the inbox after {} ms and had loaded the"
                + " release left in .staging/ after {} ms (interval {}, multiplier {})", leaderAfterMs, loadedAfterMs,
                INTERVAL, MULTIPLIER);

        // the release the dead leader left is loaded exactly once, and nothing was processed twice
        assertThat(fleetDb.queryForObject("SELECT title FROM Occupations WHERE onetsoc_code = '29-1141.00'",
                String.class)).isEqualTo("Registered Nurses (after failover)");
        await().atMost(Duration.ofSeconds(10)).until(() -> dataFiles(inbox.resolve(".staging")).isEmpty());
        assertThat(dataFiles(inbox.resolve(".done"))).containsExactlyInAnyOrder("Occupation Data.txt",
                "Skills.txt", "Scales Reference.txt", "Content Model Reference.txt", "Occupation Data.txt");
        assertThat(inbox.resolve(".failed")).doesNotExist();
        assertThat(releases()).isEqualTo(2);
        assertThat(b.isAlive()).isTrue();
    }

    private FleetInstance start(String name, Map<String, String> settings) throws IOException {
        FleetInstance instance = FleetInstance.start(name, settings);
        instances.add(instance);
        return instance;
    }

    private Map<String, String> fleetSettings(Path inbox) {
        HikariDataSource main = (HikariDataSource) jdbc.getDataSource();
        Matcher url = JDBC_URL.matcher(main.getJdbcUrl());
        assertThat(url.matches()).as(main.getJdbcUrl()).isTrue();
        database = "skillgap_fleet_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("CREATE DATABASE `" + database + "`");
        String fleetUrl = url.group(1) + database + (url.group(3) == null ? "" : url.group(3));
        fleetDb = new JdbcTemplate(new DriverManagerDataSource(fleetUrl, main.getUsername(),
                main.getPassword() == null ? "" : main.getPassword()));

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", fleetUrl);
        settings.put("spring.datasource.username", main.getUsername());
        settings.put("spring.datasource.password", main.getPassword() == null ? "" : main.getPassword());
        settings.put("skillgap.roles", "ingest,llm");
        // started with java -cp (not Spring Boot's launcher), Camel finds each classpath:routes/ file twice
        settings.put("camel.main.routes-include-pattern",
                "file:" + Path.of("target/classes/routes").toAbsolutePath() + "/*.yaml");
        settings.put("skillgap.inbox", inbox.toString());
        settings.put("skillgap.cluster.acquire-interval", INTERVAL);
        settings.put("skillgap.cluster.heartbeat-timeout-multiplier", String.valueOf(MULTIPLIER));
        // long enough for the test to kill the leader while the release waits in .staging/
        settings.put("skillgap.ingest.quiet-period-ms", "4000");
        settings.put("skillgap.ingest.settle-time-ms", "200");
        settings.put("skillgap.ingest.recover-period-ms", "10000"); // longer than the quiet period: each recovery restarts it
        settings.put("skillgap.llm.provider", "none");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.dev.skillgap", "INFO");
        settings.put("logging.level.org.apache.camel.component.file.cluster", "INFO");
        settings.put("logging.level.inbox-receive", "INFO");
        settings.put("logging.level.staging-recover", "INFO");
        return settings;
    }

    private long releases() {
        try {
            return fleetDb.queryForObject("SELECT COUNT(*) FROM Releases", Long.class);
        } catch (org.springframework.dao.DataAccessException e) {
            return -1; // not migrated yet
        }
    }

    /** The names of the data files anywhere under the folder (reports excluded), one entry per file. */
    private static List<String> dataFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".report.txt")).toList();
        }
    }
}
