package dev.skillgap.enrich;

import java.math.BigDecimal;

/** One Level Scale Anchor: what a level of an element looks like in practice. */
public record LevelAnchor(BigDecimal value, String description) {
}
