package dev.skillgap.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code inbox}: UP while the inbox is a writable directory (the ingest moves
 * files into .staging/, .done/ and .failed/ inside it), DOWN otherwise. Part of readiness.
 */
@Component
public class InboxHealthIndicator implements HealthIndicator {

    private final Path inbox;

    public InboxHealthIndicator(@Value("${skillgap.inbox}") Path inbox) {
        this.inbox = inbox.toAbsolutePath().normalize();
    }

    @Override
    public Health health() {
        Health.Builder health = new Health.Builder().withDetail("path", inbox.toString());
        if (!Files.exists(inbox)) {
            return health.down().withDetail("error", "does not exist").build();
        }
        if (!Files.isDirectory(inbox)) {
            return health.down().withDetail("error", "is not a directory").build();
        }
        if (!Files.isWritable(inbox)) {
            return health.down().withDetail("error", "is not writable by this process").build();
        }
        InboxScanner.Counts counts = new InboxScanner(inbox).counts();
        return health.up()
                .withDetail("waiting", counts.waiting())
                .withDetail("staging", counts.staging())
                .withDetail("failed", counts.failed())
                .build();
    }
}
