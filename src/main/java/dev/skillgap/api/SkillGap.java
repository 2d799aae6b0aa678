package dev.skillgap.api;

/**
 * One skill the target occupation needs at a higher Level than the source has. Values are
 * hundredths; fromLevel is 0 and fromSource null when the source has no LV row for the skill.
 */
public record SkillGap(Skill skill, int fromLevel, int toLevel, int toImportance, String fromSource,
                       String toSource) {

    public int difference() {
        return toLevel - fromLevel;
    }
}
