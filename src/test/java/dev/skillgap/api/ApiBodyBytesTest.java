package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillgap.backtest.GateState;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of every body (PRD FR4.3/FR4.4 field order, two-decimal JSON numbers, nulls, escaping).
 * The expected texts were captured from the hand-built byte writer (ApiJson) this Jackson path replaced,
 * on the same snapshot, so they prove the redesign changed no byte.
 */
class ApiBodyBytesTest {

    private static final Snapshot SNAPSHOT = snapshot();

    @Test
    void skillGapBody() {
        SkillGapAnalysis analysis = SkillGapCalculator.analyse(SNAPSHOT.skills(), SNAPSHOT.occupation("11-1111.00"),
                SNAPSHOT.occupation("22-2222.00"));
        assertThat(json(SkillGapResult.of(analysis, SNAPSHOT.release()))).isEqualTo("{\"success\":true,\"message\":\"Successfully identified skill gap from 'Cooks, \\\"Restaurant\\\"' t"
                + "o 'Nurses \\\\ Registered \u00e9\\t' based on 'LV' scale.\",\"result\":{\"from_occupation_title\":\""
                + "Cooks, \\\"Restaurant\\\"\",\"to_occupation_title\":\"Nurses \\\\ Registered \u00e9\\t\",\"skill_gap"
                + "s\":[{\"element_id\":\"2.A.1.b\",\"element_name\":\"Active Listening\",\"scale_id\":\"LV\",\"from_da"
                + "ta_value\":0.00,\"to_data_value\":4.00,\"difference\":4.00,\"to_importance\":null,\"from_value_sourc"
                + "e\":null,\"to_value_source\":\"onet\"},{\"element_id\":\"2.A.1.a\",\"element_name\":\"Reading \\\"Co"
                + "mprehension\\\"\",\"scale_id\":\"LV\",\"from_data_value\":0.38,\"to_data_value\":2.88,\"difference\""
                + ":2.50,\"to_importance\":3.50,\"from_value_source\":\"onet\",\"to_value_source\":\"onet\"},{\"element"
                + "_id\":\"2.B.3.e\",\"element_name\":\"Programming\",\"scale_id\":\"LV\",\"from_data_value\":0.00,\"to"
                + "_data_value\":1.00,\"difference\":1.00,\"to_importance\":1.00,\"from_value_source\":\"onet\",\"to_va"
                + "lue_source\":\"onet\"}],\"from_occupation_code\":\"11-1111.00\",\"to_occupation_code\":\"22-2222.00"
                + "\",\"value_basis\":\"onet\",\"onet_version\":\"29.3\",\"data_version\":9}}");
    }

    @Test
    void anchorsAreAddedOnlyWhenAskedFor() {
        SnapshotBuilder b = new SnapshotBuilder(new ReleaseInfo("29.3", 4L, null, 9));
        b.addSkill("2.A.1.a", "Reading Comprehension");
        b.addOccupation("11-1111.00", "A", "");
        b.addOccupation("22-2222.00", "B", "");
        rating(b, "22-2222.00", "2.A.1.a", "LV", "2.88");
        b.addAnchor("2.A.1.a", new BigDecimal("2"), "Read step-by-step instructions");
        b.addAnchor("2.A.1.a", new BigDecimal("6.00"), "Read a \"scientific\" journal");
        Snapshot snapshot = b.build();
        SkillGapAnalysis analysis = SkillGapCalculator.analyse(snapshot.skills(), snapshot.occupation("11-1111.00"),
                snapshot.occupation("22-2222.00"));
        String item = "{\"element_id\":\"2.A.1.a\",\"element_name\":\"Reading Comprehension\",\"scale_id\":\"LV\","
                + "\"from_data_value\":0.00,\"to_data_value\":2.88,\"difference\":2.88,\"to_importance\":null,"
                + "\"from_value_source\":null,\"to_value_source\":\"onet\"";
        assertThat(json(SkillGapResult.of(analysis, snapshot.release()))).contains(item + "}]");
        assertThat(json(SkillGapResult.of(analysis, snapshot.release(), snapshot))).contains(item
                + ",\"anchors\":[{\"level\":2.00,\"description\":\"Read step-by-step instructions\"},"
                + "{\"level\":6.00,\"description\":\"Read a \\\"scientific\\\" journal\"}]}]");
        assertThat(json(OccupationResult.of(snapshot.occupation("22-2222.00"), snapshot.skills(), snapshot.release(),
                snapshot))).contains("\"im_data_value\":null,\"anchors\":[{\"level\":2.00,");
        assertThat(json(OccupationResult.of(snapshot.occupation("22-2222.00"), snapshot.skills(), snapshot.release())))
                .doesNotContain("anchors");
    }

    @Test
    void occupationSearchBodies() {
        assertThat(json(OccupationSearchResult.of("nur", 1, 20, SNAPSHOT.search("nur"), SNAPSHOT.release())))
                .isEqualTo("{\"success\":true,\"message\":\"Found 1 occupation matching 'nur'.\",\"result\":{\"query\":\"nur\","
                + "\"page\":1,\"page_size\":20,\"total\":1,\"occupations\":[{\"code\":\"22-2222.00\",\"title\":\"Nurses"
                + " \\\\ Registered \u00e9\\t\",\"has_skill_data\":true}],\"onet_version\":\"29.3\",\"data_version\":9,"
                + "\"ranking\":\"title\"}}");
        assertThat(json(OccupationSearchResult.of("", 2, 1, SNAPSHOT.search(""), SNAPSHOT.release())))
                .isEqualTo("{\"success\":true,\"message\":\"Found 3 occupations.\",\"result\":{\"query\":\"\",\"page\":2,\"page_"
                + "size\":1,\"total\":3,\"occupations\":[{\"code\":\"22-2222.00\",\"title\":\"Nurses \\\\ Registered \u00e9"
                + "\\t\",\"has_skill_data\":true}],\"onet_version\":\"29.3\",\"data_version\":9,\"ranking\":\"title\"}}");
    }

    @Test
    void occupationBodies() {
        assertThat(json(OccupationResult.of(SNAPSHOT.occupation("11-1111.00"), SNAPSHOT.skills(), SNAPSHOT.release())))
                .isEqualTo("{\"success\":true,\"message\":\"Occupation 11-1111.00 'Cooks, \\\"Restaurant\\\"'.\",\"result\":{\"c"
                + "ode\":\"11-1111.00\",\"title\":\"Cooks, \\\"Restaurant\\\"\",\"description\":\"Cook <food> & \\\"ser"
                + "ve\\\"\",\"has_skill_data\":true,\"skills\":[{\"element_id\":\"2.A.1.a\",\"element_name\":\"Reading "
                + "\\\"Comprehension\\\"\",\"lv_data_value\":0.38,\"lv_onet_data_value\":0.38,\"lv_value_source\":\"one"
                + "t\",\"im_data_value\":null},{\"element_id\":\"2.A.1.b\",\"element_name\":\"Active Listening\",\"lv_d"
                + "ata_value\":null,\"lv_onet_data_value\":null,\"lv_value_source\":null,\"im_data_value\":2.25},{\"ele"
                + "ment_id\":\"2.B.3.e\",\"element_name\":\"Programming\",\"lv_data_value\":0.00,\"lv_onet_data_value\""
                + ":0.00,\"lv_value_source\":\"onet\",\"im_data_value\":null}],\"onet_version\":\"29.3\",\"data_version"
                + "\":9}}");
        assertThat(json(OccupationResult.of(SNAPSHOT.occupation("33-3333.00"), SNAPSHOT.skills(), SNAPSHOT.release())))
                .isEqualTo("{\"success\":true,\"message\":\"Occupation 33-3333.00 'Unrated'.\",\"result\":{\"code\":\"33-3333.00"
                + "\",\"title\":\"Unrated\",\"description\":\"\",\"has_skill_data\":false,\"skills\":[],\"onet_version"
                + "\":\"29.3\",\"data_version\":9}}");
    }

    @Test
    void releaseBodies() {
        assertThat(json(ReleaseResult.of(SNAPSHOT))).isEqualTo("{\"success\":true,\"message\":\"Serving O*NET 29.3 from release load 4, data version 9.\",\"result\""
                + ":{\"onet_version\":\"29.3\",\"release_id\":4,\"loaded_at\":\"2026-11-25T10:15:30.123Z\",\"data_versi"
                + "on\":9,\"occupations\":3,\"occupations_with_skill_data\":2,\"skills\":3,\"llm\":{\"provider\":\"open"
                + "ai\",\"model\":\"gpt-x\",\"prompt_version\":\"lv-1\",\"gate\":\"not run\",\"gate_required\":true,\"l"
                + "lm_values_served\":false,\"reason\":\"No backtest of model gpt-x with prompt lv-1 is stored, so the "
                + "O*NET analyst values are served. Run bench/llm-backtest OLD_RELEASE NEW_RELEASE (or SKILLGAP_RUN_MOD"
                + "E=backtest) on this database.\"}}}");
        Snapshot empty = new SnapshotBuilder(new ReleaseInfo(null, null, null, 0)).build();
        assertThat(json(ReleaseResult.of(empty))).isEqualTo("{\"success\":true,\"message\":\"No O*NET release has been loaded yet.\",\"result\":{\"onet_version\""
                + ":null,\"release_id\":null,\"loaded_at\":null,\"data_version\":0,\"occupations\":0,\"occupations_with"
                + "_skill_data\":0,\"skills\":0,\"llm\":{\"provider\":\"none\",\"model\":null,\"prompt_version\":\"\","
                + "\"gate\":\"not run\",\"gate_required\":false,\"llm_values_served\":false,\"reason\":\"LLM scoring is"
                + " off (SKILLGAP_LLM_PROVIDER=none): the O*NET analyst values are served.\"}}}");
    }

    @Test
    void errorBodies() {
        ApiException notFound = ApiException.http(404);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(json(notFound.response())).isEqualTo("{\"success\":false,\"message\":\"Error: Not found. The API serves GET /skill-gap, /occupations, /occ"
                + "upations/{code}, /occupations/{code}/moves, /release and /openapi.json.\",\"result\":{\"skill_gaps\":[]}}");
        assertThat(json(ApiException.occupationNotFound("99-9999.00").response())).isEqualTo(
                "{\"success\":false,\"message\":\"Error: Occupation code 99-9999.00 not found.\",\"result\":{\"skill_gaps\":[]}}");
    }

    private static String json(Object body) {
        return new String(ApiReplyWriter.bytes(body), StandardCharsets.UTF_8);
    }

    private static Snapshot snapshot() {
        SnapshotBuilder b = new SnapshotBuilder(new ReleaseInfo("29.3", 4L, Instant.parse("2026-11-25T10:15:30.123Z"), 9),
                GateState.of(true, "openai", "gpt-x", "lv-1", List.of()));
        b.addSkill("2.A.1.a", "Reading \"Comprehension\"");
        b.addSkill("2.A.1.b", "Active Listening");
        b.addSkill("2.B.3.e", "Programming");
        b.addOccupation("11-1111.00", "Cooks, \"Restaurant\"", "Cook <food> & \"serve\"");
        b.addOccupation("22-2222.00", "Nurses \\ Registered \u00e9\t", "Care\nfor patients");
        b.addOccupation("33-3333.00", "Unrated", "");
        rating(b, "22-2222.00", "2.A.1.a", "LV", "2.88");
        rating(b, "22-2222.00", "2.A.1.a", "IM", "3.50");
        rating(b, "22-2222.00", "2.A.1.b", "LV", "4.00");
        rating(b, "22-2222.00", "2.B.3.e", "LV", "1.00");
        rating(b, "22-2222.00", "2.B.3.e", "IM", "1.00");
        rating(b, "11-1111.00", "2.A.1.a", "LV", "0.38");
        rating(b, "11-1111.00", "2.B.3.e", "LV", "0.00");
        rating(b, "11-1111.00", "2.A.1.b", "IM", "2.25");
        return b.build();
    }

    private static void rating(SnapshotBuilder builder, String code, String element, String scale, String value) {
        builder.addRating(code, element, scale, new BigDecimal(value), new BigDecimal(value), "onet");
    }
}
