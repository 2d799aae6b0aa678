package dev.skillgap.ops;

import dev.skillgap.ingest.StagingArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads the state of the inbox from the filesystem: files waiting in inbox/, files being staged in
 * inbox/.staging/, and what landed in inbox/.failed/ (a failed file and its {@code .report.txt}).
 * Hidden files (.gitkeep) and the file consumer's {@code .camelLock} markers are not data files.
 */
public final class InboxScanner {

    public static final String STAGING = StagingArea.STAGING;
    public static final String FAILED = StagingArea.FAILED;
    public static final String HELD = StagingArea.HELD;
    public static final String REPORT_SUFFIX = ".report.txt";

    private final Path inbox;
    private final Predicate<String> takenByIngest;

    /** A scanner for which every data file in the inbox is one the ingest takes. */
    public InboxScanner(Path inbox) {
        this(inbox, name -> true);
    }

    /** @param takenByIngest which file names the ingest's file consumer picks up (its include pattern) */
    public InboxScanner(Path inbox, Predicate<String> takenByIngest) {
        this.inbox = inbox;
        this.takenByIngest = takenByIngest;
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

    /**
     * When the oldest data file in .staging/ got there: its status-change time (a move sets it; the
     * last-modified time is kept by a move, so it says nothing about the arrival), else its last-modified time.
     */
    public java.util.Optional<Instant> oldestStaged() {
        Path staging = inbox.resolve(STAGING);
        java.util.Optional<Instant> oldest = java.util.Optional.empty();
        for (String name : dataFiles(staging)) {
            try {
                Instant t = arrival(staging.resolve(name));
                if (oldest.isEmpty() || t.isBefore(oldest.get())) {
                    oldest = java.util.Optional.of(t);
                }
            } catch (IOException e) {
                // moved away while we looked
            }
        }
        return oldest;
    }

    private static Instant arrival(Path file) throws IOException {
        try {
            Object ctime = Files.getAttribute(file, "unix:ctime", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return ((java.nio.file.attribute.FileTime) ctime).toInstant();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getLastModifiedTime(file, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant();
        }
    }

    public Path heldDir() {
        return inbox.resolve(HELD);
    }

    /** How many releases wait in .held/ for a confirmation. */
    public int heldReleases() {
        Path held = heldDir();
        if (!Files.isDirectory(held)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(held)) {
            return (int) entries.filter(Files::isDirectory).count();
        } catch (IOException e) {
            return 0;
        }
    }

    public Counts counts() {
        return new Counts(dataFiles(inbox).size(), dataFiles(inbox.resolve(STAGING)).size(),
                failedFilesSince(Instant.EPOCH).size());
    }

    /** Data files waiting in the inbox itself, that the ingest will take. */
    public List<String> waiting() {
        return dataFiles(inbox).stream().filter(takenByIngest).toList();
    }

    /** Files in the inbox that the ingest does not take (not O*NET files): they stay where they are. */
    public List<String> ignored() {
        return dataFiles(inbox).stream().filter(takenByIngest.negate()).toList();
    }

    /** Data files taken by the ingest but not yet loaded or failed. */
    public List<String> staging() {
        return dataFiles(inbox.resolve(STAGING));
    }

    /**
     * Files that the ingest put in inbox/.failed/ (one {@code <time>/} folder per rejected release,
     * reports excluded), as paths relative to .failed/, that failed at or after {@code since}: a file
     * counts when it or its {@code .report.txt} was written then (a move keeps a file's time, its new
     * report does not).
     */
    public List<String> failedFilesSince(Instant since) {
        Path failedDir = failedDir();
        if (!Files.isDirectory(failedDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(failedDir, 2)) {
            return entries
                    .filter(InboxScanner::isDataFile)
                    .filter(p -> !p.getFileName().toString().endsWith(REPORT_SUFFIX))
                    .filter(p -> modifiedSince(p, since)
                            || modifiedSince(p.resolveSibling(p.getFileName() + REPORT_SUFFIX), since))
                    .map(p -> failedDir.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + failedDir, e);
        }
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
            return entries.filter(InboxScanner::isDataFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static boolean isDataFile(Path p) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || name.endsWith(".camelLock")) {
            return false;
        }
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).isRegularFile();
        } catch (IOException e) {
            return false; // moved away while we looked
        }
    }
}
