package dev.skillgap.api;

import dev.skillgap.backtest.GateState;
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

    Snapshot(ReleaseInfo release, GateState gate, List<Skill> skills, List<OccupationProfile> occupations,
             Map<String, List<LevelAnchor>> anchors) {
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
