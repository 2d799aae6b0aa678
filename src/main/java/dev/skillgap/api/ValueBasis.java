package dev.skillgap.api;

/**
 * Which LV values a comparison uses. Both occupations must be on the same basis, or a gap would
 * mix LLM scores with analyst values: LLM when every LV row of both occupations was scored by the
 * LLM (value_source llm or onet_fallback), otherwise the O*NET analyst values of both.
 */
public enum ValueBasis {
    LLM("llm"),
    ONET("onet");

    private final String json;

    ValueBasis(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    static boolean isScored(String valueSource) {
        return "llm".equals(valueSource) || "onet_fallback".equals(valueSource);
    }

    public static ValueBasis of(OccupationProfile from, OccupationProfile to) {
        return from.levelsAllScored() && to.levelsAllScored() ? LLM : ONET;
    }

    /** Where the compared number of a row came from: on the O*NET basis always the analyst value. */
    public String sourceOf(OccupationProfile occupation, int skill) {
        return this == LLM ? occupation.levelSource(skill) : "onet";
    }
}
