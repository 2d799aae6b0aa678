package dev.skillgap.api;

import java.math.BigDecimal;

/**
 * O*NET values are DECIMAL(5,2); the snapshot keeps them as exact integer hundredths so that
 * differences have no floating-point noise (4.88 - 4.00 is 0.88, not 0.8799999).
 */
public final class Hundredths {

    /** Marks a rating the occupation does not have. */
    public static final int ABSENT = -1;

    private static final String[] TEXT = new String[1001];

    static {
        for (int i = 0; i < TEXT.length; i++) {
            TEXT[i] = format(i);
        }
    }

    private Hundredths() {
    }

    public static int of(BigDecimal value) {
        return value.movePointRight(2).intValueExact();
    }

    /** JSON number text with two decimals, e.g. 288 -> "2.88", 0 -> "0.00". */
    public static String text(int hundredths) {
        return hundredths >= 0 && hundredths < TEXT.length ? TEXT[hundredths] : format(hundredths);
    }

    public static BigDecimal toBigDecimal(int hundredths) {
        return BigDecimal.valueOf(hundredths, 2);
    }

    private static String format(int hundredths) {
        return toBigDecimal(hundredths).toPlainString();
    }
}
