package dev.skillgap.backtest;

import dev.skillgap.ingest.OnetFileKind;
import dev.skillgap.ingest.ParsedFile;
import dev.skillgap.ingest.StagedFile;
import dev.skillgap.ingest.StagingArea;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads an O*NET release folder for the backtest: each file goes through route backtest-read-file, i.e. the
 * ingest's own parser (camel-csv, quotes off, then {@link dev.skillgap.ingest.ReleaseFileParser}); nothing is
 * loaded into the database. Skills.txt and Occupation Data.txt are required; Content Model Reference and Level
 * Scale Anchors (the skill catalogue of the prompt) are read when present.
 */
@Component
public class BacktestReleases {

    /** Route that parses one file (routes/backtest.camel.yaml). */
    static final String READ_FILE = "direct:backtest-read-file";

    private static final List<OnetFileKind> KINDS = List.of(OnetFileKind.OCCUPATIONS, OnetFileKind.SKILLS,
            OnetFileKind.CONTENT_MODEL, OnetFileKind.LEVEL_SCALE_ANCHORS);
    private static final List<OnetFileKind> REQUIRED = List.of(OnetFileKind.OCCUPATIONS, OnetFileKind.SKILLS);

    private final ProducerTemplate camel;

    public BacktestReleases(ProducerTemplate camel) {
        this.camel = camel;
    }

    /** The release in the folder; fails with the file's first errors when a file does not parse. */
    public BacktestRelease read(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a release folder: " + folder);
        }
        Map<OnetFileKind, List<Map<String, Object>>> rows = new EnumMap<>(OnetFileKind.class);
        for (OnetFileKind kind : KINDS) {
            Path file = kind.fileNames().stream().map(folder::resolve).filter(Files::isRegularFile).findFirst()
                    .orElse(null);
            if (file == null) {
                if (REQUIRED.contains(kind)) {
                    throw new IllegalArgumentException(folder + " has no " + kind.fileNames().get(0)
                            + ": the backtest needs Skills.txt and Occupation Data.txt of both releases");
                }
                continue;
            }
            ParsedFile parsed = camel.requestBody(READ_FILE, new StagedFile(file, kind, null), ParsedFile.class);
            if (!parsed.isValid()) {
                throw new IllegalArgumentException(file + " is not a valid O*NET file (" + parsed.errorCount()
                        + " errors): " + String.join("; ", parsed.errors().subList(0,
                        Math.min(3, parsed.errors().size()))));
            }
            rows.put(kind, parsed.rows());
        }
        String version = StagingArea.versionOf(folder);
        return new BacktestRelease(folder, version == null ? folder.getFileName().toString() : version, rows);
    }
}
