package dev.skillgap.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skillgap.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input corpus (issue 12): every kind of file that must not cost data or stop ingest, generated from the
 * fixture. For each: the database is unchanged (a digest of every ingest table's rows), a report exists that names
 * the problem in words and is small, the ingest keeps working (the next case is processed; at the end a valid
 * release still loads; health stays UP), and the API keeps answering.
 */
class BadInputCorpusTest extends IntegrationTest {

    private static final String SECRET = "TOP-SECRET-" + System.nanoTime();
    private static final int MAX_REPORT_BYTES = 20 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One bad drop: its kind, how to drop it, words its report must hold, and where it ends up. */
    private record Case(String kind, Dropper drop, String expected, String archive) {
    }

    @FunctionalInterface
    private interface Dropper {
        void drop() throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRejectedWithAReportAndCostsNothing() {
        return Stream.concat(corpus().stream().map(c -> DynamicTest.dynamicTest(c.kind(), () -> check(c))),
                Stream.of(DynamicTest.dynamicTest("after the corpus: a valid release still loads", this::validDropLoads)));
    }

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        String skills = fixture("Skills.txt");
        String occupations = fixture("Occupation Data.txt");
        String[] skillLines = skills.split("\n");
        cases.add(failed("Skills.txt holding only its header", () -> drop("Skills.txt", skillLines[0] + "\n"),
                "holds its header and no rows"));
        cases.add(failed("Skills.txt cut at a line end inside an occupation",
                () -> drop("Skills.txt", lines(skillLines, 0, 100)), "looks cut short or edited"));
        cases.add(failed("Skills.txt cut inside the last field",
                () -> drop("Skills.txt", skills.substring(0, skills.length() - 4)), "looks cut short"));
        cases.add(failed("Occupation Data.txt with Latin-1 bytes",
                () -> drop("Occupation Data.txt", occupations.replace("Cooks, Restaurant", "Cuisini\u00e8re")
                        .getBytes(StandardCharsets.ISO_8859_1)), "not valid UTF-8"));
        cases.add(failed("Skills.txt with a NUL byte in a field",
                () -> drop("Skills.txt", skills.replace("\tAnalyst\n", "\tAna\0lyst\n")), "NUL byte"));
        cases.add(failed("Skills.txt with a control byte in a field",
                () -> drop("Skills.txt", skills.replaceFirst("Reading", "Rea\u0007ding")), "control byte"));
        cases.add(failed("Skills.txt with a UTF-8 byte order mark",
                () -> drop("Skills.txt", "\uFEFF" + skills), "UTF-8 byte order mark"));
        cases.add(failed("Skills.txt in UTF-16 with a byte order mark",
                () -> drop("Skills.txt", skills.getBytes(StandardCharsets.UTF_16)), "UTF-16 encoding"));
        cases.add(failed("Skills.txt in UTF-16 without a byte order mark",
                () -> drop("Skills.txt", skills.getBytes(StandardCharsets.UTF_16LE)), "UTF-16"));
        cases.add(failed("binary data (a PNG) named Skills.txt",
                () -> drop("Skills.txt", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}),
                "binary data"));
        cases.add(failed("Skills.txt with a duplicate row",
                () -> drop("Skills.txt", skills.replace(skillLines[5] + "\n", skillLines[4] + "\n")), "duplicate row"));
        cases.add(failed("Skills.txt with a row missing a column",
                () -> drop("Skills.txt", skills.replace(skillLines[7], skillLines[7].replace("\tAnalyst", ""))),
                "has 12 fields; expected 13"));
        cases.add(failed("Skills.txt with a row with an extra column",
                () -> drop("Skills.txt", skills.replace(skillLines[7], skillLines[7] + "\textra")),
                "has 14 fields; expected 13"));
        cases.add(failed("an empty Skills.txt", () -> drop("Skills.txt", ""), "the file is empty"));
        cases.add(failed("Occupation Data.txt of another kind (the Skills header)",
                () -> drop("Occupation Data.txt", skills), "header is"));
        cases.add(failed("a 10 MB line (the report stays small)",
                () -> drop("Skills.txt", "x".repeat(10_000_000) + "\n"), "header is xxxx"));
        cases.add(failed("a 200 MB Skills.txt (over the size limit, never read)", () -> {
            Path big = part();
            try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
                file.setLength(200L * 1024 * 1024); // sparse: no disk used, and reading it would take long
            }
            moveIn(big, "Skills.txt");
        }, "larger than the limit"));
        cases.add(failed("a zip bomb (ratio over the limit)", () -> dropZip("db_29_3_text.zip",
                new Entry("db_29_3_text/Skills.txt", new byte[10 * 1024 * 1024])), "zip bomb"));
        cases.add(failed("a corrupt zip (random bytes)", () -> drop("db_29_3_text.zip", randomBytes(5000)),
                "not a readable zip archive"));
        cases.add(failed("a zip cut in half", () -> {
            byte[] zip = zip(new Entry("Skills.txt", skills.getBytes(StandardCharsets.UTF_8)));
            drop("db_29_3_text.zip", Arrays.copyOf(zip, zip.length / 2));
        }, "not a readable zip archive"));
        cases.add(failed("a nested zip", () -> dropZip("release.zip", new Entry("inner.zip",
                zip(new Entry("Skills.txt", skills.getBytes(StandardCharsets.UTF_8))))), "holds another zip"));
        cases.add(failed("a zip without O*NET files", () -> dropZip("release.zip",
                new Entry("db_29_3_text/Abilities.txt", "O*NET-SOC Code\tTitle\n".getBytes(StandardCharsets.UTF_8))),
                "holds no O*NET file"));
        cases.add(failed("a zip with path traversal (zip slip) holding a header-only Skills.txt", () -> dropZip(
                "release.zip", new Entry("../../../../Skills.txt", (skillLines[0] + "\n").getBytes(StandardCharsets.UTF_8))),
                "holds its header and no rows"));
        cases.add(failed("a zip holding Skills.txt twice", () -> dropZip("release.zip",
                new Entry("a/Skills.txt", skills.getBytes(StandardCharsets.UTF_8)),
                new Entry("b/Skills.txt", skills.getBytes(StandardCharsets.UTF_8))), "holds Skills.txt twice"));
        cases.add(failed("a zip whose Skills.txt is Latin-1", () -> dropZip("release.zip",
                new Entry("Occupation Data.txt", occupations.replace("Cooks, Restaurant", "Cuisini\u00e8re")
                        .getBytes(StandardCharsets.ISO_8859_1))), "Latin-1"));
        cases.add(failed("README.md alone", () -> drop("README.md", fixture("README.md")), "no O*NET file to load"));
        cases.add(failed("Occupation Data.txt and Occupation.txt together (the same kind twice)", () -> {
            drop("Occupation Data.txt", occupations);
            drop("Occupation.txt", occupations.replace("Carpenters", "Joiners"));
        }, "holds this file twice"));
        cases.add(failed("a symbolic link named Skills.txt to a file outside the inbox", () -> {
            Path secret = Files.writeString(Files.createTempFile(Path.of("target").toAbsolutePath(), "secret-", ".txt"),
                    SECRET + "\t" + SECRET + "\n");
            Files.setLastModifiedTime(secret, FileTime.from(Instant.now().minusSeconds(60)));
            Files.createSymbolicLink(INBOX.resolve("Skills.txt"), secret);
        }, "symbolic link"));
        cases.add(failed("a dangling symbolic link named Skills.txt", () ->
                Files.createSymbolicLink(INBOX.resolve("Skills.txt"), Path.of("/nonexistent/" + SECRET)), "symbolic link"));
        cases.add(failed("a folder named Skills.txt", () -> {
            Path dir = Files.createDirectories(INBOX.resolve("Skills.txt"));
            Files.writeString(dir.resolve("inside.txt"), SECRET);
        }, "is a folder"));
        cases.add(failed("a named pipe called Skills.txt", () -> {
            Process mkfifo = new ProcessBuilder("mkfifo", INBOX.resolve("Skills.txt").toString()).start();
            Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        }, "not a regular file"));
        cases.add(failed("a Skills.txt the service may not read", () -> {
            Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
            Path file = part();
            Files.writeString(file, skills);
            Files.setPosixFilePermissions(file, Set.of());
            moveIn(file, "Skills.txt");
        }, "permission denied"));
        cases.add(failed("Scales Reference.txt with a Minimum above its Maximum", () -> drop("Scales Reference.txt",
                fixture("Scales Reference.txt").replace("LV\tLevel\t0\t7", "LV\tLevel\t7\t0")),
                "is not below Maximum"));
        cases.add(failed("Content Model Reference.txt with a 200 KB Element ID (would overflow a regular expression)",
                () -> drop("Content Model Reference.txt", fixture("Content Model Reference.txt")
                        .replace("\n2.A.1.a\t", "\n2" + ".a".repeat(100_000) + "\t")),
                "is not a valid Element ID"));
        cases.add(held("Content Model Reference.txt cut at a line end (removes 20% of it)",
                () -> drop("Content Model Reference.txt", lines(fixture("Content Model Reference.txt").split("\n"), 0, 37)),
                "Content_Model_Reference: 9 of the 45 loaded rows would be removed"));
        return cases;
    }

    // ---- the checks every case makes

    private void check(Case c) throws Exception {
        loadFixture();
        String before = databaseDigest();
        Set<Path> archivedBefore = Set.copyOf(archiveFolders(c.archive()));

        c.drop().drop();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                archiveFolders(c.archive()).size() > archivedBefore.size() && inboxAndStagingEmpty());
        Path folder = archiveFolders(c.archive()).stream().filter(f -> !archivedBefore.contains(f))
                .max(Path::compareTo).orElseThrow();
        List<Path> reports;
        try (Stream<Path> files = Files.walk(folder)) {
            reports = files.filter(p -> p.getFileName().toString().endsWith(".report.txt")).toList();
        }
        assertThat(reports).as("reports in %s", folder).isNotEmpty();
        StringBuilder all = new StringBuilder();
        for (Path report : reports) {
            assertThat(Files.size(report)).as("size of %s", report).isLessThan(MAX_REPORT_BYTES);
            all.append(Files.readString(report, StandardCharsets.UTF_8));
        }
        assertThat(all.toString()).contains(c.expected()).doesNotContain(SECRET)
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(all.toString()).containsAnyOf("drop", "Drop", "CONFIRM");  // says what to do
        assertThat(databaseDigest()).as("the database is unchanged").isEqualTo(before);
        assertApiAnswers();
        assertInboxHealthy();
    }

    private void validDropLoads() throws Exception {
        loadFixture();
        long releases = releaseCount();
        drop("Occupation Data.txt", fixture("Occupation Data.txt").replace("\tCarpenters\t", "\tCarpenters (after)\t"));
        await().atMost(Duration.ofSeconds(60)).until(() -> releaseCount() == releases + 1 && inboxAndStagingEmpty());
        assertThat(jdbc.queryForObject("SELECT title FROM Occupations WHERE onetsoc_code = '47-2031.00'", String.class))
                .isEqualTo("Carpenters (after)");
        dropAndAwaitInboxEmpty(FIXTURE, "Occupation Data.txt");
        assertApiAnswers();
    }

    private void assertApiAnswers() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/skill-gap?from=35-2014.00&to=29-1141.00")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"success\":true", "Registered Nurses");
    }

    private void assertInboxHealthy() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"inbox\":{\"status\":\"UP\"");
    }

    /** Every row of every table the ingest writes, in key order, hashed: equal digests mean nothing changed. */
    private String databaseDigest() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String query : List.of(
                "SELECT * FROM Occupations ORDER BY onetsoc_code",
                "SELECT * FROM Scales ORDER BY scale_id",
                "SELECT * FROM Skills ORDER BY element_id",
                "SELECT * FROM Occupation_Skills ORDER BY onetsoc_code, element_id, scale_id",
                "SELECT * FROM Content_Model_Reference ORDER BY element_id",
                "SELECT * FROM Level_Scale_Anchors ORDER BY element_id, scale_id, anchor_value",
                "SELECT * FROM Releases ORDER BY release_id",
                "SELECT * FROM Release_Files ORDER BY file_kind",
                "SELECT * FROM Data_Version")) {
            jdbc.queryForList(query).forEach(r -> digest.update(r.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    // ---- dropping files

    private static Case failed(String kind, Dropper drop, String expected) {
        return new Case(kind, drop, expected, ".failed");
    }

    private static Case held(String kind, Dropper drop, String expected) {
        return new Case(kind, drop, expected, ".held");
    }

    private record Entry(String name, byte[] bytes) {
    }

    static void drop(String name, String text) throws IOException {
        drop(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static void drop(String name, byte[] bytes) throws IOException {
        Path part = part();
        Files.write(part, bytes);
        moveIn(part, name);
    }

    private static void dropZip(String name, Entry... entries) throws IOException {
        drop(name, zip(entries));
    }

    private static byte[] zip(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Entry entry : entries) {
                out.putNextEntry(new ZipEntry(entry.name()));
                out.write(entry.bytes());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Path part() throws IOException {
        return Files.createTempFile(Path.of("target").toAbsolutePath(), "drop-", ".part");
    }

    /** Moved in after it was written (like mv): taken without waiting for the settle time. */
    private static void moveIn(Path part, String name) throws IOException {
        Files.setLastModifiedTime(part, FileTime.from(Instant.now().minusSeconds(60)));
        Files.move(part, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new java.util.Random(12).nextBytes(bytes);
        return bytes;
    }

    static String fixture(String name) {
        try {
            return Files.readString(FIXTURE.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lines(String[] lines, int from, int to) {
        return String.join("\n", Arrays.asList(lines).subList(from, to)) + "\n";
    }

    static boolean inboxAndStagingEmpty() throws IOException {
        for (Path dir : List.of(INBOX, INBOX.resolve(".staging"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.anyMatch(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().endsWith(".camelLock"))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    static List<Path> archiveFolders(String archive) throws IOException {
        Path root = INBOX.resolve(archive);
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.toList();
        }
    }
}
