package dev.skillgap.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.cluster.CamelClusterService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Which cluster namespaces this instance leads. The namespaces are those of the {@code master:<namespace>:...} routes
 * (routes/ingest.camel.yaml, routes/enrich.camel.yaml): one leader per namespace across all instances runs them.
 * Health component {@code leadership} (UP either way: a follower is a healthy standby; not in readiness) with one
 * detail per namespace of this instance's roles, and the gauge {@code skillgap_cluster_leader{namespace}} (1 leader,
 * 0 follower) so a dashboard shows exactly one 1 per namespace across the fleet.
 */
public class Leadership implements HealthIndicator {

    /** The namespace of the inbox consumer and its staging-recover and held-confirm timers (role ingest). */
    public static final String INBOX = "inbox";
    /** The namespace of the LLM pass and its resume timer (role llm). */
    public static final String LLM = "llm";

    private final CamelClusterService cluster;
    private final List<String> namespaces;

    public Leadership(CamelClusterService cluster, Roles roles, MeterRegistry meters) {
        this.cluster = cluster;
        this.namespaces = namespaces(roles);
        for (String namespace : namespaces) {
            Gauge.builder("skillgap.cluster.leader", this, l -> l.isLeader(namespace) ? 1 : 0)
                    .tag("namespace", namespace)
                    .description("1 while this instance leads the namespace (runs its master: routes), 0 otherwise")
                    .register(meters);
        }
    }

    static List<String> namespaces(Roles roles) {
        return roles.has(Role.INGEST) && roles.has(Role.LLM) ? List.of(INBOX, LLM)
                : roles.has(Role.INGEST) ? List.of(INBOX) : roles.has(Role.LLM) ? List.of(LLM) : List.of();
    }

    /** Whether this instance leads the namespace now (false before the cluster service started). */
    public boolean isLeader(String namespace) {
        return namespaces.contains(namespace) && cluster.isLeader(namespace);
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (String namespace : namespaces) {
            details.put(namespace, isLeader(namespace) ? "leader" : "follower");
        }
        return Health.up().withDetails(details).withDetail("clusterService", cluster.getId()).build();
    }
}
