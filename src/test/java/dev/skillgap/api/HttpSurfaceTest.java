package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every path the service serves, asked with hostile request headers and query parameters over real
 * HTTP: the response headers are exactly the service's own, and every error, from any layer (route,
 * Spring MVC, Tomcat before the application), is the API's one JSON error shape with no echo.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpSurfaceTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Request headers an attacker (or a confused client) sends, hoping to see them in the response. */
    static final List<String> HOSTILE_HEADERS = List.of(
            "Authorization: Bearer secret-token", "Cookie: session=secret-cookie", "X-Probe: leak-me",
            "Origin: http://evil.example", "Set-Cookie: injected=1", "Location: http://evil.example/",
            "Access-Control-Request-Method: GET", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https",
            "X-Forwarded-For: 203.0.113.9", "Accept-Language: de", "From: hr-bot@evil.example",
            "Content-Type: text/html", "Refresh: 0; url=http://evil.example/", "ETag: \"evil-tag\"",
            "Cache-Control: max-age=evil");

    /** The same as query parameters: platform-http maps those to headers too. */
    static final String HOSTILE_QUERY = "Set-Cookie=injected%3D1&X-Probe=leak-me&Location=http%3A%2F%2Fevil.example%2F"
            + "&Content-Type=text%2Fhtml&Access-Control-Allow-Origin=*&Refresh=0&ETag=evil&Cache-Control=evil"
            + "&If-None-Match=*";

    /** Anything of the requests above that must not come back in a response header. */
    static final List<String> ECHOES = List.of("secret", "leak-me", "evil", "injected", "text/html", "203.0.113.9",
            "hr-bot", "refresh", "Access-Control");

    /** The headers of every API error. */
    static final Set<String> API_HEADERS = Set.of("content-type", "x-content-type-options", "cache-control");
    /** The headers of every API answer (200). */
    static final Set<String> ANSWER_HEADERS = Set.of("content-type", "x-content-type-options", "cache-control", "etag");
    static final Set<String> ACTUATOR_HEADERS = Set.of("content-type");

    static final String NOT_FOUND = "{\"success\":false,\"message\":\"Error: Not found. The API serves GET /skill-gap,"
            + " /occupations, /occupations/{code}, /occupations/{code}/moves, /release and /openapi.json.\",\"result\":{\"skill_gaps\":[]}}";
    static final String BAD_REQUEST = "{\"success\":false,\"message\":\"Error: Bad request. The request line, URL or"
            + " headers are not valid HTTP.\",\"result\":{\"skill_gaps\":[]}}";
    static final String METHOD_NOT_ALLOWED = "{\"success\":false,\"message\":\"Error: Method not allowed. The API answers"
            + " GET only.\",\"result\":{\"skill_gaps\":[]}}";
    static final String NOT_ACCEPTABLE = "{\"success\":false,\"message\":\"Error: Not acceptable. The API answers"
            + " application/json only.\",\"result\":{\"skill_gaps\":[]}}";

    private record Case(String target, int status, Set<String> headers) {
    }

    @BeforeEach
    void fixtureIsLoaded() {
        loadFixture();
    }

    @Test
    void everyPathAnswersWithTheServicesOwnHeadersOnly() throws Exception {
        List<Case> cases = List.of(
                new Case("/skill-gap?from=15-1211.00&to=15-1251.00&" + HOSTILE_QUERY, 200, ANSWER_HEADERS),
                new Case("/skill-gap?" + HOSTILE_QUERY, 400, API_HEADERS),
                new Case("/skill-gap?from=99-9999.00&to=15-1251.00&" + HOSTILE_QUERY, 404, API_HEADERS),
                new Case("/occupations?q=comp&" + HOSTILE_QUERY, 200, ANSWER_HEADERS),
                new Case("/occupations/29-1141.00?" + HOSTILE_QUERY, 200, ANSWER_HEADERS),
                new Case("/release?" + HOSTILE_QUERY, 200, ANSWER_HEADERS),
                new Case("/openapi.json?" + HOSTILE_QUERY, 200, ANSWER_HEADERS),
                new Case("/actuator/health?" + HOSTILE_QUERY, 200, ACTUATOR_HEADERS),
                new Case("/actuator/health/liveness?" + HOSTILE_QUERY, 200, ACTUATOR_HEADERS),
                new Case("/actuator/health/readiness?" + HOSTILE_QUERY, 200, ACTUATOR_HEADERS),
                new Case("/actuator/info?" + HOSTILE_QUERY, 200, ACTUATOR_HEADERS),
                new Case("/actuator/prometheus?" + HOSTILE_QUERY, 200, ACTUATOR_HEADERS),
                new Case("/actuator/metrics?" + HOSTILE_QUERY, 200, ACTUATOR_HEADERS),
                new Case("/actuator?" + HOSTILE_QUERY, 200, ACTUATOR_HEADERS),
                new Case("/?" + HOSTILE_QUERY, 404, API_HEADERS),
                new Case("/skill-gaps?" + HOSTILE_QUERY, 404, API_HEADERS),
                new Case("/skill-gap/?" + HOSTILE_QUERY, 404, API_HEADERS),
                new Case("/error?" + HOSTILE_QUERY, 404, API_HEADERS),
                new Case("/actuator/no-such-endpoint?" + HOSTILE_QUERY, 404, API_HEADERS),
                new Case("/skill-gap/%2e%2e/release?" + HOSTILE_QUERY, 404, API_HEADERS));
        for (Case c : cases) {
            RawHttp.Response response = RawHttp.send(port, "GET", c.target(), HOSTILE_HEADERS);

            assertThat(response.status()).as(c.target()).isEqualTo(c.status());
            assertThat(response.serviceHeaderNames()).as("response headers of %s", c.target()).isEqualTo(c.headers());
            assertNoEcho(c.target(), response);
            if (c.status() >= 400) {
                assertErrorShape(c.target(), response);
            }
        }
    }

    @Test
    void theOpenApiDocumentNamesTheConfiguredServerWhateverAnUntrustedClientForwards() throws Exception {
        RawHttp.Response response = RawHttp.send(port, "GET", "/openapi.json", HOSTILE_HEADERS);

        JsonNode document = JSON.readTree(response.body());
        assertThat(document.at("/servers").size()).isEqualTo(1);
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("http://localhost:" + port);
        assertThat(document.at("/paths").has("/skill-gap")).isTrue();
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void unknownPathsAreTheJsonNotFoundWithoutThePath() throws Exception {
        for (String path : List.of("/", "/skill-gaps", "/skill-gap/", "/error", "/index.html", "/actuator/env",
                "/occupations/29-1141.00/extra", "/x%3Cscript%3Ealert(1)%3C/script%3E")) {
            RawHttp.Response response = RawHttp.send(port, "GET", path, List.of());

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo(NOT_FOUND);
            assertThat(response.serviceHeaderNames()).as(path).isEqualTo(API_HEADERS);
        }
    }

    @Test
    void wrongMethodsAreTheJson405() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/skill-gap?from=15-1211.00&to=15-1251.00", "/occupations", "/release",
                    "/openapi.json", "/actuator/health")) {
                RawHttp.Response response = RawHttp.send(port, method, path, List.of("Content-Length: 0"));

                assertThat(response.status()).as("%s %s", method, path).isEqualTo(405);
                assertThat(response.body()).as("%s %s", method, path).isEqualTo(METHOD_NOT_ALLOWED);
                assertThat(response.serviceHeaderNames()).as("%s %s", method, path)
                        .isSubsetOf("allow", "content-type", "x-content-type-options", "cache-control").containsAll(API_HEADERS);
            }
        }
    }

    @Test
    void anHtmlOnlyClientGetsTheJson406() throws Exception {
        for (String path : List.of("/skill-gap?from=15-1211.00&to=15-1251.00", "/release", "/actuator/health")) {
            RawHttp.Response response = RawHttp.send(port, "GET", path, List.of("Accept: text/html"));

            assertThat(response.status()).as(path).isEqualTo(406);
            assertThat(response.body()).as(path).isEqualTo(NOT_ACCEPTABLE);
            assertThat(response.serviceHeaderNames()).as(path).isEqualTo(API_HEADERS);
        }
        // found by HttpFuzzTest: a charset the actuator cannot honour was a 500 (HttpMessageNotWritableException)
        RawHttp.Response charset = RawHttp.send(port, "GET", "/actuator/health",
                List.of("Accept: application/json;charset=ISO-8859-1"));
        assertThat(charset.status()).isEqualTo(406);
        assertThat(charset.body()).isEqualTo(NOT_ACCEPTABLE);
        // a browser's Accept ends in */*: it gets the JSON
        RawHttp.Response browser = RawHttp.send(port, "GET", "/release",
                List.of("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertThat(browser.status()).isEqualTo(200);
        assertThat(JSON.readTree(browser.body()).get("success").asBoolean()).isTrue();
    }

    @Test
    void requestsTomcatRejectsBeforeTheApplicationAreTheJson400(CapturedOutput output) throws Exception {
        String longValue = "a".repeat(20_000);
        List<byte[]> requests = new ArrayList<>();
        for (String target : List.of("/skill-gap?from=<script>alert(1)</script>&to=15-1251.00", "/a|b", "/%",
                "/%zz/release", "/a%2Fb", "/skill-gap?from={x}", "/" + "x".repeat(20_000))) {
            requests.add(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes());
        }
        requests.add(("GET /release HTTP/1.1\r\nHost: localhost\r\nX-Long: " + longValue + "\r\n\r\n").getBytes());
        requests.add("GET /release HTTP/1.1\r\nHost: localhost\r\nBad Header Name: x\r\n\r\n".getBytes());
        requests.add("GET /release HTTP/1.1\r\n\r\n".getBytes()); // HTTP/1.1 without Host

        for (byte[] request : requests) {
            RawHttp.Response response = RawHttp.exchange(port, request);
            String what = new String(request, 0, Math.min(60, request.length));

            assertThat(response.status()).as(what).isEqualTo(400);
            assertThat(response.body()).as(what).isEqualTo(BAD_REQUEST);
            assertThat(response.serviceHeaderNames()).as(what).isEqualTo(API_HEADERS);
        }
        assertThat(output.getOut()).contains("rejected by the server before the application")
                .doesNotContain("Invalid character found in the request target")
                .doesNotContain("at org.apache.coyote");
    }

    static void assertNoEcho(String what, RawHttp.Response response) {
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            for (String value : header.getValue()) {
                for (String echo : ECHOES) {
                    assertThat(header.getKey() + ": " + value).as("a response header of %s", what)
                            .doesNotContainIgnoringCase(echo);
                }
            }
        }
    }

    static void assertErrorShape(String what, RawHttp.Response response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.size()).as(what).isEqualTo(3);
        assertThat(body.get("success").isBoolean() && !body.get("success").asBoolean()).as(what).isTrue();
        assertThat(body.get("message").isTextual()).as(what).isTrue();
        assertThat(body.get("result").toString()).as(what).isEqualTo("{\"skill_gaps\":[]}");
        assertThat(response.header("Content-Type")).as(what).isEqualTo("application/json");
        for (String echo : List.of("secret", "leak-me", "evil", "injected", "script")) {
            assertThat(response.body()).as("the body of %s", what).doesNotContainIgnoringCase(echo);
        }
    }
}
