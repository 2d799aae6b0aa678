package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkillGapCalculatorTest {

    private static final FixtureData FIXTURE = new FixtureData();

    /** A snapshot built from the fixture files as the database would hold them (all values 'onet'). */
    private static Snapshot fixtureSnapshot() {
        SnapshotBuilder builder = new SnapshotBuilder(new ReleaseInfo("29.3", 1L, null, 1));
        FIXTURE.skillNames.forEach(builder::addSkill);
        FIXTURE.titles.forEach((code, title) -> builder.addOccupation(code, title, FIXTURE.descriptions.get(code)));
        FIXTURE.level.forEach((code, values) -> values.forEach((element, value) ->
                builder.addRating(code, element, "LV", value, value, "onet")));
        FIXTURE.importance.forEach((code, values) -> values.forEach((element, value) ->
                builder.addRating(code, element, "IM", value, value, "onet")));
        return builder.build();
    }

    private static SkillGapAnalysis analyse(Snapshot snapshot, String from, String to) {
        return SkillGapCalculator.analyse(snapshot.skills(), snapshot.occupation(from), snapshot.occupation(to));
    }

    @Test
    void everyPairOfTheFixtureMatchesTheIndependentlyComputedGaps() {
        Snapshot snapshot = fixtureSnapshot();
        List<String> codes = FIXTURE.ratedCodes();
        assertThat(codes).hasSize(6);
        for (String from : codes) {
            for (String to : codes) {
                SkillGapAnalysis analysis = analyse(snapshot, from, to);
                List<FixtureData.Gap> expected = FIXTURE.expectedGaps(from, to);
                assertThat(analysis.gaps()).as("%s -> %s", from, to).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    SkillGap gap = analysis.gaps().get(i);
                    FixtureData.Gap want = expected.get(i);
                    assertThat(gap.skill().elementId()).isEqualTo(want.elementId());
                    assertThat(gap.skill().elementName()).isEqualTo(want.elementName());
                    assertThat(Hundredths.toBigDecimal(gap.fromLevel())).isEqualByComparingTo(want.from());
                    assertThat(Hundredths.toBigDecimal(gap.toLevel())).isEqualByComparingTo(want.to());
                    assertThat(Hundredths.toBigDecimal(gap.difference())).isEqualByComparingTo(want.difference());
                }
            }
        }
    }

    @Test
    void oracleAgreesWithTheFixtureReadme() {
        // guards the test's own oracle against the published facts of the fixture
        List<FixtureData.Gap> cooksToNurses = FIXTURE.expectedGaps("35-2014.00", "29-1141.00");
        assertThat(cooksToNurses).hasSize(30);
        assertThat(cooksToNurses.get(0).elementName()).isEqualTo("Science");
        assertThat(FIXTURE.expectedGaps("15-1211.00", "15-1251.00")).extracting(FixtureData.Gap::elementName)
                .containsExactly("Programming", "Science");
    }

    @Test
    void differencesAreExactDecimals() {
        SkillGapAnalysis analysis = analyse(fixtureSnapshot(), "15-1211.00", "15-1251.00");
        // 4.88 - 4.00 would be 0.8799999999999999 in binary floating point
        assertThat(Hundredths.toBigDecimal(analysis.gaps().get(0).difference()).toString()).isEqualTo("0.88");
        assertThat(Hundredths.toBigDecimal(analysis.gaps().get(1).difference()).toString()).isEqualTo("0.87");
    }

    @Test
    void sameOccupationHasNoGaps() {
        assertThat(analyse(fixtureSnapshot(), "11-1021.00", "11-1021.00").gaps()).isEmpty();
    }

    @Test
    void aSkillTheSourceLacksCountsAsZeroAndOneTheTargetLacksIsNoGap() {
        SnapshotBuilder builder = new SnapshotBuilder(new ReleaseInfo("29.3", 1L, null, 1));
        builder.addSkill("2.A.1.a", "Reading Comprehension");
        builder.addSkill("2.A.1.b", "Active Listening");
        builder.addSkill("2.A.1.c", "Writing");
        builder.addOccupation("11-1111.00", "Source", "");
        builder.addOccupation("22-2222.00", "Target", "");
        builder.addRating("11-1111.00", "2.A.1.a", "LV", dec("1.00"), dec("1.00"), "onet");
        builder.addRating("11-1111.00", "2.A.1.c", "LV", dec("5.00"), dec("5.00"), "onet");
        builder.addRating("22-2222.00", "2.A.1.a", "LV", dec("2.00"), dec("2.00"), "onet");
        builder.addRating("22-2222.00", "2.A.1.b", "LV", dec("0.50"), dec("0.50"), "onet");
        builder.addRating("22-2222.00", "2.A.1.b", "IM", dec("3.25"), dec("3.25"), "onet");
        Snapshot snapshot = builder.build();

        SkillGapAnalysis analysis = analyse(snapshot, "11-1111.00", "22-2222.00");

        assertThat(analysis.gaps()).extracting(gap -> gap.skill().elementId()).containsExactly("2.A.1.a", "2.A.1.b");
        SkillGap absentInSource = analysis.gaps().get(1);
        assertThat(absentInSource.fromLevel()).isZero();
        assertThat(absentInSource.fromSource()).isNull();
        assertThat(absentInSource.toImportance()).isEqualTo(325);
        assertThat(analysis.gaps().get(0).toImportance()).isEqualTo(Hundredths.ABSENT);
    }

    @Test
    void equalDifferencesAreOrderedByElementId() {
        SnapshotBuilder builder = new SnapshotBuilder(new ReleaseInfo("29.3", 1L, null, 1));
        builder.addSkill("2.A.1.a", "A");
        builder.addSkill("2.A.1.b", "B");
        builder.addOccupation("11-1111.00", "Source", "");
        builder.addOccupation("22-2222.00", "Target", "");
        builder.addRating("22-2222.00", "2.A.1.b", "LV", dec("1.00"), dec("1.00"), "onet");
        builder.addRating("22-2222.00", "2.A.1.a", "LV", dec("1.00"), dec("1.00"), "onet");
        Snapshot snapshot = builder.build();
        assertThat(analyse(snapshot, "11-1111.00", "22-2222.00").gaps()).extracting(gap -> gap.skill().elementId())
                .containsExactly("2.A.1.a", "2.A.1.b");
    }

    @Test
    void llmValuesAreComparedOnlyWhenBothOccupationsAreFullyScored() {
        Map<String, String> sources = Map.of("11-1111.00", "llm", "22-2222.00", "llm", "33-3333.00", "onet",
                "44-4444.00", "onet_fallback");
        SnapshotBuilder builder = new SnapshotBuilder(new ReleaseInfo("29.3", 1L, null, 1));
        builder.addSkill("2.A.1.a", "Reading Comprehension");
        sources.forEach((code, source) -> builder.addOccupation(code, code, ""));
        // served (LLM) value 3.00 against analyst value 1.00 for the source; 2.00 / 2.00 for the targets
        builder.addRating("11-1111.00", "2.A.1.a", "LV", dec("3.00"), dec("1.00"), "llm");
        builder.addRating("22-2222.00", "2.A.1.a", "LV", dec("2.00"), dec("2.00"), "llm");
        builder.addRating("33-3333.00", "2.A.1.a", "LV", dec("2.00"), dec("2.00"), "onet");
        builder.addRating("44-4444.00", "2.A.1.a", "LV", dec("2.00"), dec("2.00"), "onet_fallback");
        Snapshot snapshot = builder.build();

        SkillGapAnalysis scored = analyse(snapshot, "11-1111.00", "22-2222.00");
        assertThat(scored.basis()).isEqualTo(ValueBasis.LLM);
        assertThat(scored.gaps()).isEmpty(); // 3.00 (llm) >= 2.00

        SkillGapAnalysis mixed = analyse(snapshot, "11-1111.00", "33-3333.00");
        assertThat(mixed.basis()).isEqualTo(ValueBasis.ONET);
        assertThat(mixed.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.fromLevel()).isEqualTo(100); // the analyst value, not the LLM's 3.00
            assertThat(gap.toLevel()).isEqualTo(200);
            assertThat(gap.fromSource()).isEqualTo("onet");
            assertThat(gap.toSource()).isEqualTo("onet");
        });

        SkillGapAnalysis reverse = analyse(snapshot, "22-2222.00", "11-1111.00");
        assertThat(reverse.basis()).isEqualTo(ValueBasis.LLM);
        assertThat(reverse.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.toLevel()).isEqualTo(300);
            assertThat(gap.fromSource()).isEqualTo("llm");
            assertThat(gap.toSource()).isEqualTo("llm");
        });
    }

    @Test
    void anOccupationWithAnOnetFallbackRowIsComparedOnAnalystValues() {
        // onet_fallback is the analyst value the LLM failed to replace: never an LLM level
        SkillGapAnalysis fallback = analyse(snapshotOf("onet_fallback"), "11-1111.00", "44-4444.00");
        assertThat(fallback.basis()).isEqualTo(ValueBasis.ONET);
        assertThat(fallback.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.fromLevel()).isEqualTo(100); // not the LLM's 3.00
            assertThat(gap.fromSource()).isEqualTo("onet");
            assertThat(gap.toSource()).isEqualTo("onet");
        });
        assertThat(analyse(snapshotOf("llm"), "11-1111.00", "44-4444.00").basis()).isEqualTo(ValueBasis.LLM);
    }

    /** 11-1111.00 scored by the LLM (3.00 over analyst 1.00); 44-4444.00 at 2.00 with the given value_source. */
    private static Snapshot snapshotOf(String targetSource) {
        SnapshotBuilder builder = new SnapshotBuilder(new ReleaseInfo("29.3", 1L, null, 1));
        builder.addSkill("2.A.1.a", "Reading Comprehension");
        builder.addOccupation("11-1111.00", "Source", "");
        builder.addOccupation("44-4444.00", "Target", "");
        builder.addRating("11-1111.00", "2.A.1.a", "LV", dec("3.00"), dec("1.00"), "llm");
        builder.addRating("44-4444.00", "2.A.1.a", "LV", dec("4.00"), dec("2.00"), targetSource);
        return builder.build();
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
