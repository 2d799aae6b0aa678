package dev.skillgap.api;

/**
 * Which LV values a comparison uses. Both occupations must be on the same basis, or a gap would
 * mix LLM scores with analyst values: LLM when every LV row of both occupations is served as an LLM
 * level (value_source llm, from a model + prompt version the quality gate lets through), otherwise
 * the O*NET analyst values of both. An onet_fallback row is an analyst value the LLM failed to
 * replace: it never counts as an LLM level, so an occupation with one is compared on analyst values.
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
        return dev.skillgap.enrich.LlmScoreRepository.SOURCE_LLM.equals(valueSource);
    }

    public static ValueBasis of(OccupationProfile from, OccupationProfile to) {
        return from.levelsAllScored() && to.levelsAllScored() ? LLM : ONET;
    }

    /** Where the compared number of a row came from: on the O*NET basis always the analyst value. */
    public String sourceOf(OccupationProfile occupation, int skill) {
        return this == LLM ? occupation.levelSource(skill) : "onet";
    }
}
