package dev.skillgap.ops;

import dev.skillgap.db.SqlFiles;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The read-only queries of the ops area; the SQL is in {@code sql/ops/}. */
@Component
public class OpsQueries {

    /** The row of the latest committed release, with how many releases were committed in all. */
    public record LatestRelease(long releaseId, String onetVersion, long occupations, long skills, long scales,
                                long occupationSkills, long durationMs, Instant loadedAt, long releasesCommitted) {
    }

    private static final String LATEST_RELEASE = SqlFiles.load("releases/latest");
    private static final String LV_PAIRS_BY_VALUE_SOURCE = SqlFiles.load("ops/lv-pairs-by-value-source");

    private final JdbcTemplate jdbc;

    public OpsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LatestRelease> latestRelease() {
        List<LatestRelease> rows = jdbc.query(LATEST_RELEASE, (rs, i) -> {
            Timestamp loadedAt = rs.getTimestamp("loaded_at");
            return new LatestRelease(rs.getLong("release_id"), rs.getString("onet_version"),
                    rs.getLong("occupations"), rs.getLong("skills"), rs.getLong("scales"),
                    rs.getLong("occupation_skills"), rs.getLong("duration_ms"),
                    loadedAt == null ? null : loadedAt.toInstant(), rs.getLong("releases_committed"));
        });
        return rows.stream().findFirst();
    }

    /** LV pairs per value_source (onet, llm, onet_fallback); absent sources are absent from the map. */
    public Map<String, Long> lvPairsByValueSource() {
        Map<String, Long> pairs = new HashMap<>();
        jdbc.query(LV_PAIRS_BY_VALUE_SOURCE, rs -> {
            pairs.put(rs.getString("value_source"), rs.getLong("pairs"));
        });
        return pairs;
    }

}
