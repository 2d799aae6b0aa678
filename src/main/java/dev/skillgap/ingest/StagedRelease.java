package dev.skillgap.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything in the staging folder: the O*NET files to load, and the files that only came along
 * (the release zip, its Read Me) which are archived with them.
 */
public record StagedRelease(List<StagedFile> files, List<Path> companions, String onetVersion) {

    public boolean isEmpty() {
        return files.isEmpty() && companions.isEmpty();
    }

    public List<Path> allPaths() {
        List<Path> all = new java.util.ArrayList<>(companions);
        files.forEach(f -> all.add(f.path()));
        return all;
    }
}
