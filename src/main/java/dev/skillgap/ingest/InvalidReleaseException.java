package dev.skillgap.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A release that cannot be loaded, with the first errors of each broken file by line number. */
public class InvalidReleaseException extends Exception {

    private final Map<String, List<String>> errorsByFile;
    private final Map<String, Integer> errorCountByFile;

    public InvalidReleaseException(Map<String, List<String>> errorsByFile, Map<String, Integer> errorCountByFile) {
        this(summary(errorCountByFile), errorsByFile, errorCountByFile);
    }

    private InvalidReleaseException(String message, Map<String, List<String>> errorsByFile,
                                    Map<String, Integer> errorCountByFile) {
        super(message);
        this.errorsByFile = new LinkedHashMap<>(errorsByFile);
        this.errorCountByFile = new LinkedHashMap<>(errorCountByFile);
    }

    public static InvalidReleaseException of(String fileName, String error) {
        return new InvalidReleaseException(Map.of(fileName, List.of(error)), Map.of(fileName, 1));
    }

    /** A release that validated but that the database refused (a fault no check foresaw). */
    public static InvalidReleaseException loadFailed(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new InvalidReleaseException("loading failed: " + root.getMessage(), Map.of(), Map.of());
    }

    /** The reason a release failed, whatever was thrown. */
    public static InvalidReleaseException from(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidReleaseException invalid) {
                return invalid;
            }
        }
        return loadFailed(failure);
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
                report.append(" Fix the files named below and drop the release again.");
            }
            report.append('\n');
            errorsByFile.keySet().forEach(f -> report.append("  see ").append(f).append(".report.txt\n"));
            return report.toString();
        }
        int total = errorCountByFile.getOrDefault(fileName, errors.size());
        report.append(fileName).append(" was rejected: ").append(total).append(total == 1 ? " error" : " errors")
              .append(". The database still holds the previous release.\n");
        if (total > errors.size()) {
            report.append("The first ").append(errors.size()).append(":\n");
        }
        errors.forEach(e -> report.append("  ").append(e).append('\n'));
        return report.toString();
    }

    private static String summary(Map<String, Integer> errorCountByFile) {
        StringBuilder s = new StringBuilder();
        errorCountByFile.forEach((file, count) -> s.append(s.isEmpty() ? "" : "; ")
                .append(file).append(": ").append(count).append(count == 1 ? " error" : " errors"));
        return s.toString();
    }
}
