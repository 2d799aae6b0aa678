package dev.skillgap.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A staged release whose files all parsed and validated: the rows to write, table by table. */
public final class ParsedRelease {

    /** The rows of one table, and the folder under {@code sql/} holding that table's statements. */
    public record TableRows(String sqlFolder, List<Map<String, Object>> rows) {
    }

    private final StagedRelease staged;
    private final Map<OnetFileKind, ParsedFile> files;
    private final long startedAtNanos = System.nanoTime();

    ParsedRelease(StagedRelease staged, Map<OnetFileKind, ParsedFile> files) {
        this.staged = staged;
        this.files = new EnumMap<>(files);
    }

    public StagedRelease staged() {
        return staged;
    }

    public boolean has(OnetFileKind kind) {
        return files.containsKey(kind);
    }

    public List<Map<String, Object>> rows(OnetFileKind kind) {
        ParsedFile file = files.get(kind);
        return file == null ? List.of() : file.rows();
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedAtNanos) / 1_000_000;
    }

    /** Upserts in an order that satisfies the foreign keys: parents first. */
    public List<TableRows> upserts() {
        List<TableRows> upserts = new ArrayList<>();
        if (has(OnetFileKind.SCALES)) {
            upserts.add(new TableRows("scales", rows(OnetFileKind.SCALES)));
        }
        if (has(OnetFileKind.OCCUPATIONS)) {
            upserts.add(new TableRows("occupations", rows(OnetFileKind.OCCUPATIONS)));
        }
        if (has(OnetFileKind.CONTENT_MODEL)) {
            upserts.add(new TableRows("content-model-reference", rows(OnetFileKind.CONTENT_MODEL)));
        }
        if (has(OnetFileKind.LEVEL_SCALE_ANCHORS)) {
            upserts.add(new TableRows("level-scale-anchors", rows(OnetFileKind.LEVEL_SCALE_ANCHORS)));
        }
        if (has(OnetFileKind.SKILLS)) {
            upserts.add(new TableRows("skills", distinctSkills()));
            upserts.add(new TableRows("occupation-skills", rows(OnetFileKind.SKILLS)));
        }
        if (has(OnetFileKind.JOB_ZONES)) {
            upserts.add(new TableRows("job-zones", rows(OnetFileKind.JOB_ZONES)));
        }
        if (has(OnetFileKind.RELATED_OCCUPATIONS)) {
            upserts.add(new TableRows("related-occupations", rows(OnetFileKind.RELATED_OCCUPATIONS)));
        }
        return upserts;
    }

    /** Tables whose rows missing from this release are deleted: children first. */
    public List<String> staleDeletes() {
        List<String> folders = new ArrayList<>();
        upserts().forEach(t -> folders.add(0, t.sqlFolder()));
        return folders;
    }

    /** The Skills table: one row per Element ID of Skills.txt (names are checked to agree). */
    List<Map<String, Object>> distinctSkills() {
        Map<Object, Map<String, Object>> skills = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(OnetFileKind.SKILLS)) {
            skills.computeIfAbsent(row.get("element_id"), id -> {
                Map<String, Object> skill = new LinkedHashMap<>();
                skill.put("element_id", id);
                skill.put("element_name", row.get("element_name"));
                skill.put("release_id", row.get("release_id"));
                return skill;
            });
        }
        return new ArrayList<>(skills.values());
    }

    /** Stamps every row with the release that writes it; rows of the previous release are then stale. */
    void assignRelease(long releaseId) {
        files.values().forEach(f -> f.rows().forEach(r -> r.put("release_id", releaseId)));
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        files.forEach((kind, file) -> s.append(s.isEmpty() ? "" : ", ")
                .append(file.source().fileName()).append(' ').append(file.rows().size()).append(" rows"));
        return s.toString();
    }
}
