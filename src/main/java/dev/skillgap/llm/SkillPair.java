package dev.skillgap.llm;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One LV occupation-skill pair with every input of its prompt, and the SHA-256 of those inputs: the key under which
 * its score is cached, so a pair is asked again only when something the LLM would read has changed.
 */
public record SkillPair(Occupation occupation, String elementId, String elementName, String elementDescription,
                        List<LevelAnchor> anchors, BigDecimal analystValue, String inputHash) {

    private static final char FIELD = '\u001F';

    public static SkillPair of(Occupation occupation, String elementId, String elementName, String elementDescription,
                               List<LevelAnchor> anchors, BigDecimal analystValue) {
        BigDecimal analyst = analystValue.setScale(2, java.math.RoundingMode.HALF_UP);
        return new SkillPair(occupation, elementId, elementName, elementDescription, List.copyOf(anchors), analyst,
                inputHash(occupation, elementId, elementName, elementDescription, anchors, analyst));
    }

    public String onetsocCode() {
        return occupation.onetsocCode();
    }

    static String inputHash(Occupation occupation, String elementId, String elementName, String elementDescription,
                            List<LevelAnchor> anchors, BigDecimal analystValue) {
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
        text.append(analystValue.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
