package dev.skillgap.enrich;

import dev.skillgap.db.SqlFiles;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The LLM columns of Occupation_Skills (LV rows) and the score cache Llm_Skill_Scores. SQL: sql/llm/*.sql.
 * Every write that changes what the API serves bumps Data_Version in the same transaction.
 */
@Repository
public class LlmScoreRepository {

    public static final String SOURCE_LLM = "llm";
    public static final String SOURCE_FALLBACK = "onet_fallback";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String selectLvPairs = SqlFiles.load("llm/select-lv-pairs");
    private final String selectLvAnchors = SqlFiles.load("llm/select-lv-anchors");
    private final String selectCachedScores = SqlFiles.load("llm/select-cached-scores");
    private final String updatePairScore = SqlFiles.load("llm/update-pair-score");
    private final String insertCachedScore = SqlFiles.load("llm/insert-cached-score");
    private final String bumpDataVersion = SqlFiles.load("data-version/bump");

    public LlmScoreRepository(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** What was last stored for a pair, to tell whether its score still matches its inputs. */
    public record StoredScore(String valueSource, String inputHash, String model, String promptVersion) {

        public boolean matches(String currentHash, String currentModel, String currentPromptVersion) {
            return (SOURCE_LLM.equals(valueSource) || SOURCE_FALLBACK.equals(valueSource))
                    && currentHash.equals(inputHash)
                    && currentModel.equals(model)
                    && currentPromptVersion.equals(promptVersion);
        }
    }

    public record LvPair(SkillPair pair, StoredScore stored) {
    }

    /** The stored outcome of one pair: an LLM score (cached too) or the analyst value as marked fallback. */
    public record PairOutcome(SkillPair pair, BigDecimal dataValue, String valueSource, String rationale,
                              Instant scoredAt) {
    }

    /** Every LV pair of the loaded release with its prompt inputs, in occupation order. */
    public List<LvPair> loadLvPairs() {
        Map<String, List<LevelAnchor>> anchors = new HashMap<>();
        jdbc.query(selectLvAnchors, rs -> {
            anchors.computeIfAbsent(rs.getString("element_id"), k -> new ArrayList<>())
                    .add(new LevelAnchor(rs.getBigDecimal("anchor_value"), rs.getString("anchor_description")));
        });
        Map<String, Occupation> occupations = new LinkedHashMap<>();
        return jdbc.query(selectLvPairs, (rs, row) -> {
            Occupation occupation = occupations.computeIfAbsent(rs.getString("onetsoc_code"), code -> {
                try {
                    return new Occupation(code, rs.getString("occupation_title"),
                            rs.getString("occupation_description"));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String elementId = rs.getString("element_id");
            SkillPair pair = SkillPair.of(occupation, elementId, rs.getString("element_name"),
                    rs.getString("element_description"), anchors.getOrDefault(elementId, List.of()),
                    rs.getBigDecimal("onet_data_value"), rs.getBigDecimal("importance"),
                    rs.getBigDecimal("lower_ci_bound"), rs.getBigDecimal("upper_ci_bound"));
            return new LvPair(pair, new StoredScore(rs.getString("value_source"), rs.getString("input_hash"),
                    rs.getString("llm_model"), rs.getString("prompt_version")));
        });
    }

    /** Scores already obtained with this model and prompt version, by {@link #cacheKey}. */
    public Map<String, LevelScore> cachedScores(String model, String promptVersion) {
        Map<String, LevelScore> cached = new HashMap<>();
        jdbc.query(selectCachedScores, Map.of("model", model, "promptVersion", promptVersion), rs -> {
            cached.put(cacheKey(rs.getString("onetsoc_code"), rs.getString("element_id"), rs.getString("input_hash")),
                    new LevelScore(rs.getBigDecimal("level"), rs.getString("rationale")));
        });
        return cached;
    }

    public static String cacheKey(String onetsocCode, String elementId, String inputHash) {
        return onetsocCode + '|' + elementId + '|' + inputHash;
    }

    /**
     * Stores the outcomes of one batch in one transaction: the pairs' LLM columns, the new LLM scores in the cache,
     * and a Data_Version bump.
     */
    public void store(List<PairOutcome> outcomes, String model, String promptVersion, boolean cacheLlmScores) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> rows = new ArrayList<>();
        List<MapSqlParameterSource> cacheRows = new ArrayList<>();
        for (PairOutcome outcome : outcomes) {
            MapSqlParameterSource row = new MapSqlParameterSource()
                    .addValue("onetsocCode", outcome.pair().onetsocCode())
                    .addValue("elementId", outcome.pair().elementId())
                    .addValue("analystValue", outcome.pair().analystValue())
                    .addValue("dataValue", outcome.dataValue())
                    .addValue("level", outcome.dataValue())
                    .addValue("valueSource", outcome.valueSource())
                    .addValue("model", model)
                    .addValue("promptVersion", promptVersion)
                    .addValue("rationale", outcome.rationale())
                    .addValue("scoredAt", Timestamp.from(outcome.scoredAt()))
                    .addValue("inputHash", outcome.pair().inputHash());
            rows.add(row);
            if (cacheLlmScores && SOURCE_LLM.equals(outcome.valueSource())) {
                cacheRows.add(row);
            }
        }
        transaction.executeWithoutResult(status -> {
            jdbc.batchUpdate(updatePairScore, rows.toArray(MapSqlParameterSource[]::new));
            if (!cacheRows.isEmpty()) {
                jdbc.batchUpdate(insertCachedScore, cacheRows.toArray(MapSqlParameterSource[]::new));
            }
            jdbc.getJdbcTemplate().update(bumpDataVersion);
        });
    }

}
