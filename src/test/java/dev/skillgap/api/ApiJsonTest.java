package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ApiJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void errorBodyIsThePrdShape() throws Exception {
        ApiReply reply = ApiJson.error(404, "Error: Occupation code 99-9999.00 not found.");
        assertThat(reply.status()).isEqualTo(404);
        JsonNode body = MAPPER.readTree(reply.body());
        assertThat(body.toString()).isEqualTo(
                "{\"success\":false,\"message\":\"Error: Occupation code 99-9999.00 not found.\",\"result\":{\"skill_gaps\":[]}}");
    }

    @Test
    void gapValuesAreJsonNumbersAndTitlesAreEscaped() throws Exception {
        SnapshotBuilder builder = new SnapshotBuilder(new ReleaseInfo("29.3", 4L, null, 9));
        builder.addSkill("2.A.1.a", "Reading \"Comprehension\"");
        builder.addOccupation("11-1111.00", "Cooks, \"Restaurant\"", "");
        builder.addOccupation("22-2222.00", "Nurses \\ Registered é\t", "");
        builder.addRating("22-2222.00", "2.A.1.a", "LV", new BigDecimal("2.88"), new BigDecimal("2.88"), "onet");
        builder.addRating("11-1111.00", "2.A.1.a", "LV", new BigDecimal("0.38"), new BigDecimal("0.38"), "onet");
        Snapshot snapshot = builder.build();
        SkillGapAnalysis analysis = SkillGapCalculator.analyse(snapshot.skills(), snapshot.occupation("11-1111.00"),
                snapshot.occupation("22-2222.00"));

        JsonNode body = MAPPER.readTree(ApiJson.skillGap(analysis, snapshot.release()).body());

        assertThat(body.get("message").asText()).isEqualTo(
                "Successfully identified skill gap from 'Cooks, \"Restaurant\"' to 'Nurses \\ Registered é\t' based on 'LV' scale.");
        assertThat(body.at("/result/from_occupation_title").asText()).isEqualTo("Cooks, \"Restaurant\"");
        JsonNode gap = body.at("/result/skill_gaps/0");
        assertThat(gap.get("from_data_value").isNumber()).isTrue();
        assertThat(gap.get("from_data_value").decimalValue()).isEqualByComparingTo("0.38");
        assertThat(gap.get("to_data_value").decimalValue()).isEqualByComparingTo("2.88");
        assertThat(gap.get("difference").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(gap.get("to_importance").isNull()).isTrue();
        assertThat(gap.get("scale_id").asText()).isEqualTo("LV");
        assertThat(body.at("/result/value_basis").asText()).isEqualTo("onet");
        assertThat(body.at("/result/data_version").asLong()).isEqualTo(9);
    }
}
