package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lone instance leads its namespaces at its first leadership check, not one acquire interval later: on a fresh
 * cluster root and on one a stopped leader left. The interval here is 10 minutes, so leading within the test's
 * bound means the first check did not wait for it. Followers and failover: FleetFailoverTest.
 */
class ClusterServiceStartTest {

    private static final ClusterProperties TEN_MINUTES = new ClusterProperties(null, Duration.ofMinutes(10), 5);

    @Test
    void aLoneInstanceLeadsAtOnceOnAFreshClusterRoot(@TempDir Path inbox) throws Exception {
        assertLeadsAtOnce(inbox);
        assertThat(inbox.resolve(".cluster/inbox")).exists();
        assertThat(inbox.resolve(".cluster/llm.dat")).exists();
    }

    @Test
    void aLoneInstanceLeadsAtOnceAfterALeaderStopped(@TempDir Path inbox) throws Exception {
        assertLeadsAtOnce(inbox); // the first instance stops: its lock is released, its heartbeat file emptied
        assertThat(Files.size(inbox.resolve(".cluster/inbox.dat"))).isZero();
        assertLeadsAtOnce(inbox);
    }

    @Test
    void onlyTheNamespacesOfTheRolesGetLockFiles(@TempDir Path inbox) {
        new OpsConfiguration().clusterService(TEN_MINUTES, Roles.of("ingest"), inbox);
        assertThat(inbox.resolve(".cluster/inbox")).exists();
        assertThat(inbox.resolve(".cluster/inbox.dat")).exists();
        assertThat(inbox.resolve(".cluster/llm")).doesNotExist();
    }

    private static void assertLeadsAtOnce(Path inbox) throws Exception {
        FileLockClusterService service = new OpsConfiguration().clusterService(TEN_MINUTES, Roles.all(), inbox);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addService(service);
            camel.start();
            service.getView(Leadership.INBOX); // what a master: consumer does when it starts
            service.getView(Leadership.LLM);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.isLeader(Leadership.INBOX)
                    && service.isLeader(Leadership.LLM));
        }
    }
}
