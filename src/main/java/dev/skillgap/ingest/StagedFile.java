package dev.skillgap.ingest;

import java.nio.file.Path;

/** A release file waiting in the staging folder, identified by its kind and content hash. */
public record StagedFile(Path path, OnetFileKind kind, String sha256) {

    public String fileName() {
        return path.getFileName().toString();
    }
}
