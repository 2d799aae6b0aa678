package dev.skillgap.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The prompt that asks for the LV level of several skills of one occupation in one call. Any change to the text
 * must change {@link #VERSION}: the version is part of every cached score, so a new one re-scores every pair.
 */
public final class SkillLevelPrompt {

    public static final String VERSION = "lv-1";

    static final String SYSTEM = """
            You rate how much of a skill an occupation requires, on the O*NET Level (LV) scale from 0 to 7: \
            0 means the skill is not needed at all, 7 means the highest expertise the scale describes. \
            A skill's anchors, where given, describe what some levels look like in practice. \
            An O*NET analyst has already rated every skill; take that rating as the reference and move away from \
            it only where the occupation's title and description clearly call for a different level.
            Answer with JSON only, with no other text and no code fences, in exactly this form:
            {"scores":[{"element_id":"<element_id>","level":<number from 0 to 7, at most two decimals>,\
            "rationale":"<one sentence>"}]}
            Give exactly one entry for every element_id you are asked about, and no other entries.""";

    private SkillLevelPrompt() {
    }

    public static List<ChatMessage> messages(Occupation occupation, List<SkillPair> pairs) {
        return List.of(SystemMessage.from(SYSTEM), UserMessage.from(userText(occupation, pairs)));
    }

    static String userText(Occupation occupation, List<SkillPair> pairs) {
        String skills = pairs.stream().map(SkillLevelPrompt::skillText).collect(Collectors.joining("\n"));
        return "Occupation: " + occupation.onetsocCode() + " " + occupation.title() + "\n"
                + "Description: " + occupation.description() + "\n\n"
                + "Rate these " + pairs.size() + " skills for this occupation:\n"
                + skills;
    }

    private static String skillText(SkillPair pair) {
        String anchors = pair.anchors().isEmpty()
                ? "none published"
                : pair.anchors().stream()
                        .map(a -> a.value().stripTrailingZeros().toPlainString() + " = " + a.description())
                        .collect(Collectors.joining("; "));
        return "- element_id: " + pair.elementId() + "\n"
                + "  name: " + pair.elementName() + "\n"
                + "  description: " + pair.elementDescription() + "\n"
                + "  anchors: " + anchors + "\n"
                + "  analyst level: " + pair.analystValue().toPlainString();
    }
}
