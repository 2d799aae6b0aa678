package dev.skillgap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseFileParserTest {

    private final ReleaseFileParser parser = new ReleaseFileParser(3);

    private static final List<String> SKILLS_HEADER = OnetFileKind.SKILLS.header();

    private static StagedFile skillsFile() {
        return new StagedFile(Path.of("Skills.txt"), OnetFileKind.SKILLS, "0".repeat(64));
    }

    @Test
    void typesEveryFieldOfASkillsRow() {
        ParsedFile parsed = parser.parseRecords(skillsFile(), List.of(SKILLS_HEADER,
                List.of("11-1021.00", "2.A.1.a", "Reading Comprehension", "IM", "4.00", "8", "0.0000", "4.0000",
                        "4.0000", "N", "n/a", "08/2023", "Analyst")));

        assertThat(parsed.isValid()).isTrue();
        Map<String, Object> row = parsed.rows().get(0);
        assertThat(row).containsEntry("onetsoc_code", "11-1021.00").containsEntry("data_value", new BigDecimal("4.00"))
                .containsEntry("n", 8).containsEntry("standard_error", new BigDecimal("0.0000"))
                .containsEntry("recommend_suppress", "N").containsEntry("not_relevant", null)
                .containsEntry("date_updated", LocalDate.of(2023, 8, 1)).containsEntry("line", 2);
    }

    @Test
    void keepsQuotationMarksAsTheyAre() {
        StagedFile file = new StagedFile(Path.of("Content Model Reference.txt"), OnetFileKind.CONTENT_MODEL, "x");
        ParsedFile parsed = parser.parseRecords(file, List.of(OnetFileKind.CONTENT_MODEL.header(),
                List.of("5.E", "Work \"Styles\"", "Personal \"characteristics\" that can affect")));

        assertThat(parsed.rows().get(0).get("element_name")).isEqualTo("Work \"Styles\"");
    }

    @Test
    void reportsTheFirstErrorsByLineAndCountsThemAll() {
        List<String> bad = List.of("1-1", "2.A.1.a", "Reading Comprehension", "IM", "4.00", "8", "0.0000", "4.0000",
                "4.0000", "N", "n/a", "08/2023", "Analyst");
        ParsedFile parsed = parser.parseRecords(skillsFile(), List.of(SKILLS_HEADER, bad, bad, bad, bad, bad));

        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.errorCount()).isEqualTo(5);
        assertThat(parsed.errors()).hasSize(3).first().asString()
                .isEqualTo("line 2: O*NET-SOC Code '1-1' is not a valid O*NET-SOC Code");
        assertThat(parsed.rows()).isEmpty();
    }

    @Test
    void rejectsAFileOfAnotherKind() {
        ParsedFile parsed = parser.parseRecords(skillsFile(), List.of(OnetFileKind.OCCUPATIONS.header()));

        assertThat(parsed.errors()).singleElement().asString().startsWith("line 1: header is O*NET-SOC Code | Title");
    }

    @Test
    void upsertsParentsFirstAndDeletesChildrenFirst() {
        StagedFile skills = skillsFile();
        StagedFile scales = new StagedFile(Path.of("Scales.txt"), OnetFileKind.SCALES, "y");
        ParsedRelease release = new ParsedRelease(new StagedRelease(List.of(scales, skills), List.of(), null),
                Map.of(OnetFileKind.SKILLS, new ParsedFile(skills, List.of(), List.of(), 0),
                        OnetFileKind.SCALES, new ParsedFile(scales, List.of(), List.of(), 0)));

        assertThat(release.upserts()).extracting(ParsedRelease.TableRows::sqlFolder)
                .containsExactly("scales", "skills", "occupation-skills");
        assertThat(release.staleDeletes()).containsExactly("occupation-skills", "skills", "scales");
    }
}
