package dev.skillgap.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /occupations/{code}/moves and the free-text search over real HTTP, on the fixture in the real database. */
class MovesApiTest extends IntegrationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void fixtureIsServedWithEveryMovesSignal() {
        loadFixtureForMoves();
        // the snapshot serves the text signal once the embeddings' Data_Version bump has been picked up
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/occupations/15-1251.00/moves").body
                .contains("\"signals\":[\"skills\",\"job_zone\",\"text\"]"));
    }

    @Test
    void movesFromComputerProgrammersAreTheOtherRatedOccupationsMostSimilarFirst() throws Exception {
        Response response = get("/occupations/15-1251.00/moves");
        assertThat(response.status).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asText())
                .isEqualTo("Found 5 career moves from 'Computer Programmers', ranked by skills, job_zone, text similarity.");
        JsonNode result = body.get("result");
        assertThat(result.get("code").asText()).isEqualTo("15-1251.00");
        assertThat(result.get("job_zone").asInt()).isEqualTo(4);
        JsonNode moves = result.get("moves");
        // the six rated occupations but itself; 15-1252.00 has no skill ratings, so no gap: not a move
        assertThat(moves.findValuesAsText("code")).containsExactlyInAnyOrder(
                "15-1211.00", "11-1021.00", "29-1141.00", "35-2014.00", "47-2031.00");
        JsonNode first = moves.get(0);
        assertThat(first.get("code").asText()).isEqualTo("15-1211.00");
        assertThat(first.get("title").asText()).isEqualTo("Computer Systems Analysts");
        assertThat(first.get("job_zone").asInt()).isEqualTo(3);
        assertThat(first.get("onet_related").asBoolean()).isTrue();
        assertThat(first.get("onet_tier").asText()).isEqualTo("Primary-Short");
        for (int i = 1; i < moves.size(); i++) {
            assertThat(moves.get(i).get("similarity").decimalValue())
                    .isLessThanOrEqualTo(moves.get(i - 1).get("similarity").decimalValue());
            assertThat(moves.get(i).get("onet_related").asBoolean()).isFalse();
            assertThat(moves.get(i).get("onet_tier").isNull()).isTrue();
        }
        // effort and top gaps are those of /skill-gap for the same pair: sum of difference x to_importance / 5
        for (JsonNode move : moves) {
            JsonNode gaps = get("/skill-gap?from=15-1251.00&to=" + move.get("code").asText()).json().at("/result/skill_gaps");
            BigDecimal effort = BigDecimal.ZERO;
            for (JsonNode gap : gaps) {
                effort = effort.add(gap.get("difference").decimalValue().multiply(gap.get("to_importance").decimalValue()));
            }
            assertThat(move.get("effort").decimalValue())
                    .isEqualByComparingTo(effort.divide(BigDecimal.valueOf(5), 2, RoundingMode.HALF_UP));
            assertThat(move.get("gap_count").asInt()).isEqualTo(gaps.size());
            List<JsonNode> top = new ArrayList<>();
            gaps.elements().forEachRemaining(top::add);
            assertThat(move.get("top_gaps").size()).isEqualTo(Math.min(3, gaps.size()));
            for (int i = 0; i < move.get("top_gaps").size(); i++) {
                assertThat(move.get("top_gaps").get(i)).isEqualTo(top.get(i));
            }
        }
    }

    @Test
    void limitAndJobZonesNarrowTheList() throws Exception {
        JsonNode zoneTwo = get("/occupations/15-1251.00/moves?max_job_zone=2").json().at("/result/moves");
        assertThat(zoneTwo.findValuesAsText("code")).containsExactlyInAnyOrder("35-2014.00", "47-2031.00");
        JsonNode zoneThreeUp = get("/occupations/35-2014.00/moves?min_job_zone=3&max_job_zone=4").json().at("/result/moves");
        assertThat(zoneThreeUp.findValuesAsText("code")).containsExactlyInAnyOrder(
                "15-1211.00", "15-1251.00", "11-1021.00", "29-1141.00");
        JsonNode one = get("/occupations/15-1251.00/moves?limit=1").json().at("/result/moves");
        assertThat(one.findValuesAsText("code")).containsExactly("15-1211.00");
    }

    @Test
    void badRequestsAnswerTheDocumentedErrorBody() throws Exception {
        assertError("/occupations/15-1251/moves", 400,
                "Error: Invalid occupation code '15-1251'. Expected the O*NET-SOC format NN-NNNN.NN, for example 15-1252.00.");
        assertError("/occupations/99-9999.00/moves", 404, "Error: Occupation code 99-9999.00 not found.");
        // the version is the latest release's: here the Job Zones / Related Occupations release, which names none
        String version = get("/release").json().at("/result/onet_version").asText(null);
        assertError("/occupations/15-1252.00/moves", 422, "Error: Occupation code 15-1252.00 has no skill ratings in"
                + " O*NET" + (version == null ? "" : " " + version) + ", so no career moves can be ranked.");
        String limit = "Error: Invalid 'limit' parameter. Expected a whole number from 1 to 50.";
        assertError("/occupations/15-1251.00/moves?limit=0", 400, limit);
        assertError("/occupations/15-1251.00/moves?limit=51", 400, limit);
        assertError("/occupations/15-1251.00/moves?limit=ten", 400, limit);
        String zones = "Error: Invalid 'min_job_zone' or 'max_job_zone' parameter. Expected whole numbers from 1 to 5,"
                + " min_job_zone not above max_job_zone.";
        assertError("/occupations/15-1251.00/moves?min_job_zone=4&max_job_zone=2", 400, zones);
        assertError("/occupations/15-1251.00/moves?max_job_zone=6", 400, zones);
        assertError("/occupations/15-1251.00/moves?limit=1&limit=2", 400, "Error: The 'limit' parameter is given more than once.");
    }

    @Test
    void freeTextSearchRanksByMeaningAndKeepsExactTitlesAndCodesFirst() throws Exception {
        JsonNode java = get("/occupations?q=java%20developer").json().get("result");
        assertThat(java.get("ranking").asText()).isEqualTo("relevance");
        List<String> codes = java.get("occupations").findValuesAsText("code");
        // no title contains "java developer": the hits come from the embeddings, software occupations first
        assertThat(codes.subList(0, 2)).containsExactlyInAnyOrder("15-1252.00", "15-1251.00");
        assertThat(codes).doesNotContain("35-2014.00");

        JsonNode exact = get("/occupations?q=registered%20nurses").json().get("result");
        assertThat(exact.get("occupations").get(0).get("code").asText()).isEqualTo("29-1141.00");

        JsonNode prefix = get("/occupations?q=15-12").json().get("result");
        assertThat(prefix.get("ranking").asText()).isEqualTo("title");
        // ordered by title: Computer Programmers, Computer Systems Analysts, Software Developers
        assertThat(prefix.get("occupations").findValuesAsText("code")).containsExactly("15-1251.00", "15-1211.00", "15-1252.00");
    }

    private void assertError(String path, int status, String message) throws Exception {
        Response response = get(path);
        assertThat(response.status).as(path).isEqualTo(status);
        assertThat(response.body).as(path).isEqualTo("{\"success\":false,\"message\":\"" + message
                + "\",\"result\":{\"skill_gaps\":[]}}");
    }

    private Response get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private record Response(int status, String body) {
        JsonNode json() throws Exception {
            return MAPPER.readTree(body);
        }
    }
}
