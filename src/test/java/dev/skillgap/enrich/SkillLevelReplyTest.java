package dev.skillgap.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillLevelReplyTest {

    private static final List<String> ASKED = List.of("2.A.1.a", "2.A.1.b");
    private static final String VALID = """
            {"scores":[{"element_id":"2.A.1.a","level":4.5,"rationale":"Reads reports daily."},
                       {"element_id":"2.A.1.b","level":3,"rationale":"Listens to staff."}]}""";

    @Test
    void readsEveryValidItem() {
        SkillLevelReply reply = SkillLevelReply.parse(VALID, ASKED);

        assertThat(reply.problems()).isEmpty();
        assertThat(reply.scores()).containsOnlyKeys("2.A.1.a", "2.A.1.b");
        assertThat(reply.scores().get("2.A.1.a").level()).isEqualByComparingTo("4.50");
        assertThat(reply.scores().get("2.A.1.a").level().scale()).isEqualTo(2);
        assertThat(reply.scores().get("2.A.1.b").rationale()).isEqualTo("Listens to staff.");
    }

    @Test
    void takesTheJsonOutOfACodeFence() {
        SkillLevelReply reply = SkillLevelReply.parse("```json\n" + VALID + "\n```", ASKED);

        assertThat(reply.scores()).hasSize(2);
        assertThat(reply.problems()).isEmpty();
    }

    @Test
    void takesTheJsonOutOfChatter() {
        SkillLevelReply reply = SkillLevelReply.parse("Sure! Here you are:\n" + VALID + "\nAnything else?", ASKED);

        assertThat(reply.scores()).hasSize(2);
    }

    @Test
    void roundsToTwoDecimals() {
        SkillLevelReply reply = SkillLevelReply.parse("""
                {"scores":[{"element_id":"2.A.1.a","level":4.125,"rationale":"r"}]}""", ASKED);

        assertThat(reply.scores().get("2.A.1.a").level()).isEqualTo(new BigDecimal("4.13"));
    }

    @Test
    void rejectsALevelOutsideTheScaleAndNamesIt() {
        SkillLevelReply reply = SkillLevelReply.parse("""
                {"scores":[{"element_id":"2.A.1.a","level":7.01,"rationale":"r"},
                           {"element_id":"2.A.1.b","level":-0.5,"rationale":"r"}]}""", ASKED);

        assertThat(reply.scores()).isEmpty();
        assertThat(reply.problems()).contains("2.A.1.a: level 7.01 outside 0-7", "2.A.1.b: level -0.5 outside 0-7");
    }

    @Test
    void acceptsTheEndsOfTheScale() {
        SkillLevelReply reply = SkillLevelReply.parse("""
                {"scores":[{"element_id":"2.A.1.a","level":0,"rationale":"r"},
                           {"element_id":"2.A.1.b","level":7.00,"rationale":"r"}]}""", ASKED);

        assertThat(reply.scores()).hasSize(2);
    }

    @Test
    void rejectsALevelGivenAsTextOrMissingRationale() {
        SkillLevelReply reply = SkillLevelReply.parse("""
                {"scores":[{"element_id":"2.A.1.a","level":"4.5","rationale":"r"},
                           {"element_id":"2.A.1.b","level":4}]}""", ASKED);

        assertThat(reply.scores()).isEmpty();
        assertThat(reply.problems()).contains("2.A.1.a: level is not a number", "2.A.1.b: no rationale");
    }

    @Test
    void reportsMissingItems() {
        SkillLevelReply reply = SkillLevelReply.parse("""
                {"scores":[{"element_id":"2.A.1.a","level":4,"rationale":"r"}]}""", ASKED);

        assertThat(reply.scores()).containsOnlyKeys("2.A.1.a");
        assertThat(reply.problems()).containsExactly("1 of 2 skills without a valid level");
    }

    @Test
    void ignoresSkillsNotAskedForAndKeepsTheFirstOfTwins() {
        SkillLevelReply reply = SkillLevelReply.parse("""
                {"scores":[{"element_id":"2.B.9.z","level":4,"rationale":"r"},
                           {"element_id":"2.A.1.a","level":4,"rationale":"first"},
                           {"element_id":"2.A.1.a","level":5,"rationale":"second"}]}""", ASKED);

        assertThat(reply.scores()).containsOnlyKeys("2.A.1.a");
        assertThat(reply.scores().get("2.A.1.a").rationale()).isEqualTo("first");
        assertThat(reply.problems()).contains("2.B.9.z: not asked for", "2.A.1.a: given twice, the first is kept");
    }

    @Test
    void garbageGivesNothing() {
        assertThat(SkillLevelReply.parse("I cannot help with that.", ASKED).scores()).isEmpty();
        assertThat(SkillLevelReply.parse("{\"scores\": [", ASKED).scores()).isEmpty();
        assertThat(SkillLevelReply.parse("{\"levels\": []}", ASKED).problems())
                .containsExactly("no \"scores\" array in the reply");
        assertThat(SkillLevelReply.parse("", ASKED).problems()).containsExactly("empty reply");
        assertThat(SkillLevelReply.parse(null, ASKED).scores()).isEmpty();
    }

    @Test
    void cutsAnOverlongRationale() {
        String longText = "x".repeat(1500);
        SkillLevelReply reply = SkillLevelReply.parse(
                "{\"scores\":[{\"element_id\":\"2.A.1.a\",\"level\":1,\"rationale\":\"" + longText + "\"}]}", ASKED);

        assertThat(reply.scores().get("2.A.1.a").rationale()).hasSize(SkillLevelReply.MAX_RATIONALE_LENGTH);
    }

    @Test
    void aReplyCutOffKeepsItsCompleteItems() {
        List<String> asked = List.of("2.A.1.a", "2.A.1.b", "2.A.1.c");
        String whole = """
                {"scores":[{"element_id":"2.A.1.a","level":4.5,"rationale":"Reads."},\
                {"element_id":"2.A.1.b","level":3,"rationale":"Listens."},\
                {"element_id":"2.A.1.c","level":2,"rationale":"Writes."}]}""";
        String cutInString = whole.substring(0, whole.indexOf("Writes") + 3);
        String cutAfterItem = whole.substring(0, whole.indexOf(",{\"element_id\":\"2.A.1.c"));

        for (String cut : List.of(cutInString, cutAfterItem, "```json\n" + cutInString)) {
            SkillLevelReply reply = SkillLevelReply.parse(cut, asked);
            assertThat(reply.truncated()).as(cut).isTrue();
            assertThat(reply.scores()).as(cut).containsOnlyKeys("2.A.1.a", "2.A.1.b");
            assertThat(reply.problems().get(0)).isEqualTo("reply cut off at its length limit after 2 valid item(s)");
        }
        // cut before the first item ended: nothing to keep, still a cut-off reply (asked again in smaller parts)
        SkillLevelReply nothing = SkillLevelReply.parse(whole.substring(0, 30), asked);
        assertThat(nothing.truncated()).isTrue();
        assertThat(nothing.scores()).isEmpty();
        // complete JSON: not cut off even when the server says "length"... it is the server's word that counts
        assertThat(SkillLevelReply.parse(whole, asked).truncated()).isFalse();
        assertThat(SkillLevelReply.parse(whole.substring(0, whole.length() - 2), asked, true).truncated()).isTrue();
        // invalid for another reason than its end: not a cut-off reply
        assertThat(SkillLevelReply.parse("{\"scores\":[{\"element_id\" 4}]}", asked).truncated()).isFalse();
    }
}
