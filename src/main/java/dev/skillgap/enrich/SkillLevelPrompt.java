package dev.skillgap.enrich;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The prompts that ask for the LV level of several skills of one occupation in one call, by version
 * ({@code skillgap.llm.prompt-version}). Any change to a text must add a version: the version is part of every
 * cached score, so a new one re-scores every pair.
 * <ul>
 * <li>{@code lv-1}: the asked skills with descriptions, anchors and the analyst level, all in the user message; the
 * system message tells the model to keep the analyst's rating unless the description clearly says otherwise.</li>
 * <li>{@code lv-2}: the catalogue of every skill (name, description, LV anchors) in the system message, identical in
 * every call so that prompt caches apply; the user message gives the occupation and, per asked skill, the analyst
 * level with its 95% CI and the skill's importance (IM, 1-5). No instruction to defer to the analyst.</li>
 * </ul>
 */
public final class SkillLevelPrompt {

    public static final String V1 = "lv-1";
    public static final String V2 = "lv-2";
    public static final String LATEST = V2;
    public static final List<String> VERSIONS = List.of(V1, V2);

    private static final String ANSWER_FORM = """
            Answer with JSON only, with no other text and no code fences, in exactly this form:
            {"scores":[{"element_id":"<element_id>","level":<number from 0 to 7, at most two decimals>,\
            "rationale":"<one sentence>"}]}
            Give exactly one entry for every element_id you are asked about, and no other entries.""";

    static final String SYSTEM_V1 = """
            You rate how much of a skill an occupation requires, on the O*NET Level (LV) scale from 0 to 7: \
            0 means the skill is not needed at all, 7 means the highest expertise the scale describes. \
            A skill's anchors, where given, describe what some levels look like in practice. \
            An O*NET analyst has already rated every skill; take that rating as the reference and move away from \
            it only where the occupation's title and description clearly call for a different level.
            """ + ANSWER_FORM;

    static final String SYSTEM_V2_INTRO = """
            You rate how much of a skill an occupation requires, on the O*NET Level (LV) scale from 0 to 7: \
            0 means the skill is not needed at all, 7 means the highest expertise the scale describes.

            The skills, each with its element_id, name, description and anchors (what some levels look like in \
            practice):
            """;

    static final String SYSTEM_V2_OUTRO = """

            For each skill you are asked about you also get the level an O*NET analyst panel gave it for the \
            occupation, with the 95% confidence interval of that rating where published, and the importance of \
            the skill for the occupation (IM, from 1 = not important to 5 = extremely important). Weigh them with \
            the occupation's title and description and the anchors; the level you give is your own judgement.
            """ + ANSWER_FORM;

    /** One skill of the catalogue. */
    public record Skill(String elementId, String name, String description, List<LevelAnchor> anchors) {
    }

    private SkillLevelPrompt() {
    }

    /** The distinct skills of these pairs, by element_id: the catalogue of prompt lv-2. */
    public static List<Skill> catalogue(Collection<SkillPair> pairs) {
        Map<String, Skill> skills = new TreeMap<>();
        for (SkillPair pair : pairs) {
            skills.putIfAbsent(pair.elementId(),
                    new Skill(pair.elementId(), pair.elementName(), pair.elementDescription(), pair.anchors()));
        }
        return List.copyOf(skills.values());
    }

    /**
     * The messages of one question.
     *
     * @param catalogue every skill (lv-2 puts all of them in the system message; lv-1 ignores it)
     * @param asked     the skills this question asks for
     */
    public static List<ChatMessage> messages(String version, List<Skill> catalogue, Occupation occupation,
                                             List<SkillPair> asked) {
        return switch (version) {
            case V1 -> List.of(SystemMessage.from(SYSTEM_V1), UserMessage.from(userTextV1(occupation, asked)));
            case V2 -> List.of(SystemMessage.from(systemV2(catalogue)),
                    UserMessage.from(userTextV2(occupation, asked)));
            default -> throw new IllegalArgumentException("unknown prompt version " + version);
        };
    }

    static String userTextV1(Occupation occupation, List<SkillPair> pairs) {
        String skills = pairs.stream().map(SkillLevelPrompt::skillTextV1).collect(Collectors.joining("\n"));
        return occupationText(occupation) + "Rate these " + pairs.size() + " skills for this occupation:\n" + skills;
    }

    static String systemV2(List<Skill> catalogue) {
        String skills = catalogue.stream()
                .map(s -> "- " + s.elementId() + " " + s.name() + ": " + s.description() + "\n  anchors: "
                        + anchors(s.anchors()))
                .collect(Collectors.joining("\n"));
        return SYSTEM_V2_INTRO + skills + "\n" + SYSTEM_V2_OUTRO;
    }

    static String userTextV2(Occupation occupation, List<SkillPair> pairs) {
        String skills = pairs.stream().map(SkillLevelPrompt::skillTextV2).collect(Collectors.joining("\n"));
        return occupationText(occupation) + "Rate these " + pairs.size() + " skills for this occupation:\n" + skills;
    }

    private static String occupationText(Occupation occupation) {
        return "Occupation: " + occupation.onetsocCode() + " " + occupation.title() + "\n"
                + "Description: " + occupation.description() + "\n\n";
    }

    private static String skillTextV1(SkillPair pair) {
        return "- element_id: " + pair.elementId() + "\n"
                + "  name: " + pair.elementName() + "\n"
                + "  description: " + pair.elementDescription() + "\n"
                + "  anchors: " + anchors(pair.anchors()) + "\n"
                + "  analyst level: " + pair.analystValue().toPlainString();
    }

    private static String skillTextV2(SkillPair pair) {
        String ci = pair.lowerCi() == null || pair.upperCi() == null ? "95% CI not published"
                : "95% CI " + pair.lowerCi().toPlainString() + " to " + pair.upperCi().toPlainString();
        String importance = pair.importance() == null ? "not published" : pair.importance().toPlainString() + " of 5";
        return "- element_id: " + pair.elementId() + " (" + pair.elementName() + ")\n"
                + "  analyst level: " + pair.analystValue().toPlainString() + " (" + ci + ")\n"
                + "  importance: " + importance;
    }

    private static String anchors(List<LevelAnchor> anchors) {
        return anchors.isEmpty() ? "none published"
                : anchors.stream().map(a -> plain(a.value()) + " = " + a.description())
                        .collect(Collectors.joining("; "));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
