package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The master: namespaces of the route files are the ones {@link Leadership} reports, and each role's roots use them. */
class LeadershipRoutesTest {

    private static final Pattern MASTER = Pattern.compile("uri: \"?master:([a-z]+):([a-z]+)");

    @Test
    void theIngestConsumersAreLedInNamespaceInboxAndTheLlmPassInNamespaceLlm() throws IOException {
        assertThat(masters("routes/ingest.camel.yaml")).containsExactly(
                Leadership.INBOX + ":file", Leadership.INBOX + ":timer", Leadership.INBOX + ":timer");
        assertThat(masters("routes/enrich.camel.yaml")).containsExactly(
                Leadership.LLM + ":timer", Leadership.LLM + ":seda");
        assertThat(masters("routes/api.camel.yaml")).isEmpty();
    }

    @Test
    void namespacesFollowTheRoles() {
        assertThat(Leadership.namespaces(Roles.of("api"))).isEmpty();
        assertThat(Leadership.namespaces(Roles.of("ingest"))).containsExactly(Leadership.INBOX);
        assertThat(Leadership.namespaces(Roles.of("api,llm"))).containsExactly(Leadership.LLM);
        assertThat(Leadership.namespaces(Roles.all())).containsExactly(Leadership.INBOX, Leadership.LLM);
    }

    private static List<String> masters(String file) throws IOException {
        Matcher m = MASTER.matcher(Files.readString(Path.of(file)));
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1) + ":" + m.group(2));
        }
        return found;
    }
}
