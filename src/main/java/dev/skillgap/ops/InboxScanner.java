package dev.skillgap.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the state of the inbox from the filesystem: files waiting in inbox/, files being staged in
 * inbox/.staging/, and what landed in inbox/.failed/ (a failed file and its {@code .report.txt}).
 * Hidden files (.gitkeep) and the file consumer's {@code .camelLock} markers are not data files.
 */
public final class InboxScanner {

    public static final String STAGING = ".staging";
    public static final String FAILED = ".failed";
    public static final String REPORT_SUFFIX = ".report.txt";

    private final Path inbox;

    public InboxScanner(Path inbox) {
        this.inbox = inbox;
    }

    public record Counts(int waiting, int staging, int failed) {
    }

    @Override
    public String toString() {
        return inbox.toString();
    }

    public Path failedDir() {
        return inbox.resolve(FAILED);
    }

    public Counts counts() {
        return new Counts(dataFiles(inbox).size(), dataFiles(inbox.resolve(STAGING)).size(),
                failedFilesSince(Instant.EPOCH).size());
    }

    /** Data files waiting in the inbox itself (not yet taken by the ingest). */
    public List<String> waiting() {
        return dataFiles(inbox);
    }

    /** Data files taken by the ingest but not yet loaded or failed. */
    public List<String> staging() {
        return dataFiles(inbox.resolve(STAGING));
    }

    /**
     * Files of inbox/.failed/ (reports excluded) that failed at or after {@code since}: a file counts
     * when it or its report was written then (a move keeps a file's time, its new report does not).
     */
    public List<String> failedFilesSince(Instant since) {
        Path failedDir = inbox.resolve(FAILED);
        return dataFiles(failedDir).stream()
                .filter(name -> !name.endsWith(REPORT_SUFFIX))
                .filter(name -> modifiedSince(failedDir.resolve(name), since)
                        || modifiedSince(failedDir.resolve(name + REPORT_SUFFIX), since))
                .toList();
    }

    private static boolean modifiedSince(Path file, Instant since) {
        try {
            return Files.exists(file) && !Files.getLastModifiedTime(file).toInstant().isBefore(since);
        } catch (IOException e) {
            return false; // moved away while we looked
        }
    }

    private static List<String> dataFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".camelLock"))
                    .filter(p -> isRegularFile(p))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static boolean isRegularFile(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).isRegularFile();
        } catch (IOException e) {
            return false; // moved away while we looked
        }
    }
}
