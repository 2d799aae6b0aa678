package dev.skillgap;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the tests that run the whole application: real HTTP on a random port, the real
 * database (the embedded MariaDB, or the server named by SPRING_DATASOURCE_URL) and a private
 * inbox folder. Test classes that share this base share one Spring context and one database.
 */
@CamelSpringBootTest
@org.springframework.test.context.ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    /** The six-occupation O*NET 29.3 extract (see its README). */
    public static final Path FIXTURE = Path.of("src/test/resources/onet/fixture");

    protected static final Path INBOX = createInbox();

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void inboxProperties(DynamicPropertyRegistry registry) {
        registry.add("skillgap.inbox", INBOX::toString);
        registry.add("skillgap.ingest.quiet-period-ms", () -> "300");
        registry.add("skillgap.ingest.settle-time-ms", () -> "1000");
        registry.add("skillgap.ingest.recover-period-ms", () -> "2000");
    }

    private static Path createInbox() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "inbox-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies files into the inbox the way a data engineer would: write elsewhere, then move in. */
    protected static void dropIntoInbox(Path source, String targetName) {
        dropIntoInbox(INBOX, source, targetName);
    }

    /** Copies a file into the given inbox (a context's own, see {@link OwnContext}): write elsewhere, then move in. */
    protected static void dropIntoInbox(Path inbox, Path source, String targetName) {
        try {
            Path temp = Files.createTempFile(Path.of("target").toAbsolutePath(), "drop-", ".part");
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            // written a while ago, then moved in (like mv or cp -p): taken without waiting for the settle time
            Files.setLastModifiedTime(temp, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
            Files.move(temp, inbox.resolve(targetName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the update and the Data_Version bump in one transaction, as every writer must; returns the new version. */
    protected long changeServedData(String update) {
        return transactions.execute(status -> {
            jdbc.update(update);
            jdbc.update("UPDATE Data_Version SET version = version + 1, changed_at = CURRENT_TIMESTAMP(3) WHERE id = 1");
            return jdbc.queryForObject("SELECT version FROM Data_Version WHERE id = 1", Long.class);
        });
    }

    protected long releaseCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM Releases", Long.class);
    }

    /** Drops the given files of a release folder and waits until the inbox has taken them all. */
    protected static void dropAndAwaitInboxEmpty(Path releaseDir, String... fileNames) {
        dropAndAwaitInboxEmpty(INBOX, releaseDir, fileNames);
    }

    /** The same for the given inbox (a context's own, see {@link OwnContext}). */
    protected static void dropAndAwaitInboxEmpty(Path inbox, Path releaseDir, String... fileNames) {
        for (String name : fileNames) {
            dropIntoInbox(inbox, releaseDir.resolve(name), name);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> inboxIsSettled(inbox, fileNames));
    }

    private static boolean inboxIsSettled(Path inbox, String... fileNames) {
        for (String name : fileNames) {
            if (Files.exists(inbox.resolve(name)) || Files.exists(inbox.resolve(".staging").resolve(name))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fixture release plus its Job Zones.txt and Related Occupations.txt (a second release), and the embeddings of
     * its seven occupation texts stored (route moves-embed), so career moves and search use every signal.
     */
    public void loadFixtureForMoves() {
        loadFixture();
        if (jdbc.queryForObject("SELECT COUNT(*) FROM Related_Occupations", Long.class) != 6) {
            dropAndAwaitInboxEmpty(FIXTURE, "Job Zones.txt", "Related Occupations.txt");
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM Job_Zones", Long.class) == 7
                        && jdbc.queryForObject("SELECT COUNT(*) FROM Related_Occupations", Long.class) == 6
                        && jdbc.queryForObject("SELECT COUNT(*) FROM Text_Embeddings t JOIN Occupations o"
                        + " ON t.text_sha256 = SHA2(CONCAT(o.title, '. ', o.description), 256)", Long.class) == 7);
    }

    /** Loads the fixture release (Occupation Data, Skills, Scales Reference, Content Model Reference). */
    protected void loadFixture() {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM Occupation_Skills", Long.class) == 420) {
            return; // already loaded by an earlier test of this context
        }
        dropAndAwaitInboxEmpty(FIXTURE, "Occupation Data.txt", "Skills.txt", "Scales Reference.txt",
                "Content Model Reference.txt");
    }
}
