package dev.skillgap.ingest;

import java.nio.file.Path;

/**
 * A release file waiting in the staging folder, identified by its kind and content hash; {@code name} is how
 * reports call it: its file name, or {@code Skills.txt (from db_29_3_text.zip)} for an entry of a zip.
 */
public record StagedFile(Path path, OnetFileKind kind, String sha256, String name) {

    public StagedFile(Path path, OnetFileKind kind, String sha256) {
        this(path, kind, sha256, path.getFileName().toString());
    }

    public String fileName() {
        return name;
    }
}
