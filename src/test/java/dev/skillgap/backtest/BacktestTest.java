package dev.skillgap.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import dev.skillgap.OwnContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The backtest end to end: O*NET 28.2 -> 29.3 (data/onet), the app's real LangChain4j client against the
 * {@link BacktestFakes} over HTTP, the real database; then the quality gate as clients see it over real HTTP. The
 * context has provider openai and model backtest-fake, its own inbox, and no scoring pass (its triggers are not
 * started), so the LLM levels the API may serve are the ones this test writes.
 */
@ContextConfiguration(initializers = BacktestTest.OwnInbox.class)
class BacktestTest extends IntegrationTest {

    static final Path OLD = Path.of("data/onet/28.2");
    static final Path NEW = Path.of("data/onet/29.3");
    static final String MODEL = "backtest-fake";
    /** The configured (default) prompt version, the one the backtest asks with and the gate looks up. */
    static final String PROMPT = dev.skillgap.enrich.SkillLevelPrompt.LATEST;
    static final BacktestFakes FAKE = start();
    static final Path INBOX = OwnContext.createInbox("backtest-inbox-");
    static final Path REPORTS = OwnContext.createInbox("backtest-reports-");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Two fixture occupations, every LV row scored by the model under test: Programming 4.00 -> 6.00. */
    private static final String SCORE_TWO = "UPDATE Occupation_Skills SET data_value = CASE WHEN element_id = '2.B.3.e'"
            + " AND onetsoc_code = '15-1211.00' THEN 6.00 ELSE data_value END, value_source = 'llm', llm_model = '"
            + MODEL + "', prompt_version = '" + PROMPT + "' WHERE scale_id = 'LV' AND onetsoc_code IN ('15-1211.00', '15-1251.00')";

    private static boolean panelKnown;

    private static BacktestFakes start() {
        try {
            return new BacktestFakes(BacktestFakes.Mode.ECHO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    private Backtest backtest;

    @Autowired
    private BacktestReleases releases;

    @DynamicPropertySource
    static void backtestProperties(DynamicPropertyRegistry registry) {
        registry.add("skillgap.llm.provider", () -> "openai");
        registry.add("skillgap.llm.base-url", FAKE::baseUrl);
        registry.add("skillgap.llm.model", () -> MODEL);
        registry.add("skillgap.llm.concurrency", () -> "2");
        registry.add("skillgap.llm.rate.requests", () -> "100000");
        registry.add("skillgap.llm.rate.period-ms", () -> "1000");
        registry.add("skillgap.llm.timeout", () -> "10s");
        registry.add("skillgap.backtest.report-dir", REPORTS::toString);
        registry.add("skillgap.backtest.resamples", () -> "10000");
        // no scoring pass in this context: the routes that would start one are not started
        registry.add("camel.main.auto-startup-exclude-pattern", () -> "enrich-after-release,enrich-resume");
    }

    @BeforeEach
    void fixtureLoadedAndNewPanelKnown() {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM Occupation_Skills", Long.class) != 420) {
            dropAndAwait(FIXTURE, "Occupation Data.txt", "Skills.txt", "Scales Reference.txt",
                    "Content Model Reference.txt");
        }
        if (!panelKnown) {
            Map<String, Map<String, BigDecimal>> levels = new HashMap<>();
            releases.read(NEW).ratings().forEach((code, skills) -> skills.forEach((element, r) ->
                    levels.computeIfAbsent(code, k -> new HashMap<>()).put(element, r.level())));
            FAKE.knowPanel(levels);
            panelKnown = true;
        }
    }

    @Test
    void theBacktestTellsAnEchoANoisyAndAKnowingModelApartAndTheGateFollowsIt() throws Exception {
        jdbc.update("DELETE FROM Llm_Backtests WHERE llm_model = ?", MODEL); // never backtested (bump below)
        long rowsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Backtests", Long.class);
        String lvBefore = lvChecksum();
        awaitServedVersion(changeServedData(SCORE_TWO));
        try {
            // never backtested: the analyst values are served, and /release says why
            JsonNode llm = get("/release").at("/result/llm");
            assertThat(llm.get("gate").asText()).isEqualTo("not run");
            assertThat(llm.get("model").asText()).isEqualTo(MODEL);
            assertThat(llm.get("llm_values_served").asBoolean()).isFalse();
            assertThat(llm.get("reason").asText()).contains("No backtest of model backtest-fake with prompt " + PROMPT);
            assertServedBasis("onet");

            // echo: exactly the raw error, an interval [0, 0], gate fail
            FAKE.mode(BacktestFakes.Mode.ECHO);
            BacktestResult echo = backtest.run(OLD, NEW);
            assertThat(echo.figures().occupations()).isEqualTo(74);
            assertThat(echo.figures().pairs()).isEqualTo(2590);
            assertThat(echo.figures().scoredPairs()).isEqualTo(2590);
            assertThat(echo.figures().maeRaw()).isBetween(0.1365, 0.1370); // the README's 0.137
            assertThat(echo.line()).isEqualTo("backtest: backtest-fake/" + PROMPT + " occupations=74 pairs=2590 "
                    + "mae_model=0.137 mae_raw=0.137 delta=0.000 ci95=[0.000,0.000] gate=fail");
            assertThat(echo.figures().echoRate()).isEqualTo(1.0);
            assertThat(echo.figures().ties().brokenByModel()).isZero();
            assertThat(echo.figures().consistency().occupations()).isEqualTo(10);
            assertThat(echo.figures().consistency().meanAbsoluteDifference()).isZero();
            assertThat(echo.calls()).isEqualTo(84); // 74 occupations of 35 skills, 10 asked again
            assertThat(echo.figures().imBaseline().pairs()).isEqualTo(2590);
            awaitGate("fail");
            assertServedBasis("onet");

            // knowing 60% of the new panel: closer to it, the whole interval below 0, gate pass
            FAKE.mode(BacktestFakes.Mode.KNOWING);
            BacktestResult knowing = backtest.run(OLD, NEW);
            assertThat(knowing.passed()).isTrue();
            assertThat(knowing.figures().delta()).isNegative();
            assertThat(knowing.figures().ci95().high()).isNegative();
            assertThat(knowing.line()).startsWith("backtest: backtest-fake/" + PROMPT + " occupations=74 pairs=2590 ")
                    .endsWith(" gate=pass");
            assertThat(knowing.figures().ties().brokenByModel()).isPositive(); // the echo broke none
            assertThat(knowing.figures().ties().sameOrderShare()).isGreaterThan(0.5);
            awaitGate("pass");
            assertServedBasis("llm");
            assertThat(get("/release").at("/result/llm/llm_values_served").asBoolean()).isTrue();

            // noisy: further from the new panel, gate fail, and the LLM levels are held back again
            FAKE.mode(BacktestFakes.Mode.NOISY);
            BacktestResult noisy = backtest.run(OLD, NEW);
            assertThat(noisy.passed()).isFalse();
            assertThat(noisy.figures().delta()).isPositive();
            assertThat(noisy.figures().ci95().low()).isPositive();
            assertThat(noisy.figures().consistency().meanAbsoluteDifference()).isPositive();
            awaitGate("fail");
            assertServedBasis("onet");
            assertThat(get("/release").at("/result/llm/reason").asText())
                    .startsWith("The O*NET analyst values are served").contains("28.2 -> 29.3");

            // every run is stored, and its report written; nothing of Occupation_Skills was touched
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT llm_model, prompt_version, old_release,"
                    + " new_release, occupations, pairs, gate, delta FROM Llm_Backtests ORDER BY backtest_id DESC LIMIT 3");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Backtests", Long.class)).isEqualTo(rowsBefore + 3);
            assertThat(rows).extracting(r -> r.get("gate")).containsExactly("fail", "pass", "fail");
            assertThat(rows.get(0)).containsEntry("llm_model", MODEL).containsEntry("prompt_version", PROMPT)
                    .containsEntry("old_release", "28.2").containsEntry("new_release", "29.3")
                    .containsEntry("occupations", 74).containsEntry("pairs", 2590);
            Path report = REPORTS.resolve("backtest-fake-" + PROMPT);
            JsonNode json = JSON.readTree(report.resolve("backtest.json").toFile());
            assertThat(json.get("line").asText()).isEqualTo(noisy.line());
            assertThat(json.get("per_occupation")).hasSize(74);
            assertThat(Files.readString(report.resolve("backtest.md"))).contains("**Gate: fail**", noisy.line());
        } finally {
            awaitServedVersion(changeServedData("UPDATE Occupation_Skills SET data_value = onet_data_value,"
                    + " value_source = 'onet', llm_model = NULL, prompt_version = NULL WHERE scale_id = 'LV'"));
        }
        assertThat(lvChecksum()).isEqualTo(lvBefore);
    }

    @Test
    void aCutTestSetIsReportedButNeverPassesTheGate(@Autowired org.apache.camel.ProducerTemplate camel,
                                                    @Autowired dev.skillgap.enrich.LlmProperties llm,
                                                    @Autowired BacktestRepository repository,
                                                    @Autowired io.micrometer.core.instrument.MeterRegistry meters) {
        Backtest firstFive = new Backtest(releases, camel, llm, new BacktestProperties(OLD, NEW, REPORTS.resolve("cut"),
                1000, 2590, 2, 5), repository, meters);
        FAKE.mode(BacktestFakes.Mode.KNOWING);
        BacktestResult result = firstFive.run(OLD, NEW);
        assertThat(result.figures().occupations()).isEqualTo(5);
        assertThat(result.figures().pairs()).isEqualTo(175);
        assertThat(result.figures().ci95().high()).isNegative(); // it would pass on its figures alone
        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).startsWith("partial test set (max-occupations 5 of 74");
        assertThat(result.calls()).isEqualTo(7); // 5 occupations, 2 asked again
    }

    @Test
    void aFolderThatIsNotAReleaseIsAClearErrorAndStoresNothing() throws IOException {
        long rowsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Backtests", Long.class);
        Path broken = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broken-release-");
        Files.copy(OLD.resolve("Occupation Data.txt"), broken.resolve("Occupation Data.txt"));
        Files.writeString(broken.resolve("Skills.txt"), "not\ta header\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backtest.run(broken, NEW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Skills.txt is not a valid O*NET file").hasMessageContaining("line 1: header");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backtest.run(NEW.resolve("missing"), NEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a release folder");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backtest.run(NEW, NEW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to backtest");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Llm_Backtests", Long.class)).isEqualTo(rowsBefore);
    }

    private String lvChecksum() {
        return jdbc.queryForObject("SELECT CONCAT(COUNT(*), ':', SUM(data_value), ':', SUM(onet_data_value))"
                + " FROM Occupation_Skills WHERE scale_id = 'LV'", String.class);
    }

    private void assertServedBasis(String basis) throws Exception {
        JsonNode gap = get("/skill-gap?from=15-1211.00&to=15-1251.00").get("result");
        assertThat(gap.get("value_basis").asText()).isEqualTo(basis);
        // the LLM says Programming 6.00 >= 4.88: no longer a gap when (and only when) LLM levels are served
        assertThat(gap.get("skill_gaps").findValuesAsText("element_name"))
                .isEqualTo(basis.equals("llm") ? List.of("Science") : List.of("Programming", "Science"));
        JsonNode programming = null;
        for (JsonNode skill : get("/occupations/15-1211.00").at("/result/skills")) {
            if (skill.get("element_id").asText().equals("2.B.3.e")) {
                programming = skill;
            }
        }
        assertThat(programming.get("lv_data_value").decimalValue())
                .isEqualByComparingTo(basis.equals("llm") ? "6.00" : "4.00");
        assertThat(programming.get("lv_value_source").asText()).isEqualTo(basis);
    }

    private void awaitGate(String gate) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/release").at("/result/llm/gate").asText().equals(gate));
    }

    private void awaitServedVersion(long version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/release").at("/result/data_version").asLong() >= version);
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void dropAndAwait(Path releaseDir, String... fileNames) {
        dropAndAwaitInboxEmpty(INBOX, releaseDir, fileNames);
        await().atMost(Duration.ofSeconds(30)).until(() -> 420L == jdbc.queryForObject(
                "SELECT COUNT(*) FROM Occupation_Skills", Long.class));
    }

    /** This context's own inbox (two live contexts must not watch one folder) and, on an external server, database. */
    static final class OwnInbox extends OwnContext {
        OwnInbox() {
            super(INBOX, "_backtest");
        }
    }
}
