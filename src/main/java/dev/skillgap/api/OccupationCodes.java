package dev.skillgap.api;

import java.util.regex.Pattern;

/** The O*NET-SOC code shape, checked before any lookup so that no other text reaches the data. */
public final class OccupationCodes {

    private static final Pattern SHAPE = Pattern.compile("\\d{2}-\\d{4}\\.\\d{2}");
    private static final int MAX_ECHO = 20;

    private OccupationCodes() {
    }

    public static boolean isMissing(String value) {
        return value == null || value.isBlank();
    }

    public static boolean isWellFormed(String value) {
        return value != null && value.length() == 10 && SHAPE.matcher(value).matches();
    }

    /**
     * A client value made safe to quote in a message: at most 20 characters, and anything but
     * letters, digits, '.', '-' shown as '?' (no markup, quotes or control characters come back).
     */
    public static String echo(String value) {
        StringBuilder safe = new StringBuilder(MAX_ECHO + 3);
        for (int i = 0; i < value.length() && i < MAX_ECHO; i++) {
            char c = value.charAt(i);
            boolean plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || c == '.' || c == '-';
            safe.append(plain ? c : '?');
        }
        if (value.length() > MAX_ECHO) {
            safe.append("...");
        }
        return safe.toString();
    }
}
