package dev.skillgap.ingest;

import dev.skillgap.db.SqlFiles;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Release bookkeeping (Releases, Release_Files, Data_Version) and the look-ups of the loaded data that
 * validation needs. The table rows themselves are written by the release-load route (sql/&lt;table&gt;/).
 */
@Repository
public class ReleaseRepository {

    public static final String RELEASE_ID_HEADER = "SkillGapReleaseId";
    private static final Logger log = LoggerFactory.getLogger(ReleaseRepository.class);

    private static final String INSERT_RELEASE = SqlFiles.load("releases/insert");
    private static final String FINISH_RELEASE = SqlFiles.load("releases/finish");
    private static final String LOADED_FILES = SqlFiles.load("releases/loaded-files");
    private static final String RECORD_FILE = SqlFiles.load("releases/record-file");
    private static final String BUMP_DATA_VERSION = SqlFiles.load("data-version/bump");

    private final JdbcTemplate jdbc;

    public ReleaseRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True when every staged file is byte-identical to the file its table was last loaded from. */
    public boolean isAlreadyLoaded(StagedRelease staged) {
        if (staged.files().isEmpty()) {
            return false;
        }
        Map<String, String> loaded = new HashMap<>();
        jdbc.query(LOADED_FILES,
                rs -> {
                    loaded.put(rs.getString(1), rs.getString(2));
                });
        return staged.files().stream().allMatch(f -> Objects.equals(loaded.get(f.kind().name()), f.sha256()));
    }

    /** Opens the release: its Releases row, and its id on every row and in a header. Runs inside the load transaction. */
    public void begin(ParsedRelease release, Exchange exchange) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(INSERT_RELEASE, Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, release.staged().onetVersion());
            ps.setString(2, fingerprint(release.staged()));
            return ps;
        }, key);
        long releaseId = Objects.requireNonNull(key.getKey()).longValue();
        release.assignRelease(releaseId);
        exchange.getMessage().setHeader(RELEASE_ID_HEADER, releaseId);
    }

    /** Closes the release inside the load transaction: totals, file hashes, and a new data version for the API. */
    public void finish(ParsedRelease release, Exchange exchange) {
        long releaseId = exchange.getMessage().getHeader(RELEASE_ID_HEADER, Long.class);
        jdbc.update(FINISH_RELEASE, release.elapsedMillis(), releaseId);
        for (StagedFile file : release.staged().files()) {
            jdbc.update(RECORD_FILE, file.kind().name(), file.fileName(), file.sha256(),
                    release.rows(file.kind()).size(), releaseId);
        }
        bumpDataVersion();
        log.info("Loaded release {} (O*NET {}): {} in {} ms", releaseId,
                Objects.requireNonNullElse(release.staged().onetVersion(), "version unknown"),
                release.summary(), release.elapsedMillis());
    }

    /** Tells every app instance that what the API serves has changed. Call inside the changing transaction. */
    public void bumpDataVersion() {
        jdbc.update(BUMP_DATA_VERSION);
    }

    /** The key of every loaded row of a table (see {@link ReleaseValidator#KEY_COLUMNS}), from sql/&lt;table&gt;/loaded-keys.sql. */
    Set<String> loadedKeys(String sqlFolder) {
        Set<String> keys = new HashSet<>();
        jdbc.query(SqlFiles.load(sqlFolder + "/loaded-keys"), rs -> {
            int columns = rs.getMetaData().getColumnCount();
            List<Object> values = new java.util.ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                values.add(rs.getObject(i));
            }
            keys.add(ReleaseValidator.key(values));
        });
        return keys;
    }

    Map<String, BigDecimal[]> loadedScaleRanges() {
        Map<String, BigDecimal[]> ranges = new HashMap<>();
        jdbc.query("SELECT scale_id, minimum, maximum FROM Scales",
                rs -> {
                    ranges.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
                });
        return ranges;
    }

    Set<String> loadedOccupationCodes() {
        return new HashSet<>(jdbc.queryForList("SELECT onetsoc_code FROM Occupations", String.class));
    }

    Set<String> loadedContentModelElements() {
        return new HashSet<>(jdbc.queryForList("SELECT element_id FROM Content_Model_Reference", String.class));
    }

    List<String> occupationCodesWithSkills() {
        return jdbc.queryForList("SELECT DISTINCT onetsoc_code FROM Occupation_Skills", String.class);
    }

    List<String> scaleIdsWithSkills() {
        return jdbc.queryForList("SELECT DISTINCT scale_id FROM Occupation_Skills", String.class);
    }

    private static String fingerprint(StagedRelease staged) {
        StringBuilder all = new StringBuilder();
        staged.files().forEach(f -> all.append(f.kind()).append(':').append(f.sha256()).append('\n'));
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(digest.digest(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
