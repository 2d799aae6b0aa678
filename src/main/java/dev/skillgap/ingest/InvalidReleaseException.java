package dev.skillgap.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release that cannot be loaded, with the first errors of each broken file by line number; or, when
 * {@link #isHeld()}, a valid release that would remove more of the loaded data than allowed without a confirmation.
 * The one error type of the ingest: every report is written from it.
 */
public class InvalidReleaseException extends Exception {

    /** The longest excerpt of a file (or of a foreign message) a report quotes. */
    static final int MAX_EXCERPT = 200;

    private final Map<String, List<String>> errorsByFile;
    private final Map<String, Integer> errorCountByFile;
    private final boolean held;

    public InvalidReleaseException(Map<String, List<String>> errorsByFile, Map<String, Integer> errorCountByFile) {
        this(summary(errorCountByFile), errorsByFile, errorCountByFile, false);
    }

    private InvalidReleaseException(String message, Map<String, List<String>> errorsByFile,
                                    Map<String, Integer> errorCountByFile, boolean held) {
        super(message);
        this.errorsByFile = new LinkedHashMap<>(errorsByFile);
        this.errorCountByFile = new LinkedHashMap<>(errorCountByFile);
        this.held = held;
    }

    public static InvalidReleaseException of(String fileName, String error) {
        return new InvalidReleaseException(Map.of(fileName, List.of(error)), Map.of(fileName, 1));
    }

    /** Files that cannot be loaded at all (from collecting the staging folder), each with its problem. */
    public static InvalidReleaseException unloadable(Map<String, String> problems) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        problems.forEach((file, problem) -> {
            errors.put(file, List.of(problem));
            counts.put(file, 1);
        });
        return new InvalidReleaseException(errors, counts);
    }

    /** A valid release held back until a person confirms what it removes. */
    public static InvalidReleaseException held(String explanation) {
        return new InvalidReleaseException(explanation, Map.of(), Map.of(), true);
    }

    /** A release that validated but that the database refused (a fault no check foresaw). */
    public static InvalidReleaseException loadFailed(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root instanceof Error
                ? "the service ran into " + root.getClass().getSimpleName() + " (" + excerpt(String.valueOf(root.getMessage()))
                  + ") while processing it; check the service log and its memory, then drop the release again"
                : "loading failed: " + excerpt(String.valueOf(root.getMessage()));
        return new InvalidReleaseException(what, Map.of(), Map.of(), false);
    }

    /** The reason a release failed, whatever was thrown. */
    public static InvalidReleaseException from(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidReleaseException invalid) {
                return invalid;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return loadFailed(failure);
    }

    /** True for a release that is valid but waits for a confirmation (see {@link #held(String)}). */
    public static boolean isHeld(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof InvalidReleaseException invalid) {
                return invalid.held;
            }
        }
        return false;
    }

    public boolean isHeld() {
        return held;
    }

    public Map<String, List<String>> errorsByFile() {
        return errorsByFile;
    }

    /** The text of {@code <file>.report.txt}. */
    public String reportFor(String fileName) {
        StringBuilder report = new StringBuilder();
        List<String> errors = errorsByFile.get(fileName);
        if (errors == null) {
            report.append(fileName).append(" was not loaded because its release was rejected: ")
                  .append(getMessage()).append('\n')
                  .append("The database still holds the previous release.");
            if (!errorsByFile.isEmpty()) {
                report.append(" Fix the files named below and drop the release again (all its files).");
            } else {
                report.append(" No check found a fault in the files: drop the release again (all its files);"
                        + " if it fails the same way, the service log says more.");
            }
            report.append('\n');
            errorsByFile.keySet().forEach(f -> report.append("  see the report of ").append(f).append('\n'));
            return report.toString();
        }
        int total = errorCountByFile.getOrDefault(fileName, errors.size());
        report.append(fileName).append(" was rejected: ").append(total).append(total == 1 ? " error" : " errors")
              .append(". The database still holds the previous release.\n");
        if (total > errors.size()) {
            report.append("The first ").append(errors.size()).append(":\n");
        }
        errors.forEach(e -> report.append("  ").append(excerpt(e, 2 * MAX_EXCERPT)).append('\n'));
        report.append("Fix this file and drop the release again (all its files).\n");
        return report.toString();
    }

    /** A piece of a file or of a foreign message, cut to {@link #MAX_EXCERPT} characters, control characters shown as '?'. */
    static String excerpt(String text) {
        return excerpt(text, MAX_EXCERPT);
    }

    private static String excerpt(String text, int max) {
        String cut = text.length() > max ? text.substring(0, max) + "... (" + text.length() + " characters)" : text;
        StringBuilder clean = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }

    private static String summary(Map<String, Integer> errorCountByFile) {
        StringBuilder s = new StringBuilder();
        errorCountByFile.forEach((file, count) -> s.append(s.isEmpty() ? "" : "; ")
                .append(file).append(": ").append(count).append(count == 1 ? " error" : " errors"));
        return s.toString();
    }
}
