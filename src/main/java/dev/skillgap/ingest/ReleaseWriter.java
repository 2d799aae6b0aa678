package dev.skillgap.ingest;

import dev.skillgap.db.SqlFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the validated rows of one table inside the release-load transaction: the statement of
 * {@code sql/<table>/upsert.sql}, its {@code :#column} parameters bound by position from each row, sent in JDBC
 * batches of {@code skillgap.ingest.write-batch-size} rows, which Connector/J sends as multi-row INSERTs
 * ({@code rewriteBatchedStatements}, set on every connection of the pool).
 * <p>
 * Replaces camel-sql's {@code batch=true}, which sent a table as ONE JDBC batch: the driver then held every row's
 * bindings and the rewritten multi-row statements at once (the load's heap peak; 29.3 did not load in a 256 MB
 * heap). Here the table goes in bounded batches, bound by index with {@code setObject} from the row maps. Measured
 * with bench/load (README, Operations, memory and loading): JVM CPU-seconds of a first 29.3 load 12.2 -> 9.0 with
 * this and {@link RowValues}, and the load fits a 128 MB heap. The SQL stays in its file, in camel-sql's
 * {@code :#column} notation.
 */
@Component
public class ReleaseWriter {

    private static final Logger log = LoggerFactory.getLogger(ReleaseWriter.class);
    private static final Pattern NAMED_PARAMETER = Pattern.compile(":#(\\w+)");

    /** A statement with its named parameters replaced by {@code ?}, and the row column each one takes. */
    record PositionalStatement(String sql, List<String> columns) {

        static PositionalStatement of(String namedSql) {
            List<String> columns = new ArrayList<>();
            Matcher m = NAMED_PARAMETER.matcher(namedSql);
            StringBuilder sql = new StringBuilder();
            while (m.find()) {
                columns.add(m.group(1));
                m.appendReplacement(sql, "?");
            }
            m.appendTail(sql);
            return new PositionalStatement(sql.toString(), List.copyOf(columns));
        }
    }

    private final JdbcTemplate jdbc;
    private final int batchSize;
    private final Map<String, PositionalStatement> statements = new ConcurrentHashMap<>();

    public ReleaseWriter(JdbcTemplate jdbc, @Value("${skillgap.ingest.write-batch-size:2000}") int batchSize) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
    }

    /** Upserts the rows of one table with its {@code sql/<table>/upsert.sql}; returns the row count. */
    public int upsert(ParsedRelease.TableRows table) {
        long started = System.nanoTime();
        PositionalStatement statement = statements.computeIfAbsent(table.sqlFolder(),
                folder -> PositionalStatement.of(SqlFiles.load(folder + "/upsert")));
        List<String> columns = statement.columns();
        jdbc.batchUpdate(statement.sql(), table.rows(), batchSize, (ps, row) -> {
            for (int i = 0; i < columns.size(); i++) {
                ps.setObject(i + 1, row.get(columns.get(i)));
            }
        });
        log.info("Wrote {} rows to {} in {} ms", table.rows().size(), table.sqlFolder(),
                (System.nanoTime() - started) / 1_000_000);
        return table.rows().size();
    }
}
