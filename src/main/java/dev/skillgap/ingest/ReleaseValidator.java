package dev.skillgap.ingest;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReleaseValidator.class);

    /** The columns that identify a row, per table (sql/ folder); sql/<folder>/loaded-keys.sql selects them in this order. */
    static final Map<String, List<String>> KEY_COLUMNS = Map.of(
            "scales", List.of("scale_id"),
            "occupations", List.of("onetsoc_code"),
            "content-model-reference", List.of("element_id"),
            "level-scale-anchors", List.of("element_id", "scale_id", "anchor_value"),
            "skills", List.of("element_id"),
            "occupation-skills", List.of("onetsoc_code", "element_id", "scale_id"),
            "job-zones", List.of("onetsoc_code"),
            "related-occupations", List.of("onetsoc_code", "related_onetsoc_code"));
    private static final Map<String, String> TABLE_NAMES = Map.of(
            "scales", "Scales", "occupations", "Occupations", "content-model-reference", "Content_Model_Reference",
            "level-scale-anchors", "Level_Scale_Anchors", "skills", "Skills",
            "occupation-skills", "Occupation_Skills (skill ratings)", "job-zones", "Job_Zones",
            "related-occupations", "Related_Occupations");
    /** The two scales on which every rated occupation has every skill. */
    private static final List<String> RATED_SCALES = List.of("IM", "LV");

    private final ReleaseRepository repository;
    private final int maxReportedErrors;
    private final double maxRemovedShare;

    public ReleaseValidator(ReleaseRepository repository,
                            @Value("${skillgap.ingest.max-reported-errors:20}") int maxReportedErrors,
                            IngestProperties properties) {
        this.repository = repository;
        this.maxReportedErrors = maxReportedErrors;
        this.maxRemovedShare = properties.maxRemovedShare();
    }

    /**
     * Rejects, before anything is parsed, a release with files that cannot be loaded (see {@link StagingArea})
     * or with no O*NET file at all (a Read Me alone, a zip without O*NET files).
     */
    public void checkStaged(StagedRelease staged) throws InvalidReleaseException {
        if (!staged.problems().isEmpty()) {
            throw InvalidReleaseException.unloadable(staged.problems());
        }
        if (staged.files().isEmpty()) {
            Map<String, String> problems = new LinkedHashMap<>();
            for (var path : staged.companions()) {
                problems.put(path.getFileName().toString(), "no O*NET file to load came with it. This service loads "
                        + String.join(", ", java.util.Arrays.stream(OnetFileKind.values())
                                .map(k -> k.fileNames().get(0)).toList())
                        + " (or the release zip holding them); a Read Me or another file alone is not a release");
            }
            throw InvalidReleaseException.unloadable(problems);
        }
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
        long started = System.nanoTime();
        checkReferences(release, errors, counts);
        long referencesDone = System.nanoTime();
        if (release.has(OnetFileKind.SKILLS)) {
            checkComplete(release, errors, counts);
        }
        long completeDone = System.nanoTime();
        if (!errors.isEmpty()) {
            throw new InvalidReleaseException(errors, counts);
        }
        if (!staged.removalConfirmed()) {
            checkRemovals(release);
        }
        log.info("Checked the release across its files: references {} ms, completeness {} ms, removals {} ms{}",
                (referencesDone - started) / 1_000_000, (completeDone - referencesDone) / 1_000_000,
                (System.nanoTime() - completeDone) / 1_000_000, staged.removalConfirmed() ? " (confirmed)" : "");
        return release;
    }

    /**
     * As in O*NET, every occupation Skills.txt rates has every skill of the file (the file's own skill set) on
     * both IM and LV; an occupation with fewer means a file cut short or edited, and the file is rejected.
     */
    private void checkComplete(ParsedRelease release, Map<String, List<String>> errors, Map<String, Integer> counts) {
        Set<Object> skills = new java.util.TreeSet<>();
        Map<Object, Set<String>> rated = new java.util.TreeMap<>();
        Map<Object, Integer> lastLine = new HashMap<>();
        for (Map<String, Object> row : release.rows(OnetFileKind.SKILLS)) {
            skills.add(row.get("element_id"));
            Set<String> ratings = rated.computeIfAbsent(row.get("onetsoc_code"), c -> new HashSet<>());
            if (RATED_SCALES.contains(row.get("scale_id"))) {
                ratings.add(row.get("element_id") + " " + row.get("scale_id"));
            }
            lastLine.merge(row.get("onetsoc_code"), (Integer) row.get("line"), Math::max);
        }
        ErrorLog log = new ErrorLog(maxReportedErrors);
        int expected = skills.size() * RATED_SCALES.size();
        rated.forEach((code, ratings) -> {
            if (ratings.size() < expected) {
                List<String> missing = new java.util.ArrayList<>();
                for (Object skill : skills) {
                    for (String scale : RATED_SCALES) {
                        if (!ratings.contains(skill + " " + scale)) {
                            missing.add(skill + " " + scale);
                        }
                    }
                }
                log.add(lastLine.get(code), "O*NET-SOC Code " + code + " has " + ratings.size() + " of its " + expected
                        + " ratings (each of the file's " + skills.size() + " skills on IM and LV); missing "
                        + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                        + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : "")
                        + ". O*NET rates every skill of an occupation on both scales: the file looks cut short or"
                        + " edited");
            }
        });
        record(errors, counts, fileName(release, OnetFileKind.SKILLS), log);
    }

    /**
     * Holds a release that would remove more than the allowed share of the loaded rows of any table it
     * replaces (the same rule for every kind of file), until a person confirms it.
     */
    private void checkRemovals(ParsedRelease release) throws InvalidReleaseException {
        List<String> lines = new java.util.ArrayList<>();
        for (ParsedRelease.TableRows table : release.upserts()) {
            List<String> columns = KEY_COLUMNS.get(table.sqlFolder());
            Set<String> loaded = repository.loadedKeys(table.sqlFolder());
            if (loaded.isEmpty()) {
                continue;
            }
            Set<String> kept = new HashSet<>();
            table.rows().forEach(r -> kept.add(key(columns.stream().map(r::get).toList())));
            List<String> removed = loaded.stream().filter(k -> !kept.contains(k)).sorted().toList();
            double share = (double) removed.size() / loaded.size();
            if (share > maxRemovedShare) {
                lines.add(String.format(java.util.Locale.ROOT,
                        "  %s: %d of the %d loaded rows would be removed (%.1f%%), for example %s",
                        TABLE_NAMES.get(table.sqlFolder()), removed.size(), loaded.size(), 100 * share,
                        String.join(", ", removed.subList(0, Math.min(3, removed.size())))));
            }
        }
        if (!lines.isEmpty()) {
            String files = String.join(", ", release.staged().files().stream().map(StagedFile::fileName).toList());
            throw InvalidReleaseException.held(String.format(java.util.Locale.ROOT,
                    "This release (%s) was HELD, not loaded: it would remove more than %.1f%% of what is loaded"
                            + " (skillgap.ingest.max-removed-share):%n%s%nA file cut short, or the wrong file,"
                            + " looks like this.", files, 100 * maxRemovedShare, String.join("\n", lines)));
        }
    }

    /** A row's identity as text: the same for a parsed row and a loaded one (numbers without trailing zeros). */
    static String key(List<?> values) {
        StringBuilder key = new StringBuilder();
        for (Object v : values) {
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v));
        }
        return key.toString();
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
        // Job Zones and Related Occupations name occupations of this release's (or the loaded) Occupation Data. A
        // release without them keeps the loaded rows, like any other kind; rows naming an occupation that a newer
        // Occupation Data dropped stay in the table but are never served (the snapshot joins on Occupations).
        if (release.has(OnetFileKind.JOB_ZONES)) {
            ErrorLog log = new ErrorLog(maxReportedErrors);
            for (Map<String, Object> row : release.rows(OnetFileKind.JOB_ZONES)) {
                if (!occupations.contains(row.get("onetsoc_code"))) {
                    log.add((Integer) row.get("line"), "O*NET-SOC Code " + row.get("onetsoc_code")
                            + " is not in Occupation Data");
                }
            }
            record(errors, counts, fileName(release, OnetFileKind.JOB_ZONES), log);
        }
        if (release.has(OnetFileKind.RELATED_OCCUPATIONS)) {
            ErrorLog log = new ErrorLog(maxReportedErrors);
            for (Map<String, Object> row : release.rows(OnetFileKind.RELATED_OCCUPATIONS)) {
                for (String column : List.of("onetsoc_code", "related_onetsoc_code")) {
                    if (!occupations.contains(row.get(column))) {
                        log.add((Integer) row.get("line"), (column.equals("onetsoc_code") ? "O*NET-SOC Code "
                                : "Related O*NET-SOC Code ") + row.get(column) + " is not in Occupation Data");
                    }
                }
            }
            record(errors, counts, fileName(release, OnetFileKind.RELATED_OCCUPATIONS), log);
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
