package dev.skillgap.api;

import java.util.List;

/** The gaps from one occupation to another, largest difference first, and the LV basis compared. */
public record SkillGapAnalysis(OccupationProfile from, OccupationProfile to, ValueBasis basis, List<SkillGap> gaps) {
}
