package dev.skillgap.ops;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
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
 *
 * <p>An instance that does not write ({@link Roles#writes()} false: role api only) never migrates: it runs Flyway's
 * validate, which only reads flyway_schema_history, so it works with a read-only user and on a read replica. A schema
 * behind this build (a migration not applied yet, or an empty database) is then handled like an unreachable database:
 * the app starts, says so in the log and in the health details, answers 503, and validates again with the same
 * backoff until a writer instance has migrated it (or the replica has caught up).
 */
@Component("databaseSchema")
public class DatabaseMigration implements FlywayMigrationStrategy, HealthIndicator {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DatabaseMigration.class);

    private final AtomicReference<String> state = new AtomicReference<>("not migrated yet");
    private final RunMode runMode;
    private final boolean validateOnly;
    private volatile boolean migrated;

    public DatabaseMigration(RunMode runMode, Roles roles) {
        this.runMode = runMode;
        this.validateOnly = !roles.writes();
    }

    @Override
    public void migrate(Flyway flyway) {
        try {
            migrateNow(flyway);
        } catch (RuntimeException e) {
            boolean behind = validateOnly && isSchemaBehind(e);
            if (!(isConnectionFailure(e) || behind) || runMode == RunMode.LOAD_AND_EXIT) {
                throw e; // a one-shot ETL run without its database fails at once (exit 1) instead of waiting
            }
            state.set(waitingFor(e));
            log.warn("{} at startup ({}): starting without it, the API answers 503 until the schema is {}; retrying in"
                    + " {} s", behind ? "Database schema behind this build (api-only instance: validate only, a"
                    + " writer instance migrates it)" : "Database unreachable", rootMessage(e),
                    validateOnly ? "validated" : "migrated", FIRST_RETRY.toSeconds());
            Thread retry = new Thread(() -> retryUntilMigrated(flyway), "flyway-retry");
            retry.setDaemon(true);
            retry.start();
        }
    }

    private void migrateNow(Flyway flyway) {
        long started = System.nanoTime();
        if (validateOnly) {
            // reads flyway_schema_history only (never creates it); migrations of a newer build are ignored (Flyway's
            // default ignore pattern *:future), so an older api instance keeps serving during a rolling upgrade
            var result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                boolean behind = (result.errorDetails != null
                        && result.errorDetails.errorCode == CoreErrorCode.SCHEMA_DOES_NOT_EXIST)
                        || (!result.invalidMigrations.isEmpty() && result.invalidMigrations.stream()
                        .allMatch(m -> m.errorDetails != null
                                && m.errorDetails.errorCode == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED));
                String missing = result.invalidMigrations.stream().map(m -> m.version).collect(Collectors.joining(", "));
                throw behind ? new SchemaBehindException("migration(s) " + missing + " not applied yet")
                        : new IllegalStateException("Database schema does not match this build: "
                                + result.getAllErrorMessages());
            }
            migrated = true;
            String version = String.valueOf(flyway.info().current() == null ? null : flyway.info().current().getVersion());
            state.set("validated at version " + version + " (api-only instance: never migrates)");
            log.info("Database schema validated at version {} (api-only instance: validate only, no migration) in {} ms",
                    version, (System.nanoTime() - started) / 1_000_000);
            return;
        }
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
                state.set(waitingFor(e));
                log.warn("Database {} attempt {} failed ({}); retrying in {} s", validateOnly ? "schema validation"
                        : "migration", attempt, rootMessage(e), wait.toSeconds());
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

    private String waitingFor(RuntimeException e) {
        if (isConnectionFailure(e)) {
            return "waiting for the database: " + rootMessage(e);
        }
        if (validateOnly && isSchemaBehind(e)) {
            return "schema behind this build, waiting for a writer instance (role ingest or llm) to migrate it: "
                    + rootMessage(e);
        }
        return "migration failed: " + rootMessage(e);
    }

    /** Flyway's validate found migrations of this build not applied yet (an empty database: all of them). */
    static boolean isSchemaBehind(Throwable failure) {
        return failure instanceof SchemaBehindException;
    }

    /** The schema lacks migrations of this build: an api-only instance waits for a writer to apply them. */
    static final class SchemaBehindException extends IllegalStateException {
        SchemaBehindException(String message) {
            super(message);
        }
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
