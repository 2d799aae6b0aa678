package dev.skillgap.ingest;

import static dev.skillgap.ingest.BadInputCorpusTest.archiveFolders;
import static dev.skillgap.ingest.BadInputCorpusTest.drop;
import static dev.skillgap.ingest.BadInputCorpusTest.fixture;
import static dev.skillgap.ingest.BadInputCorpusTest.inboxAndStagingEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skillgap.IntegrationTest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Ingest behaviour that needs more than one drop: holds and confirmations, slow writers, a lost connection, the gather point. */
class IngestSafetyTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void aReleaseRemovingMoreThanTheShareIsHeldThenLoadedOnceConfirmed() throws Exception {
        loadFixture();
        long releases = releaseCount();
        Set<Path> heldBefore = Set.copyOf(archiveFolders(".held"));
        // Skills.txt without its last occupation (47-2031.00): complete for the rest, but 70 of 420 ratings go
        String skills = fixture("Skills.txt");
        String withoutCarpenters = String.join("\n", skills.lines().filter(l -> !l.startsWith("47-2031.00")).toList()) + "\n";

        drop("Skills.txt", withoutCarpenters);

        await().atMost(Duration.ofSeconds(60)).until(() -> archiveFolders(".held").size() > heldBefore.size()
                && inboxAndStagingEmpty());
        Path held = archiveFolders(".held").stream().filter(f -> !heldBefore.contains(f)).findFirst().orElseThrow();
        assertThat(held.resolve("Skills.txt")).exists();
        assertThat(Files.readString(held.resolve("HELD.report.txt")))
                .contains("HELD", "Occupation_Skills (skill ratings): 70 of the 420 loaded rows would be removed (16.7%)",
                        "47-2031.00/2.A.1.a/IM", "CONFIRM");
        assertThat(releaseCount()).isEqualTo(releases);
        assertThat(count("Occupation_Skills")).isEqualTo(420);

        Files.createFile(held.resolve("CONFIRM"));

        await().atMost(Duration.ofSeconds(60)).until(() -> releaseCount() == releases + 1 && inboxAndStagingEmpty());
        assertThat(count("Occupation_Skills")).isEqualTo(350);
        assertThat(held).doesNotExist();

        dropAndAwaitInboxEmpty(FIXTURE, "Skills.txt"); // adds back only: no hold
        assertThat(count("Occupation_Skills")).isEqualTo(420);
    }

    @Test
    void aFileStillBeingWrittenSlowlyIsTakenOnlyOnceComplete() throws Exception {
        loadFixture();
        long releases = releaseCount();
        byte[] skills = fixture("Skills.txt").replace("\tCarpenters\t", "\tCarpenters\t")
                .replace("47-2031.00\t2.A.1.a\tReading Comprehension\tIM\t3.12",
                        "47-2031.00\t2.A.1.a\tReading Comprehension\tIM\t3.25")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new String(skills, StandardCharsets.UTF_8)).contains("\tIM\t3.25");
        Path file = INBOX.resolve("Skills.txt");
        int chunks = 8; // one open handle, a chunk every 0.5 s: 4 s, four times the test's settle time
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < chunks; i++) {
                int from = skills.length * i / chunks;
                int to = skills.length * (i + 1) / chunks;
                out.write(skills, from, to - from);
                out.flush();
                Thread.sleep(500);
                assertThat(file).as("still in the inbox after chunk %d", i + 1).exists();
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> releaseCount() == releases + 1 && inboxAndStagingEmpty());
        assertThat(count("Occupation_Skills")).isEqualTo(420);
        assertThat(jdbc.queryForObject("""
                SELECT onet_data_value FROM Occupation_Skills
                 WHERE onetsoc_code = '47-2031.00' AND element_id = '2.A.1.a' AND scale_id = 'IM'""", String.class))
                .isEqualTo("3.25");
        dropAndAwaitInboxEmpty(FIXTURE, "Skills.txt");
    }

    @Test
    void aLoadThatLosesItsConnectionIsRetriedAndLoadedAtIsTheCommitTime() throws Exception {
        loadFixture();
        long releases = releaseCount();
        Set<Path> failedBefore = Set.copyOf(archiveFolders(".failed"));
        Instant unlocked;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                // the load's upsert of this row waits for our lock
                s.executeQuery("SELECT * FROM Occupations WHERE onetsoc_code = '47-2031.00' FOR UPDATE").close();
            }
            drop("Occupation Data.txt", fixture("Occupation Data.txt").replace("\tCarpenters\t", "\tCarpenters (retried)\t"));
            // the connection of the blocked load: kill it (connection lost mid-load)
            Long loader = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                List<Map<String, Object>> rows = jdbc.queryForList("""
                        SELECT id FROM information_schema.PROCESSLIST
                         WHERE info LIKE 'INSERT INTO Occupations%' AND id <> CONNECTION_ID()""");
                return rows.isEmpty() ? null : ((Number) rows.get(0).get("id")).longValue();
            }, id -> id != null);
            jdbc.execute("KILL CONNECTION " + loader);
            Thread.sleep(1500); // the retry (staging-recover, every 2 s in the tests) may block on our lock again
            lock.rollback();
            unlocked = Instant.now();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> releaseCount() == releases + 1 && inboxAndStagingEmpty());
        assertThat(jdbc.queryForObject("SELECT title FROM Occupations WHERE onetsoc_code = '47-2031.00'", String.class))
                .isEqualTo("Carpenters (retried)");
        assertThat(archiveFolders(".failed")).as("a lost connection is not a bad release").hasSameSizeAs(failedBefore);
        Timestamp loadedAt = jdbc.queryForObject("SELECT loaded_at FROM Releases ORDER BY release_id DESC LIMIT 1",
                Timestamp.class);
        // the load started before the lock was released, and committed after it
        assertThat(loadedAt.toInstant()).isAfterOrEqualTo(unlocked.minusMillis(100));
        dropAndAwaitInboxEmpty(FIXTURE, "Occupation Data.txt");
    }

    @Test
    void filesArrivingWhileStagingIsRecoveredAreLoadedAsOneRelease() throws Exception {
        loadFixture();
        long releases = releaseCount();
        Path staging = Files.createDirectories(INBOX.resolve(".staging"));
        // left in staging by a stop; recovery hands it to the gather point, and the rest of the release arrives
        Files.writeString(staging.resolve("Occupation Data.txt"),
                fixture("Occupation Data.txt").replace("\tRegistered Nurses\t", "\tRegistered Nurses (one load)\t"));
        producer.sendBody("direct:release-gather", null); // what staging-recover does
        Thread.sleep(100);
        // what inbox-receive does with a file dropped meanwhile: move it to staging, hand it to the gather point
        Path part = Files.writeString(Files.createTempFile(INBOX.resolve(".staging"), ".part-", ".tmp"),
                fixture("Scales Reference.txt").replace("\tWork Schedule\t", "\tWork Schedules\t"));
        Files.move(part, staging.resolve("Scales Reference.txt"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        producer.sendBody("direct:release-gather", null);

        await().atMost(Duration.ofSeconds(60)).until(() -> inboxAndStagingEmpty() && releaseCount() > releases);
        Thread.sleep(1000); // a second load, if there were one, would have started by now
        await().atMost(Duration.ofSeconds(60)).until(BadInputCorpusTest::inboxAndStagingEmpty);

        assertThat(releaseCount()).isEqualTo(releases + 1);
        assertThat(jdbc.queryForList("SELECT DISTINCT release_id FROM Release_Files WHERE file_kind IN ('OCCUPATIONS', 'SCALES')",
                Long.class)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT title FROM Occupations WHERE onetsoc_code = '29-1141.00'", String.class))
                .isEqualTo("Registered Nurses (one load)");
        assertThat(jdbc.queryForObject("SELECT scale_name FROM Scales WHERE scale_id = 'WS'", String.class))
                .isEqualTo("Work Schedules");
        dropAndAwaitInboxEmpty(FIXTURE, "Occupation Data.txt", "Scales Reference.txt");
    }

    @Test
    void healthIsDownWhileTheReleaseProcessIsNotRunningAndDropsWaitInStaging() throws Exception {
        loadFixture();
        long releases = releaseCount();
        camel.getRouteController().stopRoute(IngestRoutes.PROCESS);
        try {
            assertThat(inboxHealth()).contains("\"inbox\":{\"status\":\"DOWN\"", "ingest route release-process is stopped");
            drop("Occupation Data.txt", fixture("Occupation Data.txt").replace("\tCooks, Restaurant\t", "\tCooks (later)\t"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(INBOX.resolve(".staging/Occupation Data.txt")));
        } finally {
            camel.getRouteController().startRoute(IngestRoutes.PROCESS);
        }
        // nothing was lost: the release waited in staging and staging-recover hands it over
        await().atMost(Duration.ofSeconds(60)).until(() -> releaseCount() == releases + 1 && inboxAndStagingEmpty());
        assertThat(jdbc.queryForObject("SELECT title FROM Occupations WHERE onetsoc_code = '35-2014.00'", String.class))
                .isEqualTo("Cooks (later)");
        assertThat(inboxHealth()).contains("\"inbox\":{\"status\":\"UP\"");
        dropAndAwaitInboxEmpty(FIXTURE, "Occupation Data.txt");
    }

    @Test
    void aReleaseTheServiceDiedOnThreeTimesIsSetAsideNotTriedForEver() throws Exception {
        loadFixture();
        long releases = releaseCount();
        Set<Path> failedBefore = Set.copyOf(archiveFolders(".failed"));
        Path staging = Files.createDirectories(INBOX.resolve(".staging"));
        // three starts of processing that never ended (the service died: out of memory, killed)
        Files.writeString(staging.resolve(StagingArea.UNFINISHED), "3");
        Files.writeString(staging.resolve("Occupation Data.txt"), fixture("Occupation Data.txt"));

        producer.sendBody("direct:release-gather", null); // what staging-recover does at the next start

        await().atMost(Duration.ofSeconds(60)).until(() -> archiveFolders(".failed").size() > failedBefore.size()
                && inboxAndStagingEmpty());
        Path failed = archiveFolders(".failed").stream().filter(f -> !failedBefore.contains(f)).findFirst().orElseThrow();
        assertThat(Files.readString(failed.resolve("Occupation Data.txt.report.txt")))
                .contains("the service stopped 3 times while processing this release");
        assertThat(staging.resolve(StagingArea.UNFINISHED)).doesNotExist();
        assertThat(releaseCount()).isEqualTo(releases);
    }

    private String inboxHealth() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
