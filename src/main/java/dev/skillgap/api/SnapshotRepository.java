package dev.skillgap.api;

import dev.skillgap.backtest.GateState;
import dev.skillgap.backtest.QualityGate;
import dev.skillgap.db.SqlFiles;
import dev.skillgap.moves.CareerMoves;
import dev.skillgap.moves.MovesProperties;
import dev.skillgap.moves.TextEmbedder;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads everything the API serves (SQL in sql/api/) in ONE read-only REPEATABLE READ transaction:
 * InnoDB answers every query from the same consistent read view, so the Data_Version read first
 * is exactly the version of the rows read after it, even while a load or an LLM batch commits.
 */
@Repository
public class SnapshotRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate consistentRead;
    private final QualityGate gate;
    private final String dataVersionSql = SqlFiles.load("data-version/current");
    private final String latestReleaseSql = SqlFiles.load("releases/latest");
    private static final String SKILLS_SQL = SqlFiles.load("api/skills");
    private static final String OCCUPATIONS_SQL = SqlFiles.load("api/occupations");
    private static final String OCCUPATION_SKILLS_SQL = SqlFiles.load("api/occupation-skills");
    private static final String JOB_ZONES_SQL = SqlFiles.load("api/job-zones");
    private static final String RELATED_SQL = SqlFiles.load("api/related-occupations");
    private static final String EMBEDDINGS_SQL = SqlFiles.load("api/text-embeddings");
    private final CareerMoves.Weights weights;
    /** The enrich area's query of the LV anchors (the prompt shows them too): one query for one question. */
    private static final String LEVEL_ANCHORS_SQL = SqlFiles.load("llm/select-lv-anchors");
    /** Runs between the Data_Version read and the row reads; lets a test commit a change right there. */
    private Runnable afterVersionRead = () -> { };

    public SnapshotRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, QualityGate gate,
                              MovesProperties moves) {
        this.jdbc = jdbc;
        this.weights = CareerMoves.Weights.of(moves.weights());
        this.gate = gate;
        this.consistentRead = new TransactionTemplate(transactionManager);
        consistentRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        consistentRead.setReadOnly(true);
    }

    /** The current Data_Version.version (cheap; polled to decide whether to rebuild). */
    public long dataVersion() {
        Long version = jdbc.queryForObject(dataVersionSql, Long.class);
        return version == null ? 0 : version;
    }

    public Snapshot load() {
        return load(null);
    }

    /** Reads a snapshot; the previous one's career-move ranking is reused when its inputs did not change. */
    public Snapshot load(Snapshot previous) {
        return consistentRead.execute(status -> {
            long version = dataVersion();
            afterVersionRead.run();
            List<ReleaseInfo> releases = jdbc.query(latestReleaseSql, (rs, i) -> {
                Timestamp loadedAt = rs.getTimestamp("loaded_at");
                return new ReleaseInfo(rs.getString("onet_version"), rs.getLong("release_id"),
                        loadedAt == null ? null : loadedAt.toInstant(), version);
            });
            ReleaseInfo release = releases.isEmpty() ? new ReleaseInfo(null, null, null, version) : releases.get(0);
            GateState gateState = gate.read(); // same read view: the gate matches the rows
            SnapshotBuilder builder = new SnapshotBuilder(release, gateState);
            readRows(jdbc, builder);
            return builder.build(weights, previous);
        });
    }

    /**
     * The row reads of a snapshot (skills first: their order fixes the rating indexes), in the caller's transaction.
     * Also used by bench/moves (dev.skillgap.api.MovesBench) to read what a snapshot is built from.
     */
    static void readRows(JdbcTemplate jdbc, SnapshotBuilder builder) {
        jdbc.query(SKILLS_SQL, rs -> {
            builder.addSkill(rs.getString("element_id"), rs.getString("element_name"));
        });
        jdbc.query(OCCUPATIONS_SQL, rs -> {
            builder.addOccupation(rs.getString("onetsoc_code"), rs.getString("title"), rs.getString("description"));
        });
        jdbc.query(OCCUPATION_SKILLS_SQL, rs -> {
            builder.addRating(rs.getString("onetsoc_code"), rs.getString("element_id"), rs.getString("scale_id"),
                    rs.getBigDecimal("data_value"), rs.getBigDecimal("onet_data_value"),
                    rs.getString("value_source"), rs.getString("llm_model"), rs.getString("prompt_version"));
        });
        jdbc.query(JOB_ZONES_SQL, rs -> {
            builder.addJobZone(rs.getString("onetsoc_code"), rs.getInt("job_zone"));
        });
        jdbc.query(RELATED_SQL, rs -> {
            builder.addRelated(rs.getString("onetsoc_code"), rs.getString("related_onetsoc_code"),
                    rs.getString("relatedness_tier"));
        });
        jdbc.query(EMBEDDINGS_SQL, rs -> {
            builder.addEmbedding(rs.getString("text_sha256"), rs.getBytes("vector"));
        }, TextEmbedder.MODEL_NAME);
        jdbc.query(LEVEL_ANCHORS_SQL, rs -> {
            builder.addAnchor(rs.getString("element_id"), rs.getBigDecimal("anchor_value"),
                    rs.getString("anchor_description"));
        });
    }

    void afterVersionRead(Runnable hook) {
        this.afterVersionRead = hook;
    }

}
