package dev.skillgap.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skillgap.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Job Zones.txt and Related Occupations.txt through the real inbox into the real database: loaded with their
 * release, bad rows rejected with a report (nothing changes), a release without them keeps what was loaded; and
 * the embedding pass after a load embeds only the texts it has not embedded before.
 */
class MovesIngestTest extends IntegrationTest {

    private static final String RELATED_HEADER = "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n";

    @Autowired
    private CamelContext camel;

    @Autowired
    private TextEmbedder embedder;

    @BeforeEach
    void fixtureWithMovesFilesIsLoaded() {
        loadFixtureForMoves();
    }

    @Test
    void jobZonesAndRelatedOccupationsAreLoadedWithTheirRelease() {
        assertThat(jdbc.queryForObject("SELECT job_zone FROM Job_Zones WHERE onetsoc_code = '35-2014.00'", Integer.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT domain_source FROM Job_Zones WHERE onetsoc_code = '15-1252.00'", String.class))
                .isEqualTo("Analyst - Preliminary");
        List<Map<String, Object>> related = jdbc.queryForList("SELECT related_onetsoc_code, relatedness_tier, related_index"
                + " FROM Related_Occupations WHERE onetsoc_code = '15-1211.00' ORDER BY related_index");
        assertThat(related).hasSize(2);
        assertThat(related.get(0)).containsEntry("related_onetsoc_code", "15-1252.00").containsEntry("relatedness_tier", "Primary-Short");
        assertThat(related.get(1)).containsEntry("related_onetsoc_code", "15-1251.00").containsEntry("relatedness_tier", "Supplemental");
        assertThat(((Number) related.get(1).get("related_index")).intValue()).isEqualTo(11);
        assertThat(jdbc.queryForList("SELECT file_kind FROM Release_Files", String.class))
                .contains("JOB_ZONES", "RELATED_OCCUPATIONS");
    }

    @Test
    void badRowsAreRejectedWithAReportAndNothingChanges() throws IOException {
        long releases = releaseCount();
        Path release = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bad-related-");
        Files.writeString(release.resolve("Related Occupations.txt"), RELATED_HEADER
                + "15-1211.00\t15-1252.00\tPrimary-Short\t1\n"
                + "15-1211.00\t15-1211.00\tPrimary-Short\t2\n"     // related to itself
                + "15-1251.00\t15-1252.00\tSecondary\t3\n"         // not a tier
                + "15-1252.00\t15-1251.00\tPrimary-Short\tfirst\n"); // not a number
        Files.writeString(release.resolve("Job Zones.txt"), "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n"
                + "15-1211.00\t6\t08/2023\tAnalyst\n");            // zones are 1 to 5

        dropAndAwaitInboxEmpty(release, "Related Occupations.txt", "Job Zones.txt");

        Path failed = await().atMost(Duration.ofSeconds(30)).until(() -> latest(".failed"),
                f -> f != null && Files.exists(f.resolve("Related Occupations.txt.report.txt")));
        assertThat(Files.readString(failed.resolve("Related Occupations.txt.report.txt")))
                .contains("line 3").contains("15-1211.00 is listed as related to itself")
                .contains("line 4").contains("Relatedness Tier 'Secondary' is not one of Primary-Short, Primary-Long, Supplemental")
                .contains("line 5").contains("Index 'first' is not a whole number from 1 to 999");
        assertThat(Files.readString(failed.resolve("Job Zones.txt.report.txt")))
                .contains("line 2").contains("Job Zone '6' is not a whole number from 1 to 5");
        assertThat(releaseCount()).isEqualTo(releases);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Related_Occupations", Long.class)).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT job_zone FROM Job_Zones WHERE onetsoc_code = '15-1211.00'", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void relatedOccupationsMustNameLoadedOccupations() throws IOException {
        Path release = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "unknown-related-");
        Files.writeString(release.resolve("Related Occupations.txt"), RELATED_HEADER
                + "15-1211.00\t15-1252.00\tPrimary-Short\t1\n"
                + "15-1211.00\t99-9999.00\tPrimary-Long\t2\n");

        dropAndAwaitInboxEmpty(release, "Related Occupations.txt");

        Path failed = await().atMost(Duration.ofSeconds(30)).until(() -> latest(".failed"),
                f -> f != null && Files.exists(f.resolve("Related Occupations.txt.report.txt"))
                        && readQuietly(f.resolve("Related Occupations.txt.report.txt")).contains("99-9999.00"));
        assertThat(Files.readString(failed.resolve("Related Occupations.txt.report.txt")))
                .contains("line 3").contains("Related O*NET-SOC Code 99-9999.00 is not in Occupation Data");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Related_Occupations", Long.class)).isEqualTo(6);
    }

    @Test
    void aReleaseWithoutThemKeepsWhatWasLoadedAndOnlyTheChangedTextIsEmbedded() throws IOException {
        long embeddings = jdbc.queryForObject("SELECT COUNT(*) FROM Text_Embeddings", Long.class);
        Path release = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "new-description-");
        String original = Files.readString(FIXTURE.resolve("Occupation Data.txt"));
        String changed = original.replace("\tCarpenters\tConstruct, erect,", "\tCarpenters\tBuild, erect,");
        assertThat(changed).isNotEqualTo(original);
        Files.writeString(release.resolve("Occupation Data.txt"), changed);
        NotifyBuilder embedded = new NotifyBuilder(camel).fromRoute("moves-embed").whenCompleted(1).create();
        try {
            dropAndAwaitInboxEmpty(release, "Occupation Data.txt");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT description FROM Occupations WHERE onetsoc_code = '47-2031.00'", String.class).startsWith("Build"));
            assertThat(embedded.matches(60, TimeUnit.SECONDS)).isTrue();
            // the pass stored the new text's embedding, then released the model's ONNX session (memory) ...
            await().atMost(Duration.ofSeconds(60)).until(() -> !embedder.isLoaded()
                    && jdbc.queryForObject("SELECT COUNT(*) FROM Text_Embeddings", Long.class) == embeddings + 1);
            // ... and the next call loads it again: the same vector as the stored one
            String text = jdbc.queryForObject("SELECT CONCAT(title, '. ', description) FROM Occupations"
                    + " WHERE onetsoc_code = '47-2031.00'", String.class);
            byte[] stored = jdbc.queryForObject("SELECT vector FROM Text_Embeddings WHERE model = ? AND text_sha256 = ?",
                    byte[].class, embedder.modelName(), TextEmbedder.sha256(text));
            float[] again = embedder.embed(List.of(text))[0];
            assertThat(embedder.isLoaded()).isTrue();
            assertThat(again).containsExactly(TextEmbedder.fromBytes(stored), org.assertj.core.data.Offset.offset(1e-5f));

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Job_Zones", Long.class)).isEqualTo(7);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Related_Occupations", Long.class)).isEqualTo(6);
            // one new text (the carpenters' new description): one new embedding, the six others are not embedded again
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Text_Embeddings", Long.class)).isEqualTo(embeddings + 1);
        } finally {
            Path back = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "old-description-");
            Files.writeString(back.resolve("Occupation Data.txt"), original);
            dropAndAwaitInboxEmpty(back, "Occupation Data.txt");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT description FROM Occupations WHERE onetsoc_code = '47-2031.00'", String.class).startsWith("Construct"));
        }
        // the original text's embedding is still stored: going back embeds nothing
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Text_Embeddings", Long.class)).isEqualTo(embeddings + 1);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path latest(String archive) throws IOException {
        Path root = INBOX.resolve(archive);
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.max(Comparator.naturalOrder()).orElse(null);
        }
    }
}
