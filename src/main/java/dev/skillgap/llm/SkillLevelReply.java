package dev.skillgap.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict reading of a model's answer: the one JSON object of the prompt's form (inside a code fence or between
 * chatter is tolerated, nothing else is), each item with a requested element_id, a JSON number from 0 to 7 and a
 * non-blank rationale. Anything else is a problem, and the items it concerns are asked again.
 */
public record SkillLevelReply(Map<String, LevelScore> scores, List<String> problems) {

    static final BigDecimal MIN_LEVEL = BigDecimal.ZERO;
    static final BigDecimal MAX_LEVEL = BigDecimal.valueOf(7);
    static final int MAX_RATIONALE_LENGTH = 1000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);

    public static SkillLevelReply parse(String reply, Collection<String> askedElementIds) {
        List<String> problems = new ArrayList<>();
        Map<String, LevelScore> scores = new LinkedHashMap<>();
        JsonNode root = readJson(reply, problems);
        if (root == null) {
            return new SkillLevelReply(scores, problems);
        }
        JsonNode items = root.get("scores");
        if (!root.isObject() || items == null || !items.isArray()) {
            problems.add("no \"scores\" array in the reply");
            return new SkillLevelReply(scores, problems);
        }
        for (JsonNode item : items) {
            readItem(item, askedElementIds, scores, problems);
        }
        long missing = askedElementIds.stream().filter(id -> !scores.containsKey(id)).count();
        if (missing > 0) {
            problems.add(missing + " of " + askedElementIds.size() + " skills without a valid level");
        }
        return new SkillLevelReply(scores, problems);
    }

    private static JsonNode readJson(String reply, List<String> problems) {
        if (reply == null || reply.isBlank()) {
            problems.add("empty reply");
            return null;
        }
        String text = reply.strip();
        Matcher fence = FENCE.matcher(text);
        if (fence.find()) {
            text = fence.group(1).strip();
        } else {
            int start = text.indexOf('{');
            int end = text.lastIndexOf('}');
            if (start < 0 || end < start) {
                problems.add("no JSON object in the reply: " + abbreviate(text));
                return null;
            }
            text = text.substring(start, end + 1);
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add("invalid JSON: " + abbreviate(e.getOriginalMessage()));
            return null;
        }
    }

    private static void readItem(JsonNode item, Collection<String> asked, Map<String, LevelScore> scores,
                                 List<String> problems) {
        JsonNode id = item.get("element_id");
        if (id == null || !id.isTextual()) {
            problems.add("an item without element_id");
            return;
        }
        String elementId = id.asText();
        if (!asked.contains(elementId)) {
            problems.add(elementId + ": not asked for");
            return;
        }
        if (scores.containsKey(elementId)) {
            problems.add(elementId + ": given twice, the first is kept");
            return;
        }
        JsonNode level = item.get("level");
        if (level == null || !level.isNumber()) {
            problems.add(elementId + ": level is not a number");
            return;
        }
        BigDecimal value = level.decimalValue();
        if (value.compareTo(MIN_LEVEL) < 0 || value.compareTo(MAX_LEVEL) > 0) {
            problems.add(elementId + ": level " + value.toPlainString() + " outside 0-7");
            return;
        }
        JsonNode rationale = item.get("rationale");
        if (rationale == null || !rationale.isTextual() || rationale.asText().isBlank()) {
            problems.add(elementId + ": no rationale");
            return;
        }
        String reason = rationale.asText().strip();
        if (reason.length() > MAX_RATIONALE_LENGTH) {
            reason = reason.substring(0, MAX_RATIONALE_LENGTH - 1) + "…";
        }
        scores.put(elementId, new LevelScore(value.setScale(2, RoundingMode.HALF_UP), reason));
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
