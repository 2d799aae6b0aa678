package dev.skillgap.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything in the staging folder: the O*NET files to load, the files that only came along (the release zip,
 * its Read Me, and any file that cannot be loaded), which are archived with them, and why a file cannot be
 * loaded ({@code problems}, by the name reports use).
 *
 * @param removalConfirmed a person confirmed (CONFIRM in its {@code .held/} folder) that this release may remove
 *                         more than the configured share of the loaded data
 */
public record StagedRelease(List<StagedFile> files, List<Path> companions, String onetVersion,
                            Map<String, String> problems, boolean removalConfirmed) {

    public StagedRelease(List<StagedFile> files, List<Path> companions, String onetVersion) {
        this(files, companions, onetVersion, Map.of(), false);
    }

    public boolean isEmpty() {
        return files.isEmpty() && companions.isEmpty();
    }

    /** A file's name, or {@code <entry> (from <zip>)} for an entry unpacked from a zip. */
    static String nameOf(Path path) {
        Path parent = path.getParent();
        if (parent != null && parent.getParent() != null
                && parent.getParent().getFileName().toString().equals(StagingArea.UNPACKED)) {
            return path.getFileName() + " (from " + parent.getFileName() + ")";
        }
        return path.getFileName().toString();
    }

    /** Every path with the name its report uses. */
    public Map<Path, String> namedPaths() {
        Map<Path, String> named = new LinkedHashMap<>();
        companions.forEach(p -> named.put(p, nameOf(p)));
        files.forEach(f -> named.put(f.path(), f.name()));
        return named;
    }
}
