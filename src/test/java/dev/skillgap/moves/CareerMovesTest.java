package dev.skillgap.moves;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The similarity ranking on the real ratings and job zones of the fixture's six rated occupations (O*NET 29.3). */
class CareerMovesTest {

    private static final Path FIXTURE = Path.of("src/test/resources/onet/fixture");
    private static final CareerMoves.Weights SKILLS_ONLY = new CareerMoves.Weights(1, 0, 0);

    @Test
    void computerProgrammersAreClosestToComputerSystemsAnalystsByTheirSkills() throws IOException {
        CareerMoves moves = CareerMoves.build(candidates(Map.of()), SKILLS_ONLY);
        assertThat(moves.size()).isEqualTo(6);
        assertThat(codes(moves, "15-1251.00")).first().isEqualTo("15-1211.00");
        assertThat(codes(moves, "15-1211.00")).first().isEqualTo("15-1251.00");
        // the cooks' skill profile is closer to the carpenters' than to the registered nurses'
        List<String> cooks = codes(moves, "35-2014.00");
        assertThat(cooks.indexOf("47-2031.00")).isLessThan(cooks.indexOf("29-1141.00"));
    }

    @Test
    void everyRankingListsEveryOtherOccupationOnceMostSimilarFirst() throws IOException {
        CareerMoves moves = CareerMoves.build(candidates(Map.of()), new CareerMoves.Weights(0.2, 0.2, 1.0));
        for (int source = 0; source < moves.size(); source++) {
            int[] ranked = moves.ranked(source);
            assertThat(ranked).hasSize(moves.size() - 1).doesNotContain(source);
            assertThat(Arrays.stream(ranked).distinct().count()).isEqualTo(moves.size() - 1);
            for (int i = 1; i < ranked.length; i++) {
                assertThat(moves.score(source, ranked[i])).isLessThanOrEqualTo(moves.score(source, ranked[i - 1]));
            }
        }
        assertThat(moves.indexOf("15-1252.00")).as("no skill ratings: not a candidate").isEqualTo(-1);
    }

    @Test
    void jobZoneAlonePutsTheSameJobZoneFirst() throws IOException {
        CareerMoves moves = CareerMoves.build(candidates(Map.of()), new CareerMoves.Weights(0, 1, 0));
        // cooks and carpenters are the fixture's two job zone 2 occupations
        assertThat(codes(moves, "35-2014.00")).first().isEqualTo("47-2031.00");
        assertThat(codes(moves, "47-2031.00")).first().isEqualTo("35-2014.00");
    }

    @Test
    void theTextSignalIsUsedOnlyOnceEmbeddingsExistAndCanReorderTheMoves() throws IOException {
        CareerMoves withoutText = CareerMoves.build(candidates(Map.of()), new CareerMoves.Weights(0.2, 0.2, 1.0));
        assertThat(withoutText.signals()).containsExactly(CareerMoves.Signal.SKILLS, CareerMoves.Signal.JOB_ZONE);

        // texts that make the cooks the programmers' nearest neighbour, everyone else orthogonal
        Map<String, float[]> texts = new HashMap<>();
        String[] codes = {"11-1021.00", "15-1211.00", "15-1251.00", "29-1141.00", "35-2014.00", "47-2031.00"};
        for (int i = 0; i < codes.length; i++) {
            float[] v = new float[8];
            v[i] = 1;
            texts.put(codes[i], v);
        }
        texts.put("35-2014.00", texts.get("15-1251.00"));
        CareerMoves textOnly = CareerMoves.build(candidates(texts), new CareerMoves.Weights(0, 0, 1));
        assertThat(textOnly.signals()).containsExactlyInAnyOrder(CareerMoves.Signal.values());
        assertThat(codes(textOnly, "15-1251.00")).first().isEqualTo("35-2014.00");
    }

    @Test
    void aRankingIsKeptOnlyForTheSameInputs() throws IOException {
        List<CareerMoves.Candidate> candidates = candidates(Map.of());
        CareerMoves.Weights weights = new CareerMoves.Weights(0.2, 0.2, 1.0);
        CareerMoves moves = CareerMoves.build(candidates, weights);
        assertThat(moves.sameInputs(candidates(Map.of()), weights)).isTrue();
        assertThat(moves.sameInputs(candidates, new CareerMoves.Weights(0.3, 0.2, 1.0))).isFalse();
        List<CareerMoves.Candidate> changed = new ArrayList<>(candidates);
        CareerMoves.Candidate first = changed.get(0);
        double[] level = first.level().clone();
        level[0] += 0.01;
        changed.set(0, new CareerMoves.Candidate(first.code(), level, first.importance(), first.jobZone(), first.text()));
        assertThat(moves.sameInputs(changed, weights)).isFalse();
    }

    @Test
    void rankingsComputedOnDemandByConcurrentRequestsAreTheWholeMatrixRankings() throws Exception {
        List<CareerMoves.Candidate> candidates = candidates(Map.of());
        CareerMoves.Weights weights = new CareerMoves.Weights(0.2, 0.2, 1.0);
        CareerMoves moves = CareerMoves.build(candidates, weights);
        CareerMoves.Signals whole = CareerMoves.Signals.of(candidates);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<int[]>> first = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                for (int source = 0; source < moves.size(); source++) {
                    int s = source;
                    first.add(pool.submit(() -> moves.ranked(s)));
                }
            }
            for (int i = 0; i < first.size(); i++) {
                int source = i % moves.size();
                float[] scores = whole.combined(source, weights);
                assertThat(first.get(i).get()).isEqualTo(whole.rank(scores, source))
                        .as("one kept row per source").isSameAs(moves.ranked(source));
                for (int target = 0; target < moves.size(); target++) {
                    assertThat(moves.score(source, target)).isEqualTo(scores[target]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> codes(CareerMoves moves, String source) {
        return Arrays.stream(moves.ranked(moves.indexOf(source))).mapToObj(moves::code).toList();
    }

    /** The rated occupations of the fixture's Skills.txt (LV and IM per skill) with their Job Zones.txt zone. */
    static List<CareerMoves.Candidate> candidates(Map<String, float[]> texts) throws IOException {
        Map<String, Map<String, double[]>> ratings = new TreeMap<>();
        TreeSet<String> skills = new TreeSet<>();
        List<String> lines = Files.readAllLines(FIXTURE.resolve("Skills.txt"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            skills.add(f[1]);
            double[] lvIm = ratings.computeIfAbsent(f[0], c -> new TreeMap<>()).computeIfAbsent(f[1], e -> new double[2]);
            lvIm[f[3].equals("LV") ? 0 : 1] = Double.parseDouble(f[4]);
        }
        Map<String, Integer> zones = new HashMap<>();
        List<String> zoneLines = Files.readAllLines(FIXTURE.resolve("Job Zones.txt"), StandardCharsets.UTF_8);
        for (String line : zoneLines.subList(1, zoneLines.size())) {
            String[] f = line.split("\t");
            zones.put(f[0], Integer.parseInt(f[1]));
        }
        List<String> skillIds = new ArrayList<>(skills);
        List<CareerMoves.Candidate> candidates = new ArrayList<>();
        ratings.forEach((code, bySkill) -> {
            double[] level = new double[skillIds.size()];
            double[] importance = new double[skillIds.size()];
            for (int k = 0; k < skillIds.size(); k++) {
                level[k] = bySkill.get(skillIds.get(k))[0];
                importance[k] = bySkill.get(skillIds.get(k))[1];
            }
            candidates.add(new CareerMoves.Candidate(code, level, importance, zones.get(code), texts.get(code)));
        });
        return candidates;
    }
}
