package dev.skillgap.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one place that writes API bodies. Every answer is {"success", "message", "result"} (PRD
 * FR4.3/FR4.4); every error is {"success": false, "message": ..., "result": {"skill_gaps": []}}.
 * Numbers are written from exact hundredths as JSON numbers with two decimals.
 */
public final class ApiJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ApiJson() {
    }

    public static ApiReply error(int status, String message) {
        return write(status, false, message, json -> {
            json.writeArrayFieldStart("skill_gaps");
            json.writeEndArray();
        });
    }

    public static ApiReply skillGap(SkillGapAnalysis analysis, ReleaseInfo release) {
        OccupationProfile from = analysis.from();
        OccupationProfile to = analysis.to();
        String message = "Successfully identified skill gap from '" + from.title() + "' to '" + to.title()
                + "' based on 'LV' scale.";
        return write(200, true, message, json -> {
            json.writeStringField("from_occupation_title", from.title());
            json.writeStringField("to_occupation_title", to.title());
            json.writeArrayFieldStart("skill_gaps");
            for (SkillGap gap : analysis.gaps()) {
                json.writeStartObject();
                json.writeStringField("element_id", gap.skill().elementId());
                json.writeStringField("element_name", gap.skill().elementName());
                json.writeStringField("scale_id", "LV");
                number(json, "from_data_value", gap.fromLevel());
                number(json, "to_data_value", gap.toLevel());
                number(json, "difference", gap.difference());
                number(json, "to_importance", gap.toImportance());
                json.writeStringField("from_value_source", gap.fromSource());
                json.writeStringField("to_value_source", gap.toSource());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("from_occupation_code", from.code());
            json.writeStringField("to_occupation_code", to.code());
            json.writeStringField("value_basis", analysis.basis().json());
            releaseFields(json, release);
        });
    }

    public static ApiReply occupationSearch(String query, int page, int pageSize, List<OccupationProfile> matches,
                                            ReleaseInfo release) {
        int first = Math.min((page - 1) * pageSize, matches.size());
        int last = Math.min(first + pageSize, matches.size());
        String message = "Found " + matches.size() + (matches.size() == 1 ? " occupation" : " occupations")
                + (query.isEmpty() ? "." : " matching '" + query + "'.");
        return write(200, true, message, json -> {
            json.writeStringField("query", query);
            json.writeNumberField("page", page);
            json.writeNumberField("page_size", pageSize);
            json.writeNumberField("total", matches.size());
            json.writeArrayFieldStart("occupations");
            for (OccupationProfile occupation : matches.subList(first, last)) {
                json.writeStartObject();
                json.writeStringField("code", occupation.code());
                json.writeStringField("title", occupation.title());
                json.writeBooleanField("has_skill_data", occupation.hasSkillData());
                json.writeEndObject();
            }
            json.writeEndArray();
            releaseFields(json, release);
        });
    }

    public static ApiReply occupation(OccupationProfile occupation, List<Skill> skills, ReleaseInfo release) {
        String message = "Occupation " + occupation.code() + " '" + occupation.title() + "'.";
        return write(200, true, message, json -> {
            json.writeStringField("code", occupation.code());
            json.writeStringField("title", occupation.title());
            json.writeStringField("description", occupation.description());
            json.writeBooleanField("has_skill_data", occupation.hasSkillData());
            json.writeArrayFieldStart("skills");
            for (Skill skill : skills) {
                int index = skill.index();
                if (!occupation.hasLevel(index) && !occupation.hasImportance(index)) {
                    continue;
                }
                json.writeStartObject();
                json.writeStringField("element_id", skill.elementId());
                json.writeStringField("element_name", skill.elementName());
                number(json, "lv_data_value", occupation.levelServed(index));
                number(json, "lv_onet_data_value", occupation.levelOnet(index));
                json.writeStringField("lv_value_source", occupation.levelSource(index));
                number(json, "im_data_value", occupation.importance(index));
                json.writeEndObject();
            }
            json.writeEndArray();
            releaseFields(json, release);
        });
    }

    public static ApiReply release(Snapshot snapshot) {
        ReleaseInfo release = snapshot.release();
        String message = release.releaseId() == null
                ? "No O*NET release has been loaded yet."
                : "Serving O*NET " + (release.onetVersion() == null ? "(version unknown)" : release.onetVersion())
                        + " from release load " + release.releaseId() + ", data version " + release.dataVersion() + ".";
        return write(200, true, message, json -> {
            json.writeStringField("onet_version", release.onetVersion());
            if (release.releaseId() == null) {
                json.writeNullField("release_id");
            } else {
                json.writeNumberField("release_id", release.releaseId());
            }
            json.writeStringField("loaded_at", release.loadedAt() == null ? null : release.loadedAt().toString());
            json.writeNumberField("data_version", release.dataVersion());
            json.writeNumberField("occupations", snapshot.occupationCount());
            json.writeNumberField("occupations_with_skill_data", snapshot.occupationsWithSkillData());
            json.writeNumberField("skills", snapshot.skills().size());
        });
    }

    private static void releaseFields(JsonGenerator json, ReleaseInfo release) throws IOException {
        json.writeStringField("onet_version", release.onetVersion());
        json.writeNumberField("data_version", release.dataVersion());
    }

    /** A hundredths value as a JSON number, or null when absent. */
    private static void number(JsonGenerator json, String field, int hundredths) throws IOException {
        json.writeFieldName(field);
        if (hundredths == Hundredths.ABSENT) {
            json.writeNull();
        } else {
            json.writeNumber(Hundredths.text(hundredths));
        }
    }

    @FunctionalInterface
    private interface ResultWriter {
        void write(JsonGenerator json) throws IOException;
    }

    private static ApiReply write(int status, boolean success, String message, ResultWriter result) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(2048);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeBooleanField("success", success);
            json.writeStringField("message", message);
            json.writeObjectFieldStart("result");
            result.write(json);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory; cannot happen
        }
        return new ApiReply(status, bytes.toByteArray());
    }
}
