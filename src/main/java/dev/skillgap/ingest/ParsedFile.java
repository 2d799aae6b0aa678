package dev.skillgap.ingest;

import java.util.List;
import java.util.Map;

/**
 * The rows of one staged file, typed and keyed by column name (the names the SQL uses), each with
 * its {@code line} number; or the errors that make the file unloadable.
 */
public record ParsedFile(StagedFile source, List<Map<String, Object>> rows, List<String> errors, int errorCount) {

    public boolean isValid() {
        return errorCount == 0;
    }
}
