package dev.skillgap.api;

import java.math.BigDecimal;

/**
 * O*NET values are DECIMAL(5,2); the snapshot keeps them as exact integer hundredths so that
 * differences have no floating-point noise (4.88 - 4.00 is 0.88, not 0.8799999).
 */
public final class Hundredths {

    /** Marks a rating the occupation does not have. */
    public static final int ABSENT = -1;

    private static final BigDecimal[] DECIMALS = new BigDecimal[1001];

    static {
        for (int i = 0; i < DECIMALS.length; i++) {
            DECIMALS[i] = BigDecimal.valueOf(i, 2);
        }
    }

    private Hundredths() {
    }

    public static int of(BigDecimal value) {
        return value.movePointRight(2).intValueExact();
    }

    /**
     * The value with two decimals (scale 2), which Jackson writes as a JSON number: 288 -> 2.88, 0 -> 0.00.
     * Values 0.00-10.00 (every O*NET LV and IM value) are shared instances, so an answer allocates none.
     */
    public static BigDecimal toBigDecimal(int hundredths) {
        return hundredths >= 0 && hundredths < DECIMALS.length ? DECIMALS[hundredths] : BigDecimal.valueOf(hundredths, 2);
    }

    /** {@link #toBigDecimal(int)}, or null (JSON null) for {@link #ABSENT}. */
    public static BigDecimal orNull(int hundredths) {
        return hundredths == ABSENT ? null : toBigDecimal(hundredths);
    }
}
