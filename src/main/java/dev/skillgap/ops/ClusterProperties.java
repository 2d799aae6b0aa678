package dev.skillgap.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Leader election settings ({@code skillgap.cluster.*}, README "Running several instances"): Camel's
 * FileLockClusterService (camel-file) behind the {@code master:} routes.
 *
 * @param root folder shared by every instance with the ingest or llm role (the inbox volume by default), holding one
 *             lock file and one heartbeat file per namespace
 * @param acquireInterval how often the leader writes its heartbeat and a follower tries to take the lock; the same
 *                        on every instance (Camel warns otherwise)
 * @param heartbeatTimeoutMultiplier a leader whose heartbeat is older than this many intervals is taken as dead; a
 *                                   killed leader is replaced after about (multiplier + 1) x interval
 */
@ConfigurationProperties("skillgap.cluster")
public record ClusterProperties(
        String root,
        @DefaultValue("2s") Duration acquireInterval,
        @DefaultValue("5") int heartbeatTimeoutMultiplier) {
}
