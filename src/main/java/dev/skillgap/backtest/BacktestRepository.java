package dev.skillgap.backtest;

import dev.skillgap.db.SqlFiles;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Table Llm_Backtests (V5; SQL in sql/llm-backtests/): every backtest run, and the latest per model + prompt. */
@Repository
public class BacktestRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String insert = SqlFiles.load("llm-backtests/insert");
    private final String latestPerModel = SqlFiles.load("llm-backtests/latest-per-model");
    private final String bumpDataVersion = SqlFiles.load("data-version/bump");

    public BacktestRepository(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** The latest backtest of one model + prompt version, as the gate reads it. */
    public record StoredBacktest(String model, String promptVersion, String oldRelease, String newRelease,
                                 int occupations, int pairs, Double maeModel, Double maeRaw, Double delta,
                                 Double ci95Low, Double ci95High, String gate, String reason, Instant ranAt) {

        public boolean passed() {
            return GateState.PASS.equals(gate);
        }
    }

    /** Records the run and bumps Data_Version in one transaction, so every API instance re-reads the gate. */
    public void store(BacktestResult result, String reportJson) {
        BacktestFigures f = result.figures();
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("provider", result.provider())
                .addValue("model", result.model())
                .addValue("promptVersion", result.promptVersion())
                .addValue("oldRelease", result.oldRelease())
                .addValue("newRelease", result.newRelease())
                .addValue("occupations", f.occupations())
                .addValue("pairs", f.pairs())
                .addValue("maeModel", finite(f.maeModel()))
                .addValue("maeRaw", finite(f.maeRaw()))
                .addValue("delta", finite(f.delta()))
                .addValue("ci95Low", finite(f.ci95().low()))
                .addValue("ci95High", finite(f.ci95().high()))
                .addValue("gate", result.gate())
                .addValue("reason", abbreviate(result.reason()))
                .addValue("calls", result.calls())
                .addValue("reportJson", reportJson)
                .addValue("ranAt", Timestamp.from(result.ranAt()))
                .addValue("durationMs", result.durationMs());
        transaction.executeWithoutResult(status -> {
            jdbc.update(insert, row);
            jdbc.getJdbcTemplate().update(bumpDataVersion);
        });
    }

    /** The latest run of every model + prompt version (in the caller's transaction, if any). */
    public List<StoredBacktest> latestPerModel() {
        return jdbc.getJdbcTemplate().query(latestPerModel, (rs, i) -> new StoredBacktest(
                rs.getString("llm_model"), rs.getString("prompt_version"), rs.getString("old_release"),
                rs.getString("new_release"), rs.getInt("occupations"), rs.getInt("pairs"),
                rs.getObject("mae_model", Double.class), rs.getObject("mae_raw", Double.class),
                rs.getObject("delta", Double.class), rs.getObject("ci95_low", Double.class),
                rs.getObject("ci95_high", Double.class), rs.getString("gate"), rs.getString("reason"),
                rs.getTimestamp("ran_at").toInstant()));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
