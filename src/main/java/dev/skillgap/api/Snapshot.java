package dev.skillgap.api;

import dev.skillgap.backtest.GateState;
import dev.skillgap.moves.CareerMoves;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable, complete view of what the API serves, read from the database in one consistent
 * transaction. Requests only read it; a refresh builds a new one and swaps the reference.
 */
public final class Snapshot {

    private final ReleaseInfo release;
    private final GateState gate;
    private final List<Skill> skills;
    private final Map<String, OccupationProfile> byCode;
    private final List<OccupationProfile> byTitle;
    private final int occupationsWithSkillData;
    private final Map<String, List<LevelAnchor>> anchors;
    private final Map<String, Integer> jobZones;
    private final Map<String, Map<String, String>> related;
    private final Map<String, float[]> textVectors;
    private final CareerMoves moves;

    Snapshot(ReleaseInfo release, GateState gate, List<Skill> skills, List<OccupationProfile> occupations,
             Map<String, List<LevelAnchor>> anchors) {
        this(release, gate, skills, occupations, anchors, Map.of(), Map.of(), Map.of(), null);
    }

    Snapshot(ReleaseInfo release, GateState gate, List<Skill> skills, List<OccupationProfile> occupations,
             Map<String, List<LevelAnchor>> anchors, Map<String, Integer> jobZones,
             Map<String, Map<String, String>> related, Map<String, float[]> textVectors, CareerMoves moves) {
        this.jobZones = Map.copyOf(jobZones);
        this.related = Map.copyOf(related);
        this.textVectors = Map.copyOf(textVectors);
        this.moves = moves;
        this.release = release;
        this.gate = gate;
        this.skills = List.copyOf(skills);
        Map<String, OccupationProfile> codes = new HashMap<>(occupations.size() * 2);
        for (OccupationProfile occupation : occupations) {
            codes.put(occupation.code(), occupation);
        }
        this.byCode = Map.copyOf(codes);
        List<OccupationProfile> titles = new ArrayList<>(occupations);
        titles.sort(Comparator.comparing(OccupationProfile::title).thenComparing(OccupationProfile::code));
        this.byTitle = List.copyOf(titles);
        this.occupationsWithSkillData = (int) occupations.stream().filter(OccupationProfile::hasSkillData).count();
        this.anchors = Map.copyOf(anchors);
    }

    /** The LV level anchors of a skill, lowest level first; empty when the release has none for it. */
    public List<LevelAnchor> anchors(String elementId) {
        return anchors.getOrDefault(elementId, List.of());
    }

    public ReleaseInfo release() {
        return release;
    }

    /** The quality gate this snapshot serves LLM levels by. */
    public GateState gate() {
        return gate;
    }

    public List<Skill> skills() {
        return skills;
    }

    /** The occupation with this O*NET-SOC code, or null. */
    public OccupationProfile occupation(String code) {
        return byCode.get(code);
    }

    public int occupationCount() {
        return byCode.size();
    }

    public int occupationsWithSkillData() {
        return occupationsWithSkillData;
    }

    /** The career-move ranking of the rated occupations, or null when the snapshot was built without it. */
    public CareerMoves moves() {
        return moves;
    }

    /** The occupation's job zone (1-5), or null when Job Zones.txt has none for it. */
    public Integer jobZone(String code) {
        return jobZones.get(code);
    }

    /** O*NET's related occupations of an occupation: code to tier, in O*NET's order. */
    public Map<String, String> related(String code) {
        return related.getOrDefault(code, Map.of());
    }

    /** O*NET's relatedness tier of {@code target} among {@code source}'s related occupations, or null. */
    public String relatedTier(String source, String target) {
        Map<String, String> tiers = related.get(source);
        return tiers == null ? null : tiers.get(target);
    }

    /** Whether occupation texts have embeddings (search and moves use the text signal). */
    public boolean hasTextEmbeddings() {
        return !textVectors.isEmpty();
    }

    /**
     * Free-text search ranked by relevance: exact title hits first, then codes starting with the text, then titles
     * containing it, then every other occupation whose embedding's cosine with the query's is at least
     * {@code minSimilarity}; within each group by that cosine, highest first (occupations without an embedding last).
     */
    public List<OccupationProfile> searchByRelevance(String text, float[] query, double minSimilarity) {
        String needle = text.toLowerCase(Locale.ROOT);
        record Hit(OccupationProfile occupation, int group, double similarity) {
        }
        List<Hit> hits = new ArrayList<>();
        for (OccupationProfile occupation : byTitle) {
            float[] vector = textVectors.get(occupation.code());
            double similarity = vector == null ? -2 : dot(vector, query);
            int group;
            if (occupation.searchableTitle().equals(needle)) {
                group = 0;
            } else if (occupation.code().startsWith(needle)) {
                group = 1;
            } else if (occupation.searchableTitle().contains(needle)) {
                group = 2;
            } else if (similarity >= minSimilarity) {
                group = 3;
            } else {
                continue;
            }
            hits.add(new Hit(occupation, group, similarity));
        }
        hits.sort(Comparator.comparingInt(Hit::group).thenComparing(Comparator.comparingDouble(Hit::similarity).reversed()));
        return hits.stream().map(Hit::occupation).toList();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Occupations whose title or code contains the text (case-insensitive), ordered by title. */
    public List<OccupationProfile> search(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return byTitle;
        }
        List<OccupationProfile> found = new ArrayList<>();
        for (OccupationProfile occupation : byTitle) {
            if (occupation.searchableTitle().contains(needle) || occupation.code().startsWith(needle)) {
                found.add(occupation);
            }
        }
        return found;
    }
}
