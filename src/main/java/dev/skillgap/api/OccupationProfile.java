package dev.skillgap.api;

import java.util.Locale;

/**
 * One occupation of a snapshot with its ratings, indexed by {@link Skill#index()}. Arrays are
 * never modified after the snapshot is built. Values are hundredths, {@link Hundredths#ABSENT}
 * where O*NET has no row.
 */
public final class OccupationProfile {

    private final String code;
    private final String title;
    private final String description;
    private final String searchableTitle;
    private final int[] levelServed;
    private final int[] levelOnet;
    private final String[] levelSource;
    private final int[] importance;
    private final int levelCount;
    private final boolean levelsAllScored;

    OccupationProfile(String code, String title, String description, int[] levelServed, int[] levelOnet,
                      String[] levelSource, int[] importance) {
        this.code = code;
        this.title = title;
        this.description = description;
        this.searchableTitle = title.toLowerCase(Locale.ROOT);
        this.levelServed = levelServed;
        this.levelOnet = levelOnet;
        this.levelSource = levelSource;
        this.importance = importance;
        int count = 0;
        boolean allScored = true;
        for (int i = 0; i < levelServed.length; i++) {
            if (levelServed[i] != Hundredths.ABSENT) {
                count++;
                allScored &= ValueBasis.isScored(levelSource[i]);
            }
        }
        this.levelCount = count;
        this.levelsAllScored = allScored;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    String searchableTitle() {
        return searchableTitle;
    }

    public boolean hasLevel(int skill) {
        return levelServed[skill] != Hundredths.ABSENT;
    }

    /** The LV value to compare on the given basis, in hundredths. */
    public int level(int skill, ValueBasis basis) {
        return basis == ValueBasis.LLM ? levelServed[skill] : levelOnet[skill];
    }

    public int levelServed(int skill) {
        return levelServed[skill];
    }

    public int levelOnet(int skill) {
        return levelOnet[skill];
    }

    /** value_source of the LV row: onet, llm or onet_fallback; null when absent. */
    public String levelSource(int skill) {
        return levelSource[skill];
    }

    public int importance(int skill) {
        return importance[skill];
    }

    public boolean hasImportance(int skill) {
        return importance[skill] != Hundredths.ABSENT;
    }

    /** Whether O*NET rates this occupation's skills at all (15-1252.00 has no rows in 29.x). */
    public boolean hasSkillData() {
        return levelCount > 0;
    }

    /** True when every LV row is served as an LLM level (llm, gate passed); vacuously true without rows. */
    public boolean levelsAllScored() {
        return levelsAllScored;
    }
}
