package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ETag, If-None-Match and Cache-Control over real HTTP, on the real database holding the fixture release. */
class HttpCachingTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATA_PATHS = List.of("/skill-gap?from=15-1211.00&to=15-1251.00",
            "/occupations?q=comp", "/occupations/29-1141.00", "/release");

    @BeforeEach
    void fixtureIsServed() {
        loadFixture();
        long version = jdbc.queryForObject("SELECT version FROM Data_Version WHERE id = 1", Long.class);
        awaitServed(version);
    }

    @Test
    void everyDataAnswerIsTaggedWithTheServedDataVersion() throws Exception {
        long version = servedVersion();
        for (String path : DATA_PATHS) {
            RawHttp.Response response = get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("ETag")).as(path).isEqualTo("\"" + version + "\"");
            assertThat(response.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
    }

    @Test
    void aMatchingIfNoneMatchIsA304WithoutBody() throws Exception {
        String tag = "\"" + servedVersion() + "\"";
        for (String path : DATA_PATHS) {
            for (String ifNoneMatch : List.of(tag, "W/" + tag, "\"other\", " + tag, "\"a\",W/" + tag + ",\"b\"", "*")) {
                RawHttp.Response response = get(path, "If-None-Match: " + ifNoneMatch);
                assertThat(response.status()).as("%s If-None-Match: %s", path, ifNoneMatch).isEqualTo(304);
                assertThat(response.body()).as(path).isEmpty();
                assertThat(response.header("ETag")).as(path).isEqualTo(tag);
                assertThat(response.header("Cache-Control")).as(path).isEqualTo("no-cache");
            }
            // two If-None-Match lines count as one list
            assertThat(get(path, "If-None-Match: \"x\"", "If-None-Match: " + tag).status()).isEqualTo(304);
        }
    }

    @Test
    void anotherTagGetsTheFullAnswer() throws Exception {
        long version = servedVersion();
        for (String path : DATA_PATHS) {
            for (String ifNoneMatch : List.of("\"" + (version - 1) + "\"", "W/\"x\"", "\"" + version + "0\"", "")) {
                RawHttp.Response response = get(path, "If-None-Match: " + ifNoneMatch);
                assertThat(response.status()).as("%s If-None-Match: %s", path, ifNoneMatch).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).get("success").asBoolean()).isTrue();
            }
        }
        // the condition is read from the request header only, never from a query parameter
        assertThat(get("/release?If-None-Match=*").status()).isEqualTo(200);
        assertThat(get("/release?if%2Dnone%2Dmatch=*").status()).isEqualTo(200);
        assertThat(get("/release?If-None-Match=*", "If-None-Match: *").status()).isEqualTo(200);
        // an ordinary escaped query still gets its 304
        assertThat(get("/occupations?q=computer%20systems", "If-None-Match: \"" + version + "\"").status()).isEqualTo(304);
    }

    @Test
    void errorsAreNeverNotModifiedNorStored() throws Exception {
        for (String path : List.of("/skill-gap?from=99-9999.00&to=15-1251.00", "/skill-gap", "/occupations/99-9999.00",
                "/no-such-path")) {
            RawHttp.Response response = get(path, "If-None-Match: *");
            assertThat(response.status()).as(path).isGreaterThanOrEqualTo(400);
            assertThat(response.header("ETag")).as(path).isNull();
            assertThat(response.header("Cache-Control")).as(path).isEqualTo("no-store");
        }
    }

    @Test
    void newDataChangesTheTagSoAKeptCopyIsReplaced() throws Exception {
        String path = "/occupations/15-1211.00";
        RawHttp.Response before = get(path);
        String oldTag = before.header("ETag");
        String change = "UPDATE Occupations SET title = title WHERE onetsoc_code = '15-1211.00'";
        long next = changeServedData(change);
        awaitServed(next);

        RawHttp.Response after = get(path, "If-None-Match: " + oldTag);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isEqualTo("\"" + next + "\"").isNotEqualTo(oldTag);
        assertThat(JSON.readTree(after.body()).at("/result/data_version").asLong()).isEqualTo(next);
        assertThat(get(path, "If-None-Match: " + after.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void theOpenApiDocumentIsTaggedByItsContent() throws Exception {
        RawHttp.Response document = get("/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        String tag = document.header("ETag");
        assertThat(tag).matches("\"[0-9a-f]{24}\"");
        assertThat(get("/openapi.json").header("ETag")).isEqualTo(tag);
        RawHttp.Response again = get("/openapi.json", "If-None-Match: " + tag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    private long servedVersion() throws Exception {
        return JSON.readTree(get("/release").body()).at("/result/data_version").asLong();
    }

    private void awaitServed(long version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> servedVersion() >= version);
    }

    private RawHttp.Response get(String target, String... headers) throws Exception {
        return RawHttp.send(port, "GET", target, List.of(headers));
    }
}
