package dev.skillgap.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingest safety settings ({@code skillgap.ingest.*}; the quiet period, settle time and error count are read
 * by the routes and the parser directly).
 *
 * @param maxRemovedShare a release that would remove more than this share of the loaded rows of any table
 *                        (occupations, ratings, skills, scales, content model, anchors) is held in
 *                        {@code inbox/.held/<time>/} until a {@code CONFIRM} file is dropped next to it
 * @param stuckAfter      a file in {@code inbox/.staging/} older than this turns the inbox health DOWN
 *                        (the release process is not getting through)
 * @param limits          checked before a file is read
 */
@ConfigurationProperties("skillgap.ingest")
public record IngestProperties(
        @DefaultValue("0.05") double maxRemovedShare,
        @DefaultValue("10m") Duration stuckAfter,
        @DefaultValue Limits limits) {

    /**
     * @param maxFileSize         largest O*NET text file (dropped, or one entry of a zip); 29.3's Skills.txt is 5.5 MB
     * @param maxZipSize          largest zip dropped into the inbox (compressed size)
     * @param maxUncompressedSize most bytes extracted from one zip (only the entries this service loads are extracted)
     * @param maxZipEntries       most entries one zip may list (the official text zip lists about 40)
     * @param maxCompressionRatio highest uncompressed/compressed ratio of an extracted entry (29.3's Skills.txt: 15)
     */
    public record Limits(
            @DefaultValue("16MB") DataSize maxFileSize,
            @DefaultValue("128MB") DataSize maxZipSize,
            @DefaultValue("64MB") DataSize maxUncompressedSize,
            @DefaultValue("1000") int maxZipEntries,
            @DefaultValue("100") int maxCompressionRatio) {
    }
}
