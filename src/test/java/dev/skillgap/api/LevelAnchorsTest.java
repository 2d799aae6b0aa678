package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ?include=anchors over real HTTP, the anchors read from the real Level_Scale_Anchors table into the snapshot. */
class LevelAnchorsTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROGRAMMING = "2.B.3.e";

    @BeforeEach
    void anchorsOfProgrammingAreLoaded() {
        loadFixture();
        long release = jdbc.queryForObject("SELECT MAX(release_id) FROM Releases", Long.class);
        awaitServed(changeServedData("INSERT INTO Level_Scale_Anchors (element_id, element_name, scale_id, anchor_value,"
                + " anchor_description, release_id) VALUES"
                + " ('" + PROGRAMMING + "', 'Programming', 'LV', 6.00, 'Write expert analysis software', " + release + "),"
                + " ('" + PROGRAMMING + "', 'Programming', 'LV', 2.00, 'Write a program in BASIC to sort objects', " + release + "),"
                + " ('" + PROGRAMMING + "', 'Programming', 'IM', 2.00, 'not a level anchor', " + release + ")"));
    }

    @AfterEach
    void anchorsRemoved() {
        awaitServed(changeServedData("DELETE FROM Level_Scale_Anchors WHERE element_id = '" + PROGRAMMING + "'"));
    }

    @Test
    void occupationSkillsCarryTheirAnchorsWhenAsked() throws Exception {
        JsonNode plain = get("/occupations/15-1211.00");
        assertThat(plain.toString()).doesNotContain("anchors");

        String body = RawHttp.send(port, "GET", "/occupations/15-1211.00?include=anchors", List.of()).body();
        assertThat(body).contains("\"anchors\":[{\"level\":2.00,\"description\":\"Write a program in BASIC to sort"
                + " objects\"},{\"level\":6.00,\"description\":\"Write expert analysis software\"}]");
        JsonNode skills = JSON.readTree(body).at("/result/skills");
        assertThat(skills.size()).isEqualTo(plain.at("/result/skills").size());
        for (JsonNode skill : skills) {
            JsonNode anchors = skill.get("anchors");
            if (skill.get("element_id").asText().equals(PROGRAMMING)) {
                assertThat(anchors.findValuesAsText("description")).containsExactly(
                        "Write a program in BASIC to sort objects", "Write expert analysis software");
            } else {
                assertThat(anchors.isArray() && anchors.isEmpty()).as(skill.toString()).isTrue();
            }
        }
    }

    @Test
    void gapItemsCarryTheirAnchorsWhenAsked() throws Exception {
        String pair = "/skill-gap?from=29-1141.00&to=15-1211.00";
        JsonNode plain = get(pair);
        assertThat(plain.toString()).doesNotContain("anchors");
        JsonNode gaps = get(pair + "&include=anchors").at("/result/skill_gaps");
        assertThat(gaps.findValuesAsText("element_id")).contains(PROGRAMMING);
        for (JsonNode gap : gaps) {
            assertThat(gap.get("anchors").size()).isEqualTo(gap.get("element_id").asText().equals(PROGRAMMING) ? 2 : 0);
        }
        // the rest of the body is the default one
        JsonNode withoutAnchors = get(pair + "&include=anchors");
        withoutAnchors.at("/result/skill_gaps").findParents("anchors")
                .forEach(item -> ((com.fasterxml.jackson.databind.node.ObjectNode) item).remove("anchors"));
        assertThat(withoutAnchors).isEqualTo(plain);
    }

    @Test
    void anUnknownIncludeIsABadRequest() throws Exception {
        for (String target : List.of("/occupations/15-1211.00?include=everything",
                "/skill-gap?from=29-1141.00&to=15-1211.00&include=x", "/occupations/15-1211.00?include=anchors&include=anchors")) {
            RawHttp.Response response = RawHttp.send(port, "GET", target, List.of());
            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("message").asText()).as(target).startsWith("Error: ");
        }
    }

    private JsonNode get(String target) throws Exception {
        RawHttp.Response response = RawHttp.send(port, "GET", target, List.of());
        assertThat(response.status()).as(target).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void awaitServed(long version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> JSON.readTree(
                RawHttp.send(port, "GET", "/release", List.of()).body()).at("/result/data_version").asLong() >= version);
    }
}
