package dev.skillgap.enrich;

import java.math.BigDecimal;

/** A valid level (0-7, two decimals) with the model's one-sentence reason. */
public record LevelScore(BigDecimal level, String rationale) {
}
