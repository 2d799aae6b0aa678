package dev.skillgap.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillLevelPromptTest {

    static final Occupation MANAGERS = new Occupation("11-1021.00", "General and Operations Managers",
            "Plan, direct, or coordinate the operations of public or private sector organizations.");
    static final Occupation COOKS = new Occupation("35-2014.00", "Cooks, Restaurant",
            "Prepare, season, and cook dishes such as soups, meats, vegetables, or desserts in restaurants.");
    static final List<LevelAnchor> READING_ANCHORS = List.of(
            new LevelAnchor(new BigDecimal("2.00"), "Read step-by-step instructions for completing a form"),
            new LevelAnchor(new BigDecimal("6.00"), "Read a scientific journal article describing surgical procedures"));

    static SkillPair reading(BigDecimal analyst) {
        return reading(MANAGERS, analyst);
    }

    static SkillPair reading(Occupation occupation, BigDecimal analyst) {
        return SkillPair.of(occupation, "2.A.1.a", "Reading Comprehension",
                "Understanding written sentences and paragraphs in work-related documents.", READING_ANCHORS, analyst,
                new BigDecimal("4.12"), new BigDecimal("3.85"), new BigDecimal("4.39"));
    }

    static SkillPair writing(Occupation occupation) {
        return SkillPair.of(occupation, "2.A.1.c", "Writing",
                "Communicating effectively in writing as appropriate for the needs of the audience.", List.of(),
                new BigDecimal("4.12"), null, null, null);
    }

    @Test
    void version1GivesEveryInputOfEverySkillInTheUserMessageAndDefersToTheAnalyst() {
        List<SkillPair> asked = List.of(reading(new BigDecimal("4")), writing(MANAGERS));
        List<ChatMessage> messages = SkillLevelPrompt.messages(SkillLevelPrompt.V1, SkillLevelPrompt.catalogue(asked),
                MANAGERS, asked);

        assertThat(messages).hasSize(2);
        assertThat(((SystemMessage) messages.get(0)).text()).contains("0 to 7", "JSON only", "\"scores\"",
                "take that rating as the reference");
        String user = ((UserMessage) messages.get(1)).singleText();
        assertThat(user).contains("Occupation: 11-1021.00 General and Operations Managers",
                "Plan, direct, or coordinate", "Rate these 2 skills",
                "- element_id: 2.A.1.a", "name: Reading Comprehension", "Understanding written sentences",
                "anchors: 2 = Read step-by-step instructions for completing a form; 6 = Read a scientific",
                "analyst level: 4.00",
                "- element_id: 2.A.1.c", "anchors: none published", "analyst level: 4.12");
    }

    @Test
    void version2PutsTheWholeCatalogueInTheSystemMessageIdenticalForEveryOccupationAndQuestion() {
        List<SkillPair> managers = List.of(reading(new BigDecimal("4")), writing(MANAGERS));
        List<SkillPair> cooks = List.of(reading(COOKS, new BigDecimal("2.5")), writing(COOKS));

        List<ChatMessage> first = SkillLevelPrompt.messages(SkillLevelPrompt.V2, SkillLevelPrompt.catalogue(managers),
                MANAGERS, managers);
        // a re-ask for one skill of another occupation: same catalogue, same system message
        List<ChatMessage> reask = SkillLevelPrompt.messages(SkillLevelPrompt.V2, SkillLevelPrompt.catalogue(cooks),
                COOKS, cooks.subList(1, 2));

        String system = ((SystemMessage) first.get(0)).text();
        assertThat(((SystemMessage) reask.get(0)).text()).isEqualTo(system);
        assertThat(system).contains("- 2.A.1.a Reading Comprehension: Understanding written sentences",
                "anchors: 2 = Read step-by-step instructions for completing a form; 6 = Read a scientific",
                "- 2.A.1.c Writing: Communicating effectively", "anchors: none published", "importance",
                "JSON only", "\"scores\"")
                .doesNotContain("11-1021.00", "reference", "move away");
        assertThat(system.indexOf("2.A.1.a")).isLessThan(system.indexOf("JSON only"));
        String user = ((UserMessage) first.get(1)).singleText();
        assertThat(user).contains("Occupation: 11-1021.00 General and Operations Managers", "Rate these 2 skills",
                "- element_id: 2.A.1.a (Reading Comprehension)\n  analyst level: 4.00 (95% CI 3.85 to 4.39)\n"
                        + "  importance: 4.12 of 5",
                "- element_id: 2.A.1.c (Writing)\n  analyst level: 4.12 (95% CI not published)\n"
                        + "  importance: not published")
                .doesNotContain("Understanding written sentences");
        assertThat(((UserMessage) reask.get(1)).singleText()).contains("Rate these 1 skills", "2.A.1.c")
                .doesNotContain("2.A.1.a");
    }

    @Test
    void inputHashIsStableAndFollowsEveryInput() {
        SkillPair base = reading(new BigDecimal("4.00"));

        assertThat(reading(new BigDecimal("4.0")).inputHash()).isEqualTo(base.inputHash()).hasSize(64);
        assertThat(reading(new BigDecimal("4.12")).inputHash()).isNotEqualTo(base.inputHash());
        Occupation retitled = new Occupation(MANAGERS.onetsocCode(), "Operations Managers", MANAGERS.description());
        assertThat(variant(retitled, base.elementName(), base.elementDescription(), base.anchors(), base.importance(),
                base.lowerCi(), base.upperCi()).inputHash()).isNotEqualTo(base.inputHash());
        Occupation redescribed = new Occupation(MANAGERS.onetsocCode(), MANAGERS.title(), "Run things.");
        assertThat(variant(redescribed, base.elementName(), base.elementDescription(), base.anchors(),
                base.importance(), base.lowerCi(), base.upperCi()).inputHash()).isNotEqualTo(base.inputHash());
        assertThat(variant(MANAGERS, "Reading", base.elementDescription(), base.anchors(), base.importance(),
                base.lowerCi(), base.upperCi()).inputHash()).isNotEqualTo(base.inputHash());
        assertThat(variant(MANAGERS, base.elementName(), "Reading things.", base.anchors(), base.importance(),
                base.lowerCi(), base.upperCi()).inputHash()).isNotEqualTo(base.inputHash());
        assertThat(variant(MANAGERS, base.elementName(), base.elementDescription(), READING_ANCHORS.subList(0, 1),
                base.importance(), base.lowerCi(), base.upperCi()).inputHash()).isNotEqualTo(base.inputHash());
        // IM and the CI are inputs of prompt lv-2
        assertThat(variant(MANAGERS, base.elementName(), base.elementDescription(), base.anchors(),
                new BigDecimal("3.00"), base.lowerCi(), base.upperCi()).inputHash()).isNotEqualTo(base.inputHash());
        assertThat(variant(MANAGERS, base.elementName(), base.elementDescription(), base.anchors(),
                base.importance(), null, null).inputHash()).isNotEqualTo(base.inputHash());
        assertThat(variant(MANAGERS, base.elementName(), base.elementDescription(), base.anchors(),
                base.importance(), base.lowerCi(), new BigDecimal("4.50")).inputHash()).isNotEqualTo(base.inputHash());
    }

    private static SkillPair variant(Occupation occupation, String name, String description, List<LevelAnchor> anchors,
                                     BigDecimal importance, BigDecimal lowerCi, BigDecimal upperCi) {
        return SkillPair.of(occupation, "2.A.1.a", name, description, anchors, new BigDecimal("4.00"), importance,
                lowerCi, upperCi);
    }
}
