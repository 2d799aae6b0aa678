package dev.skillgap.api;

import dev.skillgap.moves.CareerMoves;
import dev.skillgap.ops.DatabaseMigration;
import dev.skillgap.ops.Role;
import dev.skillgap.ops.Roles;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Holds the snapshot the API serves. A refresh builds the new snapshot completely and then swaps
 * one volatile reference, so a request sees the old data or the new data, never a mix. Every
 * instance polls Data_Version (route api-snapshot-poll), so instances on one database converge.
 */
@Component("apiSnapshots")
@DependsOnDatabaseInitialization
public class ApiSnapshots implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ApiSnapshots.class);

    private final SnapshotRepository repository;
    private final BooleanSupplier schemaReady;
    private final boolean serving;
    private volatile Snapshot served;

    public ApiSnapshots(SnapshotRepository repository) {
        this(repository, () -> true, true);
    }

    /**
     * @param schemaReady whether the schema is migrated (or, on an api-only instance, validated): until then no
     *                    snapshot is loaded and the API answers 503, as with the database down
     * @param serving     whether this instance has the api role; a worker (ingest, llm) loads no snapshot
     */
    @Autowired
    public ApiSnapshots(SnapshotRepository repository, DatabaseMigration schema, Roles roles) {
        this(repository, schema::isMigrated, roles.has(Role.API));
    }

    ApiSnapshots(SnapshotRepository repository, BooleanSupplier schemaReady, boolean serving) {
        this.repository = repository;
        this.schemaReady = schemaReady;
        this.serving = serving;
    }

    /** Loads the first snapshot before the HTTP port opens; if the database is down the poll retries. */
    @Override
    public void afterPropertiesSet() {
        if (!serving) {
            log.info("No snapshot loaded: this instance has no api role (skillgap.roles)");
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Initial snapshot load failed, the poll will retry: {}", e.toString());
        }
    }

    /** The snapshot to answer from, or null while none could be loaded yet. */
    public Snapshot current() {
        return served;
    }

    /** Data_Version of the served snapshot, -1 before the first load. */
    public long servedVersion() {
        Snapshot snapshot = served;
        return snapshot == null ? -1 : snapshot.release().dataVersion();
    }

    /** Swaps the served snapshot in one step; package-private so tests can serve a faulty one. */
    void serve(Snapshot next) {
        served = next;
    }

    public long databaseVersion() {
        return repository.dataVersion();
    }

    public synchronized void refresh() {
        if (!schemaReady.getAsBoolean()) {
            throw new IllegalStateException("the database schema is not at this build's version yet (health component"
                    + " databaseSchema)");
        }
        long started = System.nanoTime();
        long previous = servedVersion();
        Snapshot before = served;
        Snapshot next = repository.load(before);
        serve(next);
        CareerMoves moves = next.moves();
        log.info("Snapshot data_version {} -> {} (release {}, O*NET {}): {} occupations, {} with skill data, {} skills in {} ms;"
                        + " career moves {}",
                previous, next.release().dataVersion(), next.release().releaseId(), next.release().onetVersion(),
                next.occupationCount(), next.occupationsWithSkillData(), next.skills().size(),
                (System.nanoTime() - started) / 1_000_000,
                moves == null ? "none" : before != null && before.moves() == moves ? "kept (same inputs)"
                        : "prepared for " + moves.size() + " occupations by " + moves.signals() + " in " + moves.buildMillis()
                        + " ms (each ranked on its first request)");
    }
}
