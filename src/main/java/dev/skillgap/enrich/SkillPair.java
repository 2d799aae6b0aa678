package dev.skillgap.enrich;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One LV occupation-skill pair with every input of its prompt, and the SHA-256 of those inputs: the key under which
 * its score is cached, so a pair is asked again only when something the LLM would read has changed.
 *
 * @param importance the IM (importance, 1-5) rating of the same occupation and skill; null if not published
 * @param lowerCi    the Lower CI Bound of the analyst's LV rating (95%); null where O*NET says n/a
 * @param upperCi    the Upper CI Bound of the analyst's LV rating (95%); null where O*NET says n/a
 */
public record SkillPair(Occupation occupation, String elementId, String elementName, String elementDescription,
                        List<LevelAnchor> anchors, BigDecimal analystValue, BigDecimal importance,
                        BigDecimal lowerCi, BigDecimal upperCi, String inputHash) {

    private static final char FIELD = '\u001F';

    /** The one factory of pairs: values rounded to two decimals, the input hash computed. */
    public static SkillPair of(Occupation occupation, String elementId, String elementName, String elementDescription,
                               List<LevelAnchor> anchors, BigDecimal analystValue, BigDecimal importance,
                               BigDecimal lowerCi, BigDecimal upperCi) {
        BigDecimal analyst = twoDecimals(analystValue);
        BigDecimal im = twoDecimals(importance);
        BigDecimal lower = twoDecimals(lowerCi);
        BigDecimal upper = twoDecimals(upperCi);
        return new SkillPair(occupation, elementId, elementName, elementDescription, List.copyOf(anchors), analyst,
                im, lower, upper, inputHash(occupation, elementId, elementName, elementDescription, anchors, analyst,
                        im, lower, upper));
    }

    public String onetsocCode() {
        return occupation.onetsocCode();
    }

    private static BigDecimal twoDecimals(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Every input any prompt version reads. (The prompt version itself is stored beside the hash, in every cached
     * score and LV row, and compared with it.)
     */
    static String inputHash(Occupation occupation, String elementId, String elementName, String elementDescription,
                            List<LevelAnchor> anchors, BigDecimal analystValue, BigDecimal importance,
                            BigDecimal lowerCi, BigDecimal upperCi) {
        StringBuilder text = new StringBuilder()
                .append(occupation.onetsocCode()).append(FIELD)
                .append(occupation.title()).append(FIELD)
                .append(occupation.description()).append(FIELD)
                .append(elementId).append(FIELD)
                .append(elementName).append(FIELD)
                .append(elementDescription).append(FIELD);
        for (LevelAnchor anchor : anchors) {
            text.append(anchor.value().stripTrailingZeros().toPlainString()).append('=')
                    .append(anchor.description()).append(FIELD);
        }
        text.append(analystValue.toPlainString());
        // absent in the hashes of scores stored before IM and the CI were prompt inputs: those re-score once
        text.append(FIELD).append("im=").append(plain(importance))
                .append(FIELD).append("ci=").append(plain(lowerCi)).append('-').append(plain(upperCi));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "n/a" : value.toPlainString();
    }
}
