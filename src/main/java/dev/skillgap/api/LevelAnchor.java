package dev.skillgap.api;

import java.math.BigDecimal;

/**
 * What a level of a skill looks like (O*NET Level Scale Anchors, LV scale), e.g. Reading Comprehension at 2.00:
 * "Read step-by-step instructions for completing a form". O*NET anchors levels 2, 4 and 6 of most skills.
 */
public record LevelAnchor(BigDecimal level, String description) {
}
