package dev.skillgap.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PRD FR4.2 on the Level (LV) scale: a skill is a gap when the target ("to") has an LV rating and
 * the source ("from") has none (counted as 0) or a lower one. Both sides use the same
 * {@link ValueBasis}. Order: largest difference first, then Element ID, so answers are stable.
 */
public final class SkillGapCalculator {

    private static final Comparator<SkillGap> LARGEST_FIRST = Comparator
            .comparingInt(SkillGap::difference).reversed()
            .thenComparing(gap -> gap.skill().elementId());

    private SkillGapCalculator() {
    }

    public static SkillGapAnalysis analyse(List<Skill> skills, OccupationProfile from, OccupationProfile to) {
        ValueBasis basis = ValueBasis.of(from, to);
        List<SkillGap> gaps = new ArrayList<>();
        for (Skill skill : skills) {
            int index = skill.index();
            if (!to.hasLevel(index)) {
                continue;
            }
            int toLevel = to.level(index, basis);
            boolean fromHasIt = from.hasLevel(index);
            int fromLevel = fromHasIt ? from.level(index, basis) : 0;
            if (toLevel > fromLevel) {
                gaps.add(new SkillGap(skill, fromLevel, toLevel, to.importance(index),
                        fromHasIt ? basis.sourceOf(from, index) : null, basis.sourceOf(to, index)));
            }
        }
        gaps.sort(LARGEST_FIRST);
        return new SkillGapAnalysis(from, to, basis, gaps);
    }
}
