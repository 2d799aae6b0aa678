package dev.skillgap.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The O*NET fixture files read directly, and the skill gaps computed from them with plain
 * BigDecimal arithmetic, independently of the production code, as the tests' oracle.
 */
final class FixtureData {

    static final Path FOLDER = Path.of("src/test/resources/onet/fixture");

    /** One expected gap. */
    record Gap(String elementId, String elementName, BigDecimal from, BigDecimal to) {
        BigDecimal difference() {
            return to.subtract(from);
        }
    }

    final Map<String, String> titles = new LinkedHashMap<>();
    final Map<String, String> descriptions = new LinkedHashMap<>();
    final Map<String, String> skillNames = new TreeMap<>();
    /** code -> element id -> value, per scale. */
    final Map<String, Map<String, BigDecimal>> level = new TreeMap<>();
    final Map<String, Map<String, BigDecimal>> importance = new TreeMap<>();

    FixtureData() {
        for (String[] row : rows("Occupation Data.txt")) {
            titles.put(row[0], row[1]);
            descriptions.put(row[0], row[2]);
        }
        for (String[] row : rows("Skills.txt")) {
            skillNames.put(row[1], row[2]);
            Map<String, Map<String, BigDecimal>> scale = switch (row[3]) {
                case "LV" -> level;
                case "IM" -> importance;
                default -> null;
            };
            if (scale != null) {
                scale.computeIfAbsent(row[0], code -> new TreeMap<>()).put(row[1], new BigDecimal(row[4]));
            }
        }
    }

    /** Occupations that have skill rows. */
    List<String> ratedCodes() {
        return new ArrayList<>(level.keySet());
    }

    /** PRD FR4.2: skills "to" rates on LV that "from" lacks (0) or rates lower; largest difference first. */
    List<Gap> expectedGaps(String from, String to) {
        Map<String, BigDecimal> source = level.getOrDefault(from, Map.of());
        List<Gap> gaps = new ArrayList<>();
        level.getOrDefault(to, Map.of()).forEach((elementId, toValue) -> {
            BigDecimal fromValue = source.getOrDefault(elementId, BigDecimal.ZERO);
            if (toValue.compareTo(fromValue) > 0) {
                gaps.add(new Gap(elementId, skillNames.get(elementId), fromValue, toValue));
            }
        });
        gaps.sort(Comparator.comparing(Gap::difference).reversed().thenComparing(Gap::elementId));
        return gaps;
    }

    private static List<String[]> rows(String file) {
        try {
            List<String> lines = Files.readAllLines(FOLDER.resolve(file), StandardCharsets.UTF_8);
            return lines.subList(1, lines.size()).stream().map(line -> line.split("\t", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
