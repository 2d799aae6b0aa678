package dev.skillgap.ops;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Flyway at startup without making the database a start condition. Spring Boot runs the migration
 * while the context starts and the app exits when the database does not answer; this strategy tries
 * once, and if the database is unreachable (a connection failure, nothing else) the app starts anyway:
 * the API answers 503 (no snapshot), /actuator/health is DOWN (db, databaseSchema), and a background
 * thread retries the migration with a logged, bounded backoff (1 s doubling to at most 30 s) until the
 * database answers. Any other Flyway failure (a bad or changed migration) still stops the app, and so
 * does an unreachable database in run mode load-and-exit (a one-shot ETL run should fail, not wait).
 * Also the "databaseSchema" health component (in readiness): DOWN until the schema is migrated.
 */
@Component("databaseSchema")
public class DatabaseMigration implements FlywayMigrationStrategy, HealthIndicator {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DatabaseMigration.class);

    private final AtomicReference<String> state = new AtomicReference<>("not migrated yet");
    private final RunMode runMode;
    private volatile boolean migrated;

    public DatabaseMigration(RunMode runMode) {
        this.runMode = runMode;
    }

    @Override
    public void migrate(Flyway flyway) {
        try {
            migrateNow(flyway);
        } catch (RuntimeException e) {
            if (!isConnectionFailure(e) || runMode == RunMode.LOAD_AND_EXIT) {
                throw e; // a one-shot ETL run without its database fails at once (exit 1) instead of waiting
            }
            state.set("waiting for the database: " + rootMessage(e));
            log.warn("Database unreachable at startup ({}): starting without it, the API answers 503 until the"
                    + " schema is migrated; retrying in {} s", rootMessage(e), FIRST_RETRY.toSeconds());
            Thread retry = new Thread(() -> retryUntilMigrated(flyway), "flyway-retry");
            retry.setDaemon(true);
            retry.start();
        }
    }

    private void migrateNow(Flyway flyway) {
        long started = System.nanoTime();
        var result = flyway.migrate();
        migrated = true;
        state.set("migrated to version " + result.targetSchemaVersion);
        log.info("Database schema at version {} ({} migration(s) applied) in {} ms",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000);
    }

    private void retryUntilMigrated(Flyway flyway) {
        Duration wait = FIRST_RETRY;
        int attempt = 1;
        while (!migrated) {
            try {
                Thread.sleep(wait.toMillis());
                attempt++;
                migrateNow(flyway);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
                state.set((isConnectionFailure(e) ? "waiting for the database: " : "migration failed: ") + rootMessage(e));
                log.warn("Database migration attempt {} failed ({}); retrying in {} s", attempt, rootMessage(e),
                        wait.toSeconds());
            }
        }
    }

    public boolean isMigrated() {
        return migrated;
    }

    @Override
    public Health health() {
        return (migrated ? Health.up() : Health.down()).withDetail("schema", state.get()).build();
    }

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || cause.getClass().getName().endsWith("CommunicationsException")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
