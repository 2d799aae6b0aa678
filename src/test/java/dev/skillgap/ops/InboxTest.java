package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The inbox health component and the inbox scanner that load-and-exit relies on. */
class InboxTest {

    @TempDir
    Path temp;

    @Test
    void inboxIsUpWhenItIsAWritableDirectoryAndCountsWhatItHolds() throws IOException {
        Files.writeString(temp.resolve("Skills.txt"), "x");
        Files.writeString(temp.resolve(".gitkeep"), "");
        Files.createDirectories(temp.resolve(".staging"));
        Files.writeString(temp.resolve(".staging/Occupation Data.txt"), "x");

        Health health = new InboxHealthIndicator(temp).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("path", temp.toAbsolutePath().toString())
                .containsEntry("waiting", 1).containsEntry("staging", 1).containsEntry("failed", 0);
    }

    @Test
    void inboxIsDownWhenAFileHasWaitedInStagingLongerThanTheBound() throws IOException {
        Files.createDirectories(temp.resolve(".staging"));
        Files.writeString(temp.resolve(".staging/Skills.txt"), "x");

        assertThat(new InboxHealthIndicator(temp, null, java.time.Duration.ofMinutes(10)).health().getStatus())
                .isEqualTo(Status.UP);
        Health stuck = new InboxHealthIndicator(temp, null, java.time.Duration.ZERO).health();

        assertThat(stuck.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stuck.getDetails().get("error").toString()).contains("has waited in .staging/ since");
    }

    @Test
    void inboxIsDownWhenItIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("inbox"), "not a folder");

        Health health = new InboxHealthIndicator(file).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "is not a directory");
    }

    @Test
    void inboxIsDownWhenItDoesNotExist() {
        Health health = new InboxHealthIndicator(temp.resolve("missing")).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "does not exist");
    }

    @Test
    void aFailedFileCountsForThisRunWhenItOrItsReportIsNewerThanTheStart() throws IOException {
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        // the ingest keeps each rejected release in .failed/<time>/
        Path earlier = Files.createDirectories(temp.resolve(".failed/20260101T115900.000Z"));
        Path now = Files.createDirectories(temp.resolve(".failed/20260101T120005.000Z"));
        // failed in an earlier run: file and report both older than the start
        touch(earlier.resolve("Scales Reference.txt"), start.minusSeconds(60));
        touch(earlier.resolve("Scales Reference.txt.report.txt"), start.minusSeconds(60));
        // failed now: a move keeps the file's old time, its report is new
        touch(now.resolve("Skills.txt"), start.minusSeconds(3600));
        touch(now.resolve("Skills.txt.report.txt"), start.plusSeconds(5));

        InboxScanner scanner = new InboxScanner(temp);

        assertThat(scanner.failedFilesSince(start)).containsExactly("20260101T120005.000Z/Skills.txt");
        assertThat(scanner.failedFilesSince(Instant.EPOCH))
                .containsExactly("20260101T115900.000Z/Scales Reference.txt", "20260101T120005.000Z/Skills.txt");
        assertThat(new InboxHealthIndicator(temp).health().getDetails()).containsEntry("failed", 2);
    }

    @Test
    void hiddenFilesLockFilesAndFoldersAreNotDataFiles() throws IOException {
        Files.writeString(temp.resolve("Skills.txt"), "x");
        Files.writeString(temp.resolve("Skills.txt.camelLock"), "");
        Files.writeString(temp.resolve(".Skills.txt.camelLock"), "");
        Files.createDirectories(temp.resolve(".done"));
        Files.createDirectories(temp.resolve("sub"));

        InboxScanner scanner = new InboxScanner(temp);

        assertThat(scanner.waiting()).containsExactly("Skills.txt");
        assertThat(scanner.staging()).isEmpty();
    }

    @Test
    void filesTheIngestDoesNotTakeAreIgnoredNotWaiting() throws IOException {
        Files.writeString(temp.resolve("Skills.txt"), "x");
        Files.writeString(temp.resolve("notes.docx"), "x");

        InboxScanner scanner = new InboxScanner(temp, name -> name.endsWith(".txt"));

        assertThat(scanner.waiting()).containsExactly("Skills.txt");
        assertThat(scanner.ignored()).containsExactly("notes.docx");
    }

    private static void touch(Path file, Instant time) throws IOException {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(time));
    }
}
