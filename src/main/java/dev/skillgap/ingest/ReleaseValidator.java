package dev.skillgap.ingest;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks a staged release as a whole: every file parsed, and every reference resolves, against
 * the files of this release or, for a kind this release does not carry, the data already loaded.
 */
@Component
public class ReleaseValidator {

    private final ReleaseRepository repository;
    private final int maxReportedErrors;

    public ReleaseValidator(ReleaseRepository repository,
                            @Value("${skillgap.ingest.max-reported-errors:20}") int maxReportedErrors) {
        this.repository = repository;
        this.maxReportedErrors = maxReportedErrors;
    }

    public ParsedRelease validate(StagedRelease staged, List<ParsedFile> parsedFiles) throws InvalidReleaseException {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<OnetFileKind, ParsedFile> files = new EnumMap<>(OnetFileKind.class);
        for (ParsedFile file : parsedFiles) {
            if (files.containsKey(file.source().kind())) {
                String other = files.get(file.source().kind()).source().fileName();
                record(errors, counts, file.source().fileName(), 1,
                        List.of("line 1: the release holds this file twice (also as " + other + "); drop one of them"));
            }
            files.put(file.source().kind(), file);
            if (!file.isValid()) {
                record(errors, counts, file.source().fileName(), file.errorCount(), file.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidReleaseException(errors, counts);
        }
        ParsedRelease release = new ParsedRelease(staged, files);
        checkReferences(release, errors, counts);
        if (!errors.isEmpty()) {
            throw new InvalidReleaseException(errors, counts);
        }
        return release;
    }

    private void checkReferences(ParsedRelease release, Map<String, List<String>> errors, Map<String, Integer> counts) {
        Map<String, BigDecimal[]> scales = release.has(OnetFileKind.SCALES)
                ? scaleRanges(release.rows(OnetFileKind.SCALES)) : repository.loadedScaleRanges();
        Set<String> occupations = release.has(OnetFileKind.OCCUPATIONS)
                ? keys(release.rows(OnetFileKind.OCCUPATIONS), "onetsoc_code") : repository.loadedOccupationCodes();
        Set<String> elements = release.has(OnetFileKind.CONTENT_MODEL)
                ? keys(release.rows(OnetFileKind.CONTENT_MODEL), "element_id") : repository.loadedContentModelElements();

        if (release.has(OnetFileKind.SKILLS)) {
            ErrorLog log = new ErrorLog(maxReportedErrors);
            Map<Object, Object> names = new HashMap<>();
            for (Map<String, Object> row : release.rows(OnetFileKind.SKILLS)) {
                int line = (Integer) row.get("line");
                if (!occupations.contains(row.get("onetsoc_code"))) {
                    log.add(line, "O*NET-SOC Code " + row.get("onetsoc_code") + " is not in Occupation Data");
                }
                BigDecimal[] range = scales.get(row.get("scale_id"));
                BigDecimal value = (BigDecimal) row.get("data_value");
                if (range == null) {
                    log.add(line, "Scale ID " + row.get("scale_id") + " is not in Scales Reference");
                } else if (value.compareTo(range[0]) < 0 || value.compareTo(range[1]) > 0) {
                    log.add(line, "Data Value " + value + " is outside the " + row.get("scale_id")
                            + " scale (" + range[0].stripTrailingZeros().toPlainString() + " to "
                            + range[1].stripTrailingZeros().toPlainString() + ")");
                }
                if (!elements.isEmpty() && !elements.contains(row.get("element_id"))) {
                    log.add(line, "Element ID " + row.get("element_id") + " is not in Content Model Reference");
                }
                Object name = names.putIfAbsent(row.get("element_id"), row.get("element_name"));
                if (name != null && !name.equals(row.get("element_name"))) {
                    log.add(line, "Element ID " + row.get("element_id") + " is named '" + row.get("element_name")
                            + "' here but '" + name + "' above");
                }
            }
            record(errors, counts, fileName(release, OnetFileKind.SKILLS), log);
        } else {
            // The loaded skill rows stay: the new Occupation Data and Scales must still cover them.
            if (release.has(OnetFileKind.OCCUPATIONS)) {
                ErrorLog log = new ErrorLog(maxReportedErrors);
                for (String code : repository.occupationCodesWithSkills()) {
                    if (!occupations.contains(code)) {
                        log.add(1, "O*NET-SOC Code " + code + " is missing, but the loaded Skills have rows for it;"
                                + " drop Skills.txt with this file");
                    }
                }
                record(errors, counts, fileName(release, OnetFileKind.OCCUPATIONS), log);
            }
            if (release.has(OnetFileKind.SCALES)) {
                ErrorLog log = new ErrorLog(maxReportedErrors);
                for (String scale : repository.scaleIdsWithSkills()) {
                    if (!scales.containsKey(scale)) {
                        log.add(1, "Scale ID " + scale + " is missing, but the loaded Skills use it");
                    }
                }
                record(errors, counts, fileName(release, OnetFileKind.SCALES), log);
            }
        }
        if (release.has(OnetFileKind.LEVEL_SCALE_ANCHORS)) {
            ErrorLog log = new ErrorLog(maxReportedErrors);
            for (Map<String, Object> row : release.rows(OnetFileKind.LEVEL_SCALE_ANCHORS)) {
                if (!scales.containsKey(row.get("scale_id"))) {
                    log.add((Integer) row.get("line"), "Scale ID " + row.get("scale_id") + " is not in Scales Reference");
                }
            }
            record(errors, counts, fileName(release, OnetFileKind.LEVEL_SCALE_ANCHORS), log);
        }
    }

    private static String fileName(ParsedRelease release, OnetFileKind kind) {
        return release.staged().files().stream().filter(f -> f.kind() == kind)
                .findFirst().map(StagedFile::fileName).orElse(kind.fileNames().get(0));
    }

    private static void record(Map<String, List<String>> errors, Map<String, Integer> counts, String file, ErrorLog log) {
        if (log.count() > 0) {
            record(errors, counts, file, log.count(), log.first());
        }
    }

    private static void record(Map<String, List<String>> errors, Map<String, Integer> counts, String file,
                               int count, List<String> first) {
        errors.merge(file, first, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        counts.merge(file, count, Integer::sum);
    }

    private static Map<String, BigDecimal[]> scaleRanges(List<Map<String, Object>> rows) {
        Map<String, BigDecimal[]> ranges = new HashMap<>();
        rows.forEach(r -> ranges.put((String) r.get("scale_id"),
                new BigDecimal[] {(BigDecimal) r.get("minimum"), (BigDecimal) r.get("maximum")}));
        return ranges;
    }

    private static Set<String> keys(List<Map<String, Object>> rows, String column) {
        return rows.stream().map(r -> (String) r.get(column)).collect(java.util.stream.Collectors.toSet());
    }
}
