package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import dev.skillgap.OwnContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a trusted proxy (here: any client on the loopback address) the OpenAPI document names the
 * server the proxy forwarded; the forwarded values still never become response headers.
 */
@ContextConfiguration(initializers = OwnContext.class)
@DirtiesContext
@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=127[.][0-9]+[.][0-9]+[.][0-9]+|0:0:0:0:0:0:0:1")
class TrustedProxyTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String server(List<String> headers) throws Exception {
        RawHttp.Response response = RawHttp.send(port, "GET", "/openapi.json", headers);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.serviceHeaderNames()).isEqualTo(HttpSurfaceTest.ANSWER_HEADERS);
        HttpSurfaceTest.assertNoEcho("/openapi.json", response);
        return JSON.readTree(response.body()).at("/servers/0/url").asText();
    }

    @Test
    void theOpenApiServerIsWhatTheTrustedProxyForwarded() throws Exception {
        assertThat(server(List.of("X-Forwarded-Proto: https", "X-Forwarded-Host: api.example.org")))
                .isEqualTo("https://api.example.org");
        assertThat(server(List.of("X-Forwarded-Proto: https", "X-Forwarded-Host: api.example.org",
                "X-Forwarded-Port: 8443"))).isEqualTo("https://api.example.org:8443");
        assertThat(server(List.of())).isEqualTo("http://localhost:" + port);
    }
}
