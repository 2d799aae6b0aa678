package dev.skillgap.enrich;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * non-blank rationale. Anything else is a problem, and the items it concerns are asked again. A reply cut off at
 * its length limit ({@code truncated}: the server's finish reason said so, or the JSON stops mid-way) keeps every
 * item that was complete before the cut.
 */
public record SkillLevelReply(Map<String, LevelScore> scores, List<String> problems, boolean truncated) {

    static final BigDecimal MIN_LEVEL = BigDecimal.ZERO;
    static final BigDecimal MAX_LEVEL = BigDecimal.valueOf(7);
    static final int MAX_RATIONALE_LENGTH = 1000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** Reads item by item from a stream, so it must not look for trailing tokens after each one. */
    private static final ObjectMapper ITEMS = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final Pattern OPEN_FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*)", Pattern.DOTALL);

    /** A reply whose server said it ended normally (or did not say). */
    public static SkillLevelReply parse(String reply, Collection<String> askedElementIds) {
        return parse(reply, askedElementIds, false);
    }

    /**
     * @param stoppedAtLength the server's finish reason was "length" (OpenAI) / done_reason "length" (Ollama)
     */
    public static SkillLevelReply parse(String reply, Collection<String> askedElementIds, boolean stoppedAtLength) {
        List<String> problems = new ArrayList<>();
        Map<String, LevelScore> scores = new LinkedHashMap<>();
        boolean[] cutOff = {stoppedAtLength};
        JsonNode items = readItems(reply, problems, cutOff);
        if (items == null && !cutOff[0]) {
            return new SkillLevelReply(scores, problems, false);
        }
        if (items != null) {
            for (JsonNode item : items) {
                readItem(item, askedElementIds, scores, problems);
            }
        }
        if (cutOff[0]) {
            problems.add(0, "reply cut off at its length limit after " + scores.size() + " valid item(s)");
        }
        long missing = askedElementIds.stream().filter(id -> !scores.containsKey(id)).count();
        if (missing > 0) {
            problems.add(missing + " of " + askedElementIds.size() + " skills without a valid level");
        }
        return new SkillLevelReply(scores, problems, cutOff[0]);
    }

    /** The items of the "scores" array; null (with a problem) when there is none. Sets cutOff[0] if cut off. */
    private static JsonNode readItems(String reply, List<String> problems, boolean[] cutOff) {
        if (reply == null || reply.isBlank()) {
            if (!cutOff[0]) {
                problems.add("empty reply");
            }
            return null;
        }
        String text = reply.strip();
        Matcher fence = FENCE.matcher(text);
        Matcher openFence = OPEN_FENCE.matcher(text);
        if (fence.find()) {
            text = fence.group(1).strip();
        } else if (text.startsWith("```") && openFence.find()) {
            text = openFence.group(1).strip(); // a fence whose end was cut off
        } else {
            int start = text.indexOf('{');
            if (start < 0) {
                problems.add("no JSON object in the reply: " + abbreviate(text));
                return null;
            }
            int end = text.lastIndexOf('}');
            text = text.substring(start, end < start ? text.length() : end + 1);
        }
        try {
            JsonNode root = JSON.readTree(text);
            JsonNode items = root == null ? null : root.get("scores");
            if (root == null || !root.isObject() || items == null || !items.isArray()) {
                problems.add("no \"scores\" array in the reply");
                return null;
            }
            return items;
        } catch (JsonProcessingException e) {
            JsonNode salvaged = salvage(text);
            if (salvaged != null) {
                cutOff[0] = true;
                return salvaged;
            }
            problems.add("invalid JSON: " + abbreviate(e.getOriginalMessage()));
            return null;
        }
    }

    /**
     * The complete items of a "scores" array whose JSON ends before the array does (the reply hit its length
     * limit), or null when the text is invalid for another reason than its end.
     */
    private static JsonNode salvage(String text) {
        com.fasterxml.jackson.databind.node.ArrayNode items = JSON.createArrayNode();
        try (JsonParser parser = ITEMS.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME && !"scores".equals(parser.currentName())) {
                parser.nextToken();
                parser.skipChildren();
            }
            if (token != JsonToken.FIELD_NAME || parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                items.add((JsonNode) ITEMS.readTree(parser));
            }
            // the input ended inside the array: cut off; the array ended: complete, so invalid elsewhere
            return token == null ? items : null;
        } catch (IOException e) {
            // Jackson says "Unexpected end-of-input" (JsonEOFException, or MismatchedInputException from readTree)
            boolean cut = e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                    || String.valueOf(e.getMessage()).contains("end-of-input");
            return cut ? items : null;
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
