package dev.skillgap.backtest;

import dev.skillgap.ingest.OnetFileKind;
import dev.skillgap.enrich.LevelAnchor;
import dev.skillgap.enrich.Occupation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the backtest needs of one O*NET release folder, from the rows {@link dev.skillgap.ingest.ReleaseFileParser}
 * typed: occupations, the IM and LV rating of every occupation-skill pair, and the skill catalogue (Content Model
 * Reference descriptions, LV anchors) when the folder has it.
 */
public final class BacktestRelease {

    /** Domain Source of ratings imputed from predecessor occupations at the SOC 2019 change: not a panel. */
    static final String TRANSITION = "analyst - transition";

    /** One skill of one occupation: its LV and IM rows. */
    public record SkillRatings(String elementName, BigDecimal level, BigDecimal levelLower, BigDecimal levelUpper,
                               BigDecimal importance, boolean transition) {
    }

    private final Path folder;
    private final String version;
    private final Map<String, Occupation> occupations = new HashMap<>();
    /** code -> element_id -> ratings, both in Element ID order (the order the pass asks in). */
    private final Map<String, Map<String, SkillRatings>> ratings = new TreeMap<>();
    private final Map<String, String> descriptions = new HashMap<>();
    private final Map<String, List<LevelAnchor>> levelAnchors = new HashMap<>();
    private final boolean hasCatalogue;

    BacktestRelease(Path folder, String version, Map<OnetFileKind, List<Map<String, Object>>> rows) {
        this.folder = folder;
        this.version = version;
        for (Map<String, Object> row : rows.getOrDefault(OnetFileKind.OCCUPATIONS, List.of())) {
            String code = (String) row.get("onetsoc_code");
            occupations.put(code, new Occupation(code, (String) row.get("title"), (String) row.get("description")));
        }
        Map<String, Map<String, Map<String, Map<String, Object>>>> byScale = new HashMap<>();
        for (Map<String, Object> row : rows.getOrDefault(OnetFileKind.SKILLS, List.of())) {
            byScale.computeIfAbsent((String) row.get("onetsoc_code"), k -> new HashMap<>())
                    .computeIfAbsent((String) row.get("element_id"), k -> new HashMap<>())
                    .put((String) row.get("scale_id"), row);
        }
        byScale.forEach((code, elements) -> elements.forEach((elementId, scales) -> {
            Map<String, Object> lv = scales.get("LV");
            if (lv == null) {
                return; // only LV pairs are scored
            }
            Map<String, Object> im = scales.get("IM");
            boolean transition = isTransition(lv) || (im != null && isTransition(im));
            ratings.computeIfAbsent(code, k -> new TreeMap<>()).put(elementId, new SkillRatings(
                    (String) lv.get("element_name"), (BigDecimal) lv.get("data_value"),
                    (BigDecimal) lv.get("lower_ci_bound"), (BigDecimal) lv.get("upper_ci_bound"),
                    im == null ? null : (BigDecimal) im.get("data_value"), transition));
        }));
        for (Map<String, Object> row : rows.getOrDefault(OnetFileKind.CONTENT_MODEL, List.of())) {
            descriptions.put((String) row.get("element_id"), (String) row.get("description"));
        }
        for (Map<String, Object> row : rows.getOrDefault(OnetFileKind.LEVEL_SCALE_ANCHORS, List.of())) {
            if ("LV".equals(row.get("scale_id"))) {
                levelAnchors.computeIfAbsent((String) row.get("element_id"), k -> new ArrayList<>())
                        .add(new LevelAnchor((BigDecimal) row.get("anchor_value"),
                                (String) row.get("anchor_description")));
            }
        }
        levelAnchors.values().forEach(list -> list.sort(Comparator.comparing(LevelAnchor::value)));
        this.hasCatalogue = rows.containsKey(OnetFileKind.CONTENT_MODEL)
                || rows.containsKey(OnetFileKind.LEVEL_SCALE_ANCHORS);
    }

    private static boolean isTransition(Map<String, Object> row) {
        Object source = row.get("domain_source");
        return source != null && source.toString().toLowerCase(Locale.ROOT).equals(TRANSITION);
    }

    public Path folder() {
        return folder;
    }

    /** The O*NET version its Read Me / README names, else the folder's name. */
    public String version() {
        return version;
    }

    public Occupation occupation(String code) {
        return occupations.get(code);
    }

    /** code -> element_id -> LV (and IM) ratings of every occupation with LV rows. */
    public Map<String, Map<String, SkillRatings>> ratings() {
        return ratings;
    }

    /** Whether any of the occupation's rows is an imputed {@code Analyst - Transition} rating. */
    public boolean isTransition(String code) {
        Map<String, SkillRatings> skills = ratings.get(code);
        return skills != null && skills.values().stream().anyMatch(SkillRatings::transition);
    }

    public boolean hasCatalogue() {
        return hasCatalogue;
    }

    /** Content Model Reference description ('' when absent, as the pass's query has it). */
    public String description(String elementId) {
        return descriptions.getOrDefault(elementId, "");
    }

    public List<LevelAnchor> levelAnchors(String elementId) {
        return levelAnchors.getOrDefault(elementId, List.of());
    }

    public int occupationsWithRatings() {
        return ratings.size();
    }
}
