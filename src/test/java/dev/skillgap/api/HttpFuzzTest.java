package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded fuzz of the HTTP surface over real sockets on the running application: random
 * methods, paths, query strings (script tags, CRLF attempts, huge values, bad escapes, unicode, bad
 * UTF-8), headers (hostile names and values, over-long) and Accept variants. Every answer must be below
 * 500, carry only the service's own headers and nothing of the request in them, and every error must
 * be the one JSON error shape. Seed and count: -Dfuzz.seed, -Dfuzz.requests (default 400, a few seconds).
 * A failure prints the seed and the request, so it can be replayed.
 */
class HttpFuzzTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every value the fuzzer invents carries this, so an echo anywhere is found. */
    private static final String MARK = "fzq";
    private static final Set<String> SERVICE_HEADERS = Set.of("content-type", "x-content-type-options", "allow",
            "retry-after", "cache-control", "etag");
    private static final List<String> API_PATHS = List.of("/skill-gap", "/occupations", "/occupations/15-1211.00",
            "/occupations/15-1211.00/moves", "/release", "/openapi.json");
    private static final List<String> OTHER_PATHS = List.of("/actuator/health", "/actuator/health/readiness",
            "/actuator/info", "/actuator/prometheus", "/actuator", "/", "/error", "/skill-gaps", "/skill-gap/",
            "/occupations/", "/actuator/env", "/static/x.js");
    private static final List<String> CODES = List.of("15-1211.00", "15-1251.00", "29-1141.00", "99-9999.00",
            "15-1252.00", "", "15-1211", "11-1011.00x");
    private static final List<String> HOSTILE_VALUES = List.of("<script>alert(1)</script>", "%0d%0aSet-Cookie:%20"
            + MARK + "=1", "%0aLocation:%20http://" + MARK, "%", "%g1", "%zz", "%C3%28", "%FF%FE", "%00", "%E4%B8%AD%E6%96%87",
            "\u00e9\u4e2d\ud83d\ude00", "' OR 1=1 --", "../../etc/passwd", "{\"a\":1}", "a+b c", ";", "&&&", "==");
    private static final List<String> ACCEPTS = List.of("application/json", "text/html", "*/*", "application/xml",
            "text/html;q=0.9, application/json;q=0.1", "", ";;;", "application/*", "text/*", "image/png",
            "application/vnd.spring-boot.actuator.v3+json", "application/json;charset=ISO-8859-1");
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "POST",
            "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FUZZ");
    private static final String PATH_CHARS = "abcxyz019-._~%<>|\"{}^`\\[]:@!$&'()*+,;= \u00e9";

    @Test
    void theHttpSurfaceNeverFailsEchoesOrChangesShape() throws Exception {
        loadFixture();
        long seed = Long.getLong("fuzz.seed", 20261125L);
        int count = Integer.getInteger("fuzz.requests", 400);
        Random random = new Random(seed);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String method = pick(random, METHODS);
            String target = path(random) + query(random);
            List<String> headers = headers(random);
            byte[] request = request(method, target, headers);
            String replay = "seed " + seed + ", request " + i + ": " + method + " "
                    + target.substring(0, Math.min(200, target.length())) + " " + abbreviated(headers);

            RawHttp.Response response;
            try {
                response = RawHttp.exchange(port, request);
            } catch (RuntimeException | java.io.IOException e) {
                throw new AssertionError(replay + ": " + e, e);
            }
            if (response.status() == RawHttp.HTTP_0_9) {
                // Tomcat answers as HTTP/0.9 (body only: no status line, no header at all) when it has not
                // read a version: a request line it rejects before its end (a character not allowed in the
                // target), or one cut by a raw CRLF. The body is still the JSON: the 400, or the API's answer.
                if (response.body().isEmpty()) { // HTTP/0.9 answer without a body (TRACE, HEAD, OPTIONS): nothing at all
                    assertThat(target.contains("\r\n") && List.of("TRACE", "HEAD", "OPTIONS").contains(method)).as(replay).isTrue();
                    continue;
                }
                assertThat(response.body().equals(HttpSurfaceTest.BAD_REQUEST) || target.contains("\r\n"))
                        .as(replay + " answered " + response.body().substring(0, Math.min(200, response.body().length())))
                        .isTrue();
                assertThat(method.equals("HEAD") || JSON.readTree(response.body()).isObject()).as(replay).isTrue();
                continue;
            }

            assertThat(response.status()).as(replay).isBetween(200, 499);
            assertThat(response.serviceHeaderNames()).as(replay).isSubsetOf(SERVICE_HEADERS);
            response.headers().forEach((name, values) -> values.forEach(value ->
                    assertThat(name + ": " + value).as(replay).doesNotContainIgnoringCase(MARK)));
            if (method.equals("TRACE") && response.status() == 405) {
                // Tomcat's connector refuses TRACE itself (allowTrace=false) before any valve: 405, no body
                assertThat(response.body()).as(replay).isEmpty();
            } else if (method.equals("HEAD")) {
                assertThat(response.body()).as(replay).isEmpty();
            } else if (response.status() >= 400) {
                assertErrorShape(replay, response);
                if (!isApiPath(target)) {
                    assertThat(response.body()).as(replay).doesNotContainIgnoringCase(MARK);
                }
            } else if (!response.body().isEmpty() && !target.startsWith("/actuator/prometheus")) {
                assertThat(JSON.readTree(response.body()).isObject()).as(replay).isTrue();
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("HTTP fuzz: %d requests, seed %d, %d ms%n", count, seed, millis);
    }

    private static void assertErrorShape(String replay, RawHttp.Response response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        replay = replay + " -> " + response.status() + " " + response.body().substring(0, Math.min(300, response.body().length()));
        assertThat(body.path("success").isBoolean() && !body.path("success").asBoolean()).as(replay).isTrue();
        assertThat(body.path("message").isTextual()).as(replay).isTrue();
        assertThat(body.get("result").toString()).as(replay).isEqualTo("{\"skill_gaps\":[]}");
        assertThat(body.size()).as(replay).isEqualTo(3);
        assertThat(response.header("Content-Type")).as(replay).isEqualTo("application/json");
    }

    private static boolean isApiPath(String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        return path.equals("/skill-gap") || path.equals("/occupations") || path.startsWith("/occupations/")
                || path.equals("/release");
    }

    private static String path(Random random) {
        int kind = random.nextInt(10);
        if (kind < 5) {
            return pick(random, API_PATHS);
        }
        if (kind < 7) {
            return pick(random, OTHER_PATHS);
        }
        if (kind == 7) {
            return "/occupations/" + pick(random, HOSTILE_VALUES).replace(' ', '+') + MARK;
        }
        StringBuilder path = new StringBuilder();
        int segments = 1 + random.nextInt(4);
        for (int s = 0; s < segments; s++) {
            path.append('/');
            int length = random.nextInt(random.nextInt(20) == 0 ? 9000 : 12);
            for (int c = 0; c < length; c++) {
                path.append(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
            }
            if (random.nextBoolean()) {
                path.append(MARK);
            }
        }
        return path.toString();
    }

    private static String query(Random random) {
        int parameters = random.nextInt(5);
        if (parameters == 0) {
            return "";
        }
        List<String> names = List.of("from", "to", "q", "page", "page_size", "code", "limit", "min_job_zone",
                "max_job_zone", "include", "Set-Cookie", "X-Probe",
                "Location", MARK, "from[]", "");
        StringBuilder query = new StringBuilder("?");
        for (int p = 0; p < parameters; p++) {
            if (p > 0) {
                query.append('&');
            }
            query.append(pick(random, names)).append('=');
            int kind = random.nextInt(4);
            if (kind == 0) {
                query.append(pick(random, CODES));
            } else if (kind == 1) {
                query.append(pick(random, HOSTILE_VALUES)).append(MARK);
            } else if (kind == 2) {
                query.append(MARK).append("x".repeat(random.nextInt(random.nextInt(10) == 0 ? 12_000 : 200)));
            } else {
                query.append(random.nextInt(300) - 100).append(MARK);
            }
        }
        if (random.nextInt(30) == 0) {
            query.append("\r\nSet-Cookie: ").append(MARK).append("=1"); // a raw CRLF in the request line
        }
        return query.toString();
    }

    private static List<String> headers(Random random) {
        List<String> headers = new ArrayList<>();
        if (random.nextInt(3) > 0) {
            headers.add("Accept: " + pick(random, ACCEPTS));
        }
        int extra = random.nextInt(5);
        for (int h = 0; h < extra; h++) {
            int kind = random.nextInt(6);
            switch (kind) {
                case 0 -> headers.add(pick(random, HttpSurfaceTest.HOSTILE_HEADERS) + MARK);
                case 1 -> headers.add("X-" + MARK + random.nextInt(1000) + ": " + MARK);
                case 2 -> headers.add("X-Long: " + MARK + "y".repeat(random.nextInt(random.nextInt(8) == 0 ? 20_000 : 500)));
                case 3 -> headers.add("X-Unicode: " + MARK + "\u00e9\u4e2d\ud83d\ude00");
                case 4 -> headers.add("Bad Name" + MARK + ": x"); // not a token: Tomcat rejects the request
                default -> headers.add("Cookie: " + MARK + "=" + random.nextInt());
            }
        }
        if (random.nextInt(10) == 0) {
            headers.add("Content-Length: 0");
        }
        return headers;
    }

    private static byte[] request(String method, String target, List<String> headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\nHost: localhost\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        return request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(List<String> headers) {
        List<String> shown = new ArrayList<>();
        headers.forEach(h -> shown.add(h.length() > 80 ? h.substring(0, 80) + "...(" + h.length() + ")" : h));
        return shown.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
