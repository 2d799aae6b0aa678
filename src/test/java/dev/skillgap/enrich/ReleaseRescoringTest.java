package dev.skillgap.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new release, loaded through the inbox, triggers a pass that re-scores exactly the pairs whose inputs changed. */
class ReleaseRescoringTest extends LlmIntegrationTest {

    private static final String CHANGED_VALUE = "15-1251.00\t2.A.1.a\tReading Comprehension\tLV\t3.50\t";
    private static final String NEW_VALUE = "15-1251.00\t2.A.1.a\tReading Comprehension\tLV\t3.75\t";
    private static final String REDESCRIBED = "35-2014.00";

    @Test
    void aNewReleaseRescoresOnlyWhatChangedAndARevertIsServedFromTheCache() throws IOException {
        runPass();
        String cooksHashes = hashesOf(REDESCRIBED);
        FAKE.reset();

        // Skills: one analyst value changes; Occupation Data: one occupation's description changes
        Path release = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "release-");
        rewrite("Skills.txt", release, CHANGED_VALUE, NEW_VALUE);
        String description = jdbc.queryForObject("SELECT description FROM Occupations WHERE onetsoc_code = ?",
                String.class, REDESCRIBED);
        rewrite("Occupation Data.txt", release, description, description + " Some also cater events.");
        dropAndAwaitLlmInboxEmpty(release, "Skills.txt", "Occupation Data.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> FAKE.calls() >= 2);
        awaitNoPass();

        assertThat(FAKE.calls()).isEqualTo(2);
        List<String> prompts = FAKE.prompts();
        assertThat(prompts).anySatisfy(p -> assertThat(p)
                .contains("Occupation: 15-1251.00 ", "Rate these 1 skills", "- element_id: 2.A.1.a",
                        "analyst level: 3.75"));
        assertThat(prompts).anySatisfy(p -> assertThat(p)
                .contains("Occupation: " + REDESCRIBED + " ", "Rate these 35 skills", "Some also cater events."));
        assertThat(jdbc.queryForObject("""
                SELECT data_value FROM Occupation_Skills
                 WHERE onetsoc_code = '15-1251.00' AND element_id = '2.A.1.a' AND scale_id = 'LV'
                   AND value_source = 'llm' AND onet_data_value = 3.75""", BigDecimal.class))
                .isEqualByComparingTo(FakeLlm.levelFor(new BigDecimal("3.75")));
        assertThat(lvPairs("value_source = 'llm'")).isEqualTo(FIXTURE_LV_PAIRS);
        assertThat(hashesOf(REDESCRIBED)).isNotEqualTo(cooksHashes);

        // back to the original release: every input is one already scored, so no call at all
        FAKE.reset();
        dropAndAwaitLlmInboxEmpty(FIXTURE, "Skills.txt", "Occupation Data.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> hashesOf(REDESCRIBED).equals(cooksHashes)
                && lvPairs("value_source = 'llm'") == FIXTURE_LV_PAIRS);
        awaitNoPass();

        assertThat(FAKE.calls()).isZero();
    }

    private String hashesOf(String onetsocCode) {
        return jdbc.queryForObject("""
                SELECT GROUP_CONCAT(input_hash ORDER BY element_id) FROM Occupation_Skills
                 WHERE onetsoc_code = ? AND scale_id = 'LV'""", String.class, onetsocCode);
    }

    private static void rewrite(String file, Path folder, String from, String to) throws IOException {
        String text = Files.readString(FIXTURE.resolve(file), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(folder.resolve(file), text.replace(from, to), StandardCharsets.UTF_8);
    }
}
