package dev.skillgap.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The strings of {@link EnrichRoutes} are the ones the route file (the map) uses. */
class EnrichRoutesTest {

    @Test
    void theRouteFileUsesTheConstants() throws IOException {
        String routes = Files.readString(Path.of("routes/enrich.camel.yaml"));

        assertThat(routes).contains("uri: " + EnrichRoutes.SCORE_BATCH + "\n",
                "uri: master:" + dev.skillgap.ops.Leadership.LLM + ":" + EnrichRoutes.PASS + "?size=1\n",
                "id: " + EnrichRoutes.PASS_ROUTE_ID + "\n",
                "name: " + EnrichRoutes.BATCH_PROPERTY + "\n",
                "executorService: " + EnrichRoutes.POOL + "\n",
                "- to: " + EnrichRoutes.SCORE_BATCH + "\n",
                "- to: " + EnrichRoutes.CALL_LLM + "\n",
                "id: " + EnrichRoutes.SERVER_TEMPLATE + "\n",
                "uri: \"" + EnrichRoutes.SERVER_URI_PREFIX + "{{number}}\"\n");
    }
}
