package dev.skillgap.ops;

import dev.skillgap.ingest.IngestRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code inbox}: UP while the inbox is a writable directory (the ingest moves files into
 * .staging/, .done/, .held/ and .failed/ inside it) and the ingest gets through: every ingest route is
 * started, and no file has waited in .staging/ longer than {@code skillgap.ingest.stuck-after} (a release
 * process that died, or a database unreachable for that long). DOWN otherwise. Part of readiness.
 * Detail {@code leader}: whether this instance runs the inbox consumer now (one instance across the fleet does,
 * see {@link Leadership}); a follower with a healthy inbox folder is UP. An instance without the ingest role
 * (skillgap.roles) never looks at the inbox: UNKNOWN, which does not lower the aggregate status.
 */
@Component
public class InboxHealthIndicator implements HealthIndicator {

    private final Path inbox;
    private final CamelContext camel;
    private final Duration stuckAfter;
    private final boolean ingest;
    private final Leadership leadership;

    /** Only the folder checks (no routes to look at). */
    public InboxHealthIndicator(Path inbox) {
        this(inbox, null, Duration.ofDays(365_000));
    }

    /** An ingest instance, its leadership not reported. */
    public InboxHealthIndicator(Path inbox, CamelContext camel, Duration stuckAfter) {
        this(inbox, camel, stuckAfter, Roles.all(), null);
    }

    @Autowired
    public InboxHealthIndicator(@Value("${skillgap.inbox}") Path inbox, CamelContext camel,
                                @Value("${skillgap.ingest.stuck-after:10m}") Duration stuckAfter, Roles roles,
                                Leadership leadership) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.camel = camel;
        this.stuckAfter = stuckAfter;
        this.ingest = roles.has(Role.INGEST);
        this.leadership = leadership;
    }

    @Override
    public Health health() {
        if (!ingest) {
            return Health.unknown().withDetail("roles", "no ingest role (skillgap.roles): the inbox is not watched here")
                    .build();
        }
        Health.Builder health = new Health.Builder().withDetail("path", inbox.toString());
        if (leadership != null) {
            health.withDetail("leader", leadership.isLeader(Leadership.INBOX));
        }
        if (!Files.exists(inbox)) {
            return health.down().withDetail("error", "does not exist").build();
        }
        if (!Files.isDirectory(inbox)) {
            return health.down().withDetail("error", "is not a directory").build();
        }
        if (!Files.isWritable(inbox)) {
            return health.down().withDetail("error", "is not writable by this process").build();
        }
        InboxScanner scanner = new InboxScanner(inbox);
        InboxScanner.Counts counts = scanner.counts();
        health.withDetail("waiting", counts.waiting())
              .withDetail("staging", counts.staging())
              .withDetail("held", scanner.heldReleases())
              .withDetail("failed", counts.failed());
        if (camel != null && camel.getStatus() == ServiceStatus.Started) {
            for (String route : IngestRoutes.CONSUMERS) {
                ServiceStatus status = camel.getRouteController().getRouteStatus(route);
                if (status != ServiceStatus.Started) {
                    return health.down().withDetail("error", "ingest route " + route + " is "
                            + (status == null ? "missing" : status.name().toLowerCase())).build();
                }
            }
        }
        Optional<Instant> oldest = scanner.oldestStaged();
        if (oldest.isPresent() && Duration.between(oldest.get(), Instant.now()).compareTo(stuckAfter) > 0) {
            return health.down().withDetail("error", "a release has waited in .staging/ since " + oldest.get()
                    + ", longer than skillgap.ingest.stuck-after (" + stuckAfter + "): ingest is not getting"
                    + " through (see the log: database unreachable?)").build();
        }
        return health.up().build();
    }
}
