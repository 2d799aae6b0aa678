package dev.skillgap.ingest;

import com.zaxxer.hikari.HikariDataSource;
import dev.skillgap.db.SqlFiles;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write phase of a load alone, in-process: parses data/onet/29.3/Skills.txt with {@link ReleaseFileParser}, then
 * writes its 61,530 rows to Occupation_Skills PASSES times with {@link ReleaseWriter} (batches of BATCH rows), each
 * time in a transaction that first deletes the table's rows and is rolled back at the end, so the database keeps what
 * it had. Per pass: wall time, the writing thread's CPU (Connector/J's client-side work), and the database server's
 * CPU when its pid is given (the rollback counts too). Mode {@code typed} binds with setString/setBigDecimal/... instead
 * of ReleaseWriter's setObject. The database needs the schema and the parent rows: one bench/load has loaded.
 * Modes {@code parse} and {@code csv} only read Skills.txt PASSES times (the parser, or commons-csv alone) and print
 * the JVM's CPU per pass (JIT and GC included); the database arguments are then not used.
 *
 * Usage: WriteBench jdbc-url user password BATCH PASSES [setObject|typed|parse|csv] [server-pid]
 * e.g. java -cp target/test-classes:target/classes:$(cat cp.txt) dev.skillgap.ingest.WriteBench \
 *   'jdbc:mysql://127.0.0.1:3306/skillgap_bench_load?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true' root '' 2000 6 setObject $(pgrep -o -x mariadbd)
 */
public final class WriteBench {

    private static final CSVFormat TSV = CSVFormat.DEFAULT.builder().setDelimiter('\t').setQuote(null)
            .setIgnoreEmptyLines(false).get();

    private WriteBench() {
    }

    public static void main(String[] args) throws Exception {
        int batch = Integer.parseInt(args[3]);
        int passes = Integer.parseInt(args[4]);
        boolean typed = args.length > 5 && args[5].equals("typed");
        long serverPid = args.length > 6 ? Long.parseLong(args[6]) : 0;
        Path file = Path.of("data/onet/29.3/Skills.txt");
        if (args.length > 5 && (args[5].equals("parse") || args[5].equals("csv"))) {
            for (int pass = 0; pass < passes; pass++) {
                long cpu0 = processCpuNanos();
                int rows = args[5].equals("parse") ? parse(file).size() : csvRecords(file);
                System.out.printf("%s pass %d: process CPU %d ms (%d rows)%n", args[5], pass,
                        (processCpuNanos() - cpu0) / 1_000_000, rows);
            }
            return;
        }
        List<Map<String, Object>> rows = parse(file);
        rows.forEach(row -> row.put("release_id", 1L));
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(args[0]);
            dataSource.setUsername(args[1]);
            dataSource.setPassword(args[2]);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            ReleaseWriter writer = new ReleaseWriter(jdbc, batch);
            ReleaseWriter.PositionalStatement statement = ReleaseWriter.PositionalStatement.of(SqlFiles.load("occupation-skills/upsert"));
            var threads = ManagementFactory.getThreadMXBean();
            for (int pass = 0; pass < passes; pass++) {
                long[] measured = new long[2];
                long server0 = ticks(serverPid);
                transaction.executeWithoutResult(status -> {
                    jdbc.update("DELETE FROM Occupation_Skills");
                    long wall0 = System.nanoTime();
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    if (typed) {
                        writeTyped(jdbc, statement, rows, batch);
                    } else {
                        writer.upsert(new ParsedRelease.TableRows("occupation-skills", rows));
                    }
                    measured[0] = (System.nanoTime() - wall0) / 1_000_000;
                    measured[1] = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
                    status.setRollbackOnly();
                });
                System.out.printf("%s batch %d pass %d: wall %d ms, client CPU %d ms, server CPU %s%n", typed ? "typed" : "setObject",
                        batch, pass, measured[0], measured[1], serverPid == 0 ? "-" : (ticks(serverPid) - server0) * 10 + " ms");
            }
        }
    }

    /** The typed rows of Skills.txt, as the release-process route makes them (camel-csv's settings, lazily). */
    private static List<Map<String, Object>> parse(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser csv = CSVParser.parse(reader, TSV)) {
            Iterator<CSVRecord> records = csv.iterator();
            Iterator<List<String>> fields = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public List<String> next() {
                    return records.next().toList();
                }
            };
            return new ReleaseFileParser(20).parse(new StagedFile(file, OnetFileKind.SKILLS, "-", "Skills.txt"), fields).rows();
        }
    }

    /** commons-csv alone: splits the file into records and fields, nothing typed. */
    private static int csvRecords(Path file) throws IOException {
        int records = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser csv = CSVParser.parse(reader, TSV)) {
            for (CSVRecord record : csv) {
                records += record.size() > 0 ? 1 : 0;
            }
        }
        return records;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void writeTyped(JdbcTemplate jdbc, ReleaseWriter.PositionalStatement statement,
                                   List<Map<String, Object>> rows, int batch) {
        List<String> columns = statement.columns();
        jdbc.batchUpdate(statement.sql(), rows, batch, (ps, row) -> {
            for (int i = 0; i < columns.size(); i++) {
                Object v = row.get(columns.get(i));
                if (v == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else if (v instanceof String s) {
                    ps.setString(i + 1, s);
                } else if (v instanceof BigDecimal d) {
                    ps.setBigDecimal(i + 1, d);
                } else if (v instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else if (v instanceof Long n) {
                    ps.setLong(i + 1, n);
                } else if (v instanceof LocalDate d) {
                    ps.setString(i + 1, d.toString());
                } else {
                    ps.setObject(i + 1, v);
                }
            }
        });
    }

    /** utime + stime of a process in clock ticks (10 ms), 0 without a pid. */
    private static long ticks(long pid) throws IOException {
        if (pid == 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
