package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** The read API over real HTTP against the real database holding the fixture release. */
class SkillGapApiTest extends IntegrationTest {

    private static final FixtureData FIXTURE = new FixtureData();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MISSING = "{\"success\":false,\"message\":\"Error: Missing 'from' or 'to' occupation code parameter.\",\"result\":{\"skill_gaps\":[]}}";

    @Autowired
    private ApiSnapshots snapshots;


    @Autowired
    private SnapshotRepository repository;

    @Autowired
    private ApiProperties properties;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private dev.skillgap.backtest.QualityGate qualityGate;

    @Autowired
    private dev.skillgap.moves.MovesProperties movesProperties;

    /** LLM levels are served only for a model + prompt whose latest backtest passed: the (pretend) LLM of these tests. */
    private static final String SCORED_BY = "llm_model = 'api-test-model', prompt_version = 'lv-1'";

    @BeforeEach
    void fixtureIsServed() {
        loadFixture();
        awaitServedVersion(jdbc.queryForObject("SELECT version FROM Data_Version WHERE id = 1", Long.class));
    }

    @Test
    void gapsOfEveryFixturePairMatchTheFixtureFile() throws Exception {
        for (String from : FIXTURE.ratedCodes()) {
            for (String to : FIXTURE.ratedCodes()) {
                Response response = get("/skill-gap?from=" + from + "&to=" + to);
                assertThat(response.status).as("%s -> %s", from, to).isEqualTo(200);
                JsonNode body = response.json();
                String fromTitle = FIXTURE.titles.get(from);
                String toTitle = FIXTURE.titles.get(to);
                assertThat(body.get("success").asBoolean()).isTrue();
                assertThat(body.get("message").asText()).isEqualTo("Successfully identified skill gap from '" + fromTitle
                        + "' to '" + toTitle + "' based on 'LV' scale.");
                assertThat(body.at("/result/from_occupation_title").asText()).isEqualTo(fromTitle);
                assertThat(body.at("/result/to_occupation_title").asText()).isEqualTo(toTitle);
                assertThat(body.at("/result/value_basis").asText()).isEqualTo("onet");

                List<FixtureData.Gap> expected = FIXTURE.expectedGaps(from, to);
                JsonNode gaps = body.at("/result/skill_gaps");
                assertThat(gaps.size()).as("%s -> %s", from, to).isEqualTo(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    JsonNode gap = gaps.get(i);
                    FixtureData.Gap want = expected.get(i);
                    assertThat(gap.get("element_id").asText()).isEqualTo(want.elementId());
                    assertThat(gap.get("element_name").asText()).isEqualTo(want.elementName());
                    assertThat(gap.get("scale_id").asText()).isEqualTo("LV");
                    assertThat(gap.get("from_data_value").isNumber()).isTrue();
                    assertThat(gap.get("to_data_value").isNumber()).isTrue();
                    assertThat(gap.get("from_data_value").decimalValue()).isEqualByComparingTo(want.from());
                    assertThat(gap.get("to_data_value").decimalValue()).isEqualByComparingTo(want.to());
                    assertThat(gap.get("difference").decimalValue()).isEqualByComparingTo(want.difference());
                    assertThat(gap.get("to_importance").decimalValue())
                            .isEqualByComparingTo(FIXTURE.importance.get(to).get(want.elementId()));
                }
            }
        }
    }

    @Test
    void sameOccupationTwiceHasNoGaps() throws Exception {
        Response response = get("/skill-gap?from=29-1141.00&to=29-1141.00");
        assertThat(response.status).isEqualTo(200);
        assertThat(response.json().at("/result/skill_gaps").isEmpty()).isTrue();
    }

    @Test
    void missingParametersAreThePrdBadRequest() throws Exception {
        for (String query : List.of("", "?from=15-1211.00", "?to=15-1211.00", "?from=&to=15-1211.00",
                "?from=15-1211.00&to=%20")) {
            Response response = get("/skill-gap" + query);
            assertThat(response.status).as(query).isEqualTo(400);
            assertThat(response.body).as(query).isEqualTo(MISSING);
        }
    }

    @Test
    void malformedCodesAreBadRequestsWithAClearMessage() throws Exception {
        Map<String, String> echoed = Map.of(
                "15-1211", "15-1211",
                "15-1211.000", "15-1211.000",
                "151211.00", "151211.00",
                "15-1211.00' OR '1'='1", "15-1211.00??OR??1???...",
                "<script>alert(1)</script>", "?script?alert?1???sc...",
                "x".repeat(5000), "x".repeat(20) + "...");
        for (Map.Entry<String, String> bad : echoed.entrySet()) {
            for (String query : List.of("?from=" + encode(bad.getKey()) + "&to=15-1211.00",
                    "?from=15-1211.00&to=" + encode(bad.getKey()))) {
                Response response = get("/skill-gap" + query);
                assertThat(response.status).as(bad.getKey()).isEqualTo(400);
                JsonNode body = response.json();
                assertThat(body.get("success").asBoolean()).isFalse();
                assertThat(body.get("message").asText()).isEqualTo("Error: Invalid occupation code '" + bad.getValue()
                        + "'. Expected the O*NET-SOC format NN-NNNN.NN, for example 15-1252.00.");
                assertThat(body.at("/result/skill_gaps").isEmpty()).isTrue();
            }
        }
        Response repeated = get("/skill-gap?from=15-1211.00&from=15-1251.00&to=29-1141.00");
        assertThat(repeated.status).isEqualTo(400);
        assertThat(repeated.json().get("message").asText()).isEqualTo("Error: The 'from' parameter is given more than once.");
        Response badEncoding = rawGet("/skill-gap?from=15-1211.00%ZZ&to=29-1141.00");
        assertThat(badEncoding.status).isEqualTo(400);
        assertThat(badEncoding.json().get("message").asText()).isEqualTo("Error: The query string is not valid URL encoding.");
    }

    @Test
    void parametersComeFromTheQueryStringNotFromRequestHeaders() throws Exception {
        // "From" is a standard HTTP request header (the user's e-mail address); it must not pass for ?from=
        HttpRequest withFromHeader = HttpRequest.newBuilder(uri("/skill-gap?from=15-1211.00&to=15-1251.00"))
                .header("From", "hr-bot@example.com").build();
        HttpResponse<String> answered = HTTP.send(withFromHeader, HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(answered.body()).at("/result/from_occupation_title").asText())
                .isEqualTo(FIXTURE.titles.get("15-1211.00"));

        HttpRequest onlyHeaders = HttpRequest.newBuilder(uri("/skill-gap"))
                .header("from", "15-1211.00").header("to", "15-1251.00").build();
        HttpResponse<String> missing = HTTP.send(onlyHeaders, HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo(MISSING);

        HttpRequest pageHeader = HttpRequest.newBuilder(uri("/occupations?q=comp")).header("page", "9").build();
        JsonNode firstPage = MAPPER.readTree(HTTP.send(pageHeader, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(firstPage.at("/result/page").asInt()).isEqualTo(1);
        assertThat(firstPage.at("/result/occupations").size()).isPositive();
    }

    @Test
    void unknownCodesAreNotFound() throws Exception {
        Response unknownTarget = get("/skill-gap?from=15-1211.00&to=99-9999.00");
        assertThat(unknownTarget.status).isEqualTo(404);
        assertThat(unknownTarget.body).isEqualTo(
                "{\"success\":false,\"message\":\"Error: Occupation code 99-9999.00 not found.\",\"result\":{\"skill_gaps\":[]}}");
        Response unknownSource = get("/skill-gap?from=11-1011.00&to=15-1211.00");
        assertThat(unknownSource.status).isEqualTo(404);
        assertThat(unknownSource.json().get("message").asText()).isEqualTo("Error: Occupation code 11-1011.00 not found.");
    }

    @Test
    void anOccupationWithoutSkillRatingsCannotBeCompared() throws Exception {
        String version = jdbc.queryForObject("SELECT onet_version FROM Releases ORDER BY release_id DESC LIMIT 1",
                String.class);
        for (String query : List.of("?from=15-1252.00&to=15-1211.00", "?from=15-1211.00&to=15-1252.00",
                "?from=15-1252.00&to=15-1252.00")) {
            Response response = get("/skill-gap" + query);
            assertThat(response.status).as(query).isEqualTo(422);
            assertThat(response.json().get("message").asText()).isEqualTo("Error: Occupation code 15-1252.00 has no skill"
                    + " ratings in O*NET" + (version == null ? "" : " " + version) + ", so no skill gap can be computed.");
            assertThat(response.json().at("/result/skill_gaps").isEmpty()).isTrue();
        }
    }

    @Test
    void responseHeadersAreNotEchoesOfRequestHeaders() throws Exception {
        for (String path : List.of("/skill-gap?from=15-1211.00&to=15-1251.00", "/skill-gap?from=bad&to=15-1251.00",
                "/occupations?q=nurse", "/occupations/29-1141.00", "/release")) {
            HttpRequest request = HttpRequest.newBuilder(uri(path))
                    .header("X-Probe", "leak-me")
                    .header("Accept-Language", "de")
                    .header("Authorization", "Bearer secret-token")
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = response.headers().map();
            assertThat(headers.keySet()).as(path).noneMatch(name -> {
                String lower = name.toLowerCase(Locale.ROOT);
                return lower.equals("x-probe") || lower.equals("authorization") || lower.equals("accept-language")
                        || lower.startsWith("camel") || lower.equals("from") || lower.equals("to")
                        || lower.equals("q") || lower.equals("code");
            });
            assertThat(headers.values().stream().flatMap(List::stream))
                    .as(path).noneMatch(value -> value.contains("leak-me") || value.contains("secret-token"));
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
        }
    }

    @Test
    void anUnexpectedFaultIsThePrdInternalErrorWithoutDetails() throws Exception {
        Snapshot good = snapshots.current();
        // a skill added after the occupations: their rating arrays are one short, the comparison fails
        SnapshotBuilder broken = new SnapshotBuilder(good.release());
        broken.addSkill("2.A.1.a", "Reading Comprehension");
        broken.addOccupation("15-1211.00", "Computer Systems Analysts", "");
        broken.addOccupation("15-1251.00", "Computer Programmers", "");
        broken.addRating("15-1211.00", "2.A.1.a", "LV", BigDecimal.ONE, BigDecimal.ONE, "onet");
        broken.addRating("15-1251.00", "2.A.1.a", "LV", BigDecimal.ONE, BigDecimal.ONE, "onet");
        broken.addSkill("2.A.1.b", "Active Listening");
        snapshots.serve(broken.build());
        try {
            HttpRequest request = HttpRequest.newBuilder(uri("/skill-gap?from=15-1211.00&to=15-1251.00"))
                    .header("X-Probe", "leak-me").build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo(
                    "{\"success\":false,\"message\":\"An internal server error occurred.\",\"result\":{\"skill_gaps\":[]}}");
            assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("x-probe"));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        } finally {
            snapshots.serve(good);
        }
    }

    @Test
    void occupationSearchFindsCodesByTitleAndPages() throws Exception {
        JsonNode found = get("/occupations?q=COMP").json();
        List<String> expectedCodes = FIXTURE.titles.entrySet().stream()
                .filter(e -> e.getValue().toLowerCase(Locale.ROOT).contains("comp"))
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
        assertThat(found.at("/result/total").asInt()).isEqualTo(expectedCodes.size());
        // by title without text embeddings, by relevance (README "Career moves") once they exist: the same hits
        assertThat(found.at("/result/occupations").findValuesAsText("code")).containsExactlyInAnyOrderElementsOf(expectedCodes);

        JsonNode secondPage = get("/occupations?page=2&page_size=3").json();
        List<String> allByTitle = FIXTURE.titles.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).toList();
        assertThat(secondPage.at("/result/total").asInt()).isEqualTo(FIXTURE.titles.size());
        assertThat(secondPage.at("/result/occupations").findValuesAsText("code")).isEqualTo(allByTitle.subList(3, 6));
        JsonNode developers = get("/occupations?q=" + encode("software developers")).json();
        assertThat(developers.at("/result/occupations/0/has_skill_data").asBoolean()).isFalse();

        assertThat(get("/occupations?page=0").status).isEqualTo(400);
        assertThat(get("/occupations?page_size=101").status).isEqualTo(400);
        assertThat(get("/occupations?page=abc").json().get("message").asText())
                .isEqualTo("Error: Invalid 'page' parameter. Expected a whole number from 1 to 100000.");
        assertThat(get("/occupations?q=" + "a".repeat(101)).status).isEqualTo(400);
    }

    @Test
    void occupationDetailsHaveTheFixturesLevelAndImportanceRatings() throws Exception {
        String code = "15-1211.00";
        Response response = get("/occupations/" + code);
        assertThat(response.status).isEqualTo(200);
        JsonNode result = response.json().get("result");
        assertThat(result.get("title").asText()).isEqualTo(FIXTURE.titles.get(code));
        assertThat(result.get("description").asText()).isEqualTo(FIXTURE.descriptions.get(code));
        assertThat(result.get("has_skill_data").asBoolean()).isTrue();
        JsonNode skills = result.get("skills");
        assertThat(skills.size()).isEqualTo(FIXTURE.level.get(code).size());
        for (JsonNode skill : skills) {
            String element = skill.get("element_id").asText();
            assertThat(skill.get("lv_data_value").decimalValue()).isEqualByComparingTo(FIXTURE.level.get(code).get(element));
            assertThat(skill.get("im_data_value").decimalValue()).isEqualByComparingTo(FIXTURE.importance.get(code).get(element));
            assertThat(skill.get("lv_value_source").asText()).isEqualTo("onet");
        }

        JsonNode unrated = get("/occupations/15-1252.00").json().get("result");
        assertThat(unrated.get("has_skill_data").asBoolean()).isFalse();
        assertThat(unrated.get("skills").isEmpty()).isTrue();

        assertThat(get("/occupations/99-9999.00").json().get("message").asText())
                .isEqualTo("Error: Occupation code 99-9999.00 not found.");
        assertThat(get("/occupations/" + encode("1; DROP TABLE x")).status).isEqualTo(400);
    }

    @Test
    void http11AnswersAreSentWithTheirLengthNotChunked() throws Exception {
        for (String path : List.of("/skill-gap?from=15-1211.00&to=15-1251.00", "/skill-gap?from=15-1211.00",
                "/occupations/29-1141.00", "/release")) {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri(path))
                    .version(HttpClient.Version.HTTP_1_1).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.headers().firstValue("Transfer-Encoding")).as(path).isEmpty();
            assertThat(response.headers().firstValueAsLong("Content-Length")).as(path)
                    .hasValue(response.body().length);
            assertThat(response.body().length).as(path).isPositive();
        }
    }

    @Test
    void releaseVersionIsVisibleToClients() throws Exception {
        Map<String, Object> latest = jdbc.queryForMap(
                "SELECT release_id, onet_version FROM Releases ORDER BY release_id DESC LIMIT 1");
        JsonNode release = get("/release").json().get("result");
        assertThat(release.get("release_id").asLong()).isEqualTo(((Number) latest.get("release_id")).longValue());
        assertThat(release.get("onet_version").textValue()).isEqualTo(latest.get("onet_version"));
        assertThat(release.get("occupations").asInt()).isEqualTo(FIXTURE.titles.size());
        assertThat(get("/skill-gap?from=15-1211.00&to=15-1251.00").json().at("/result/data_version").asLong())
                .isEqualTo(release.get("data_version").asLong());
    }

    @Test
    void openApiDocumentDescribesTheEndpoints() throws Exception {
        Response response = get("/openapi.json");
        assertThat(response.status).isEqualTo(200);
        JsonNode paths = response.json().get("paths");
        assertThat(paths.has("/skill-gap")).isTrue();
        assertThat(paths.has("/occupations")).isTrue();
        assertThat(paths.has("/occupations/{code}")).isTrue();
        assertThat(paths.has("/release")).isTrue();
        List<String> required = paths.at("/~1skill-gap/get/parameters").findValuesAsText("name");
        assertThat(required).containsExactly("from", "to", "include");
        assertThat(paths.at("/~1skill-gap/get/responses").has("404")).isTrue();
        assertThat(response.json().at("/servers/0/url").asText()).isEqualTo("http://localhost:" + port);
    }

    @Test
    void newLlmScoresAreServedWithoutRestartOnOneBasis() throws Exception {
        // the two fixture programmers occupations, fully scored by a (pretend) LLM: Programming 4.00 -> 6.00
        String scoreBoth = "UPDATE Occupation_Skills SET data_value = CASE WHEN element_id = '2.B.3.e' AND onetsoc_code = '15-1211.00'"
                + " THEN 6.00 ELSE data_value END, value_source = 'llm', " + SCORED_BY
                + " WHERE scale_id = 'LV' AND onetsoc_code IN ('15-1211.00', '15-1251.00')";
        String restore = "UPDATE Occupation_Skills SET data_value = onet_data_value, value_source = 'onet',"
                + " llm_model = NULL, prompt_version = NULL WHERE scale_id = 'LV' AND onetsoc_code IN ('15-1211.00', '15-1251.00')";
        passingBacktestOfTheTestModel();
        try {
            awaitServedVersion(changeServedData(scoreBoth));
            JsonNode scored = get("/skill-gap?from=15-1211.00&to=15-1251.00").json().get("result");
            assertThat(scored.get("value_basis").asText()).isEqualTo("llm");
            // Programming is no longer a gap: the LLM says 6.00 >= 4.88; Science (both unchanged) still is
            assertThat(scored.get("skill_gaps").findValuesAsText("element_name")).containsExactly("Science");
            assertThat(scored.at("/skill_gaps/0/to_value_source").asText()).isEqualTo("llm");

            // a pair with an unscored occupation compares analyst values on both sides
            JsonNode mixed = get("/skill-gap?from=15-1211.00&to=29-1141.00").json().get("result");
            assertThat(mixed.get("value_basis").asText()).isEqualTo("onet");
            assertThat(mixed.get("skill_gaps").size()).isEqualTo(FIXTURE.expectedGaps("15-1211.00", "29-1141.00").size());
        } finally {
            jdbc.update("DELETE FROM Llm_Backtests WHERE llm_model = 'api-test-model'");
            awaitServedVersion(changeServedData(restore));
        }
        assertThat(get("/skill-gap?from=15-1211.00&to=15-1251.00").json().at("/result/skill_gaps").size()).isEqualTo(2);
    }

    @Test
    void aSecondInstanceOnTheSameDatabaseGivesByteIdenticalAnswers() throws Exception {
        ApiSnapshots secondInstance = new ApiSnapshots(repository);
        secondInstance.afterPropertiesSet();
        SkillGapApi secondApi = new SkillGapApi(secondInstance, properties, new dev.skillgap.moves.TextEmbedder(),
                movesProperties);
        assertThat(secondInstance.servedVersion()).isEqualTo(snapshots.servedVersion());
        for (String from : FIXTURE.ratedCodes()) {
            for (String to : FIXTURE.ratedCodes()) {
                String query = "from=" + from + "&to=" + to;
                byte[] reply = ApiReplyWriter.bytes(secondApi.skillGap(query));
                assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo(get("/skill-gap?" + query).body);
            }
        }
    }

    @Test
    void aSnapshotNeverMixesTwoVersionsOfTheData() {
        String programming = "SELECT data_value FROM Occupation_Skills"
                + " WHERE onetsoc_code = '15-1211.00' AND element_id = '2.B.3.e' AND scale_id = 'LV'";
        BigDecimal before = jdbc.queryForObject(programming, BigDecimal.class);
        passingBacktestOfTheTestModel();
        String change = "UPDATE Occupation_Skills SET data_value = 6.50, value_source = 'llm', " + SCORED_BY
                + " WHERE onetsoc_code = '15-1211.00' AND element_id = '2.B.3.e' AND scale_id = 'LV'";
        SnapshotRepository racing = new SnapshotRepository(jdbc, transactionManager, qualityGate, movesProperties);
        long[] committed = new long[1];
        // a writer commits new data and its Data_Version bump just after the snapshot read the version
        racing.afterVersionRead(() -> committed[0] = changeServedDataOnAnotherConnection(change));
        try {
            Snapshot snapshot = racing.load();
            int skill = snapshot.skills().stream().filter(s -> s.elementId().equals("2.B.3.e")).findFirst().orElseThrow().index();
            assertThat(snapshot.release().dataVersion()).isLessThan(committed[0]);
            assertThat(Hundredths.toBigDecimal(snapshot.occupation("15-1211.00").levelServed(skill)))
                    .isEqualByComparingTo(before); // the rows of the version it read, not the newer ones

            racing.afterVersionRead(() -> { });
            Snapshot next = racing.load();
            assertThat(next.release().dataVersion()).isEqualTo(committed[0]);
            assertThat(Hundredths.toBigDecimal(next.occupation("15-1211.00").levelServed(skill))).isEqualByComparingTo("6.50");
        } finally {
            jdbc.update("DELETE FROM Llm_Backtests WHERE llm_model = 'api-test-model'");
            awaitServedVersion(changeServedData("UPDATE Occupation_Skills SET data_value = onet_data_value, value_source = 'onet',"
                    + " llm_model = NULL, prompt_version = NULL"
                    + " WHERE onetsoc_code = '15-1211.00' AND element_id = '2.B.3.e' AND scale_id = 'LV'"));
        }
    }

    private void passingBacktestOfTheTestModel() {
        jdbc.update("""
                INSERT INTO Llm_Backtests (provider, llm_model, prompt_version, old_release, new_release, occupations,
                    pairs, mae_model, mae_raw, delta, ci95_low, ci95_high, gate, reason, calls, report_json, ran_at,
                    duration_ms)
                VALUES ('openai', 'api-test-model', 'lv-1', '28.2', '29.3', 74, 2590, 0.100, 0.137, -0.037, -0.050,
                    -0.020, 'pass', 'test', 74, '{}', CURRENT_TIMESTAMP(3), 1)""");
    }

    /** Like changeServedData, but from another thread, so on a connection outside the caller's transaction. */
    private long changeServedDataOnAnotherConnection(String update) {
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> changeServedData(update)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitServedVersion(long version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/release").json().at("/result/data_version").asLong() >= version);
    }

    private record Response(int status, String body) {
        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }
    }

    private Response get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** A GET that java.net.URI would refuse (malformed escapes), sent as HTTP/1.0 over a plain socket. */
    private Response rawGet(String requestTarget) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + requestTarget + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Response(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
