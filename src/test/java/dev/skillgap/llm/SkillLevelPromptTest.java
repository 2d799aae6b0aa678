package dev.skillgap.llm;

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
    static final List<LevelAnchor> READING_ANCHORS = List.of(
            new LevelAnchor(new BigDecimal("2.00"), "Read step-by-step instructions for completing a form"),
            new LevelAnchor(new BigDecimal("6.00"), "Read a scientific journal article describing surgical procedures"));

    static SkillPair reading(BigDecimal analyst) {
        return SkillPair.of(MANAGERS, "2.A.1.a", "Reading Comprehension",
                "Understanding written sentences and paragraphs in work-related documents.", READING_ANCHORS, analyst);
    }

    @Test
    void givesEveryInputOfEverySkill() {
        SkillPair writing = SkillPair.of(MANAGERS, "2.A.1.c", "Writing",
                "Communicating effectively in writing as appropriate for the needs of the audience.", List.of(),
                new BigDecimal("4.12"));

        List<ChatMessage> messages = SkillLevelPrompt.messages(MANAGERS, List.of(reading(new BigDecimal("4")), writing));

        assertThat(messages).hasSize(2);
        assertThat(((SystemMessage) messages.get(0)).text()).contains("0 to 7", "JSON only", "\"scores\"");
        String user = ((UserMessage) messages.get(1)).singleText();
        assertThat(user).contains("Occupation: 11-1021.00 General and Operations Managers",
                "Plan, direct, or coordinate", "Rate these 2 skills",
                "- element_id: 2.A.1.a", "name: Reading Comprehension", "Understanding written sentences",
                "anchors: 2 = Read step-by-step instructions for completing a form; 6 = Read a scientific",
                "analyst level: 4.00",
                "- element_id: 2.A.1.c", "anchors: none published", "analyst level: 4.12");
    }

    @Test
    void inputHashIsStableAndFollowsEveryInput() {
        SkillPair base = reading(new BigDecimal("4.00"));

        assertThat(reading(new BigDecimal("4.0")).inputHash()).isEqualTo(base.inputHash()).hasSize(64);
        assertThat(reading(new BigDecimal("4.12")).inputHash()).isNotEqualTo(base.inputHash());
        Occupation retitled = new Occupation(MANAGERS.onetsocCode(), "Operations Managers", MANAGERS.description());
        assertThat(SkillPair.of(retitled, "2.A.1.a", base.elementName(), base.elementDescription(), base.anchors(),
                base.analystValue()).inputHash()).isNotEqualTo(base.inputHash());
        Occupation redescribed = new Occupation(MANAGERS.onetsocCode(), MANAGERS.title(), "Run things.");
        assertThat(SkillPair.of(redescribed, "2.A.1.a", base.elementName(), base.elementDescription(),
                base.anchors(), base.analystValue()).inputHash()).isNotEqualTo(base.inputHash());
        assertThat(SkillPair.of(MANAGERS, "2.A.1.a", "Reading", base.elementDescription(), base.anchors(),
                base.analystValue()).inputHash()).isNotEqualTo(base.inputHash());
        assertThat(SkillPair.of(MANAGERS, "2.A.1.a", base.elementName(), "Reading things.", base.anchors(),
                base.analystValue()).inputHash()).isNotEqualTo(base.inputHash());
        assertThat(SkillPair.of(MANAGERS, "2.A.1.a", base.elementName(), base.elementDescription(),
                READING_ANCHORS.subList(0, 1), base.analystValue()).inputHash()).isNotEqualTo(base.inputHash());
    }
}
