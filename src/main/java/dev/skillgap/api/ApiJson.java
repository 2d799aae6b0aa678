package dev.skillgap.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

    /**
     * The error body for a status the HTTP layer decides before (or instead of) an API route: unknown
     * path, wrong method, unacceptable Accept, a request Tomcat rejects. The message is fixed per
     * status: nothing of the request (path, parameters, headers) is echoed.
     */
    public static ApiReply httpError(int status) {
        return error(status, httpErrorMessage(status));
    }

    static String httpErrorMessage(int status) {
        return switch (status) {
            case 400 -> "Error: Bad request. The request line, URL or headers are not valid HTTP.";
            case 404 -> "Error: Not found. The API serves GET /skill-gap, /occupations, /occupations/{code}, /release"
                    + " and /openapi.json.";
            case 405 -> "Error: Method not allowed. The API answers GET only.";
            case 406 -> "Error: Not acceptable. The API answers application/json only.";
            case 408 -> "Error: Request timeout.";
            case 413, 414, 431 -> "Error: The request is too large (URL, headers or body).";
            case 415 -> "Error: Unsupported media type.";
            case 503 -> "Error: The service is not available yet. Retry in a few seconds.";
            default -> status >= 500 ? "An internal server error occurred."
                    : "Error: The request cannot be answered (HTTP " + status + ").";
        };
    }

    /**
     * The hot path: bytes assembled from fragments escaped at load time (skill items, titles) and
     * a table of number texts, so a request only copies bytes. Same shape as every other body.
     */
    public static ApiReply skillGap(SkillGapAnalysis analysis, ReleaseInfo release) {
        OccupationProfile from = analysis.from();
        OccupationProfile to = analysis.to();
        Bytes out = new Bytes(24 + 14 * analysis.gaps().size());
        out.add(GAP_MESSAGE_START).add(from.jsonTitle()).add(GAP_MESSAGE_MIDDLE).add(to.jsonTitle())
                .add(GAP_MESSAGE_END).add(from.jsonTitle()).add(GAP_TO_TITLE).add(to.jsonTitle()).add(GAP_LIST_START);
        boolean first = true;
        for (SkillGap gap : analysis.gaps()) {
            if (!first) {
                out.add(COMMA);
            }
            first = false;
            out.add(gap.skill().gapJson()).add(number(gap.fromLevel()))
                    .add(TO_DATA_VALUE).add(number(gap.toLevel()))
                    .add(DIFFERENCE).add(number(gap.difference()))
                    .add(TO_IMPORTANCE).add(number(gap.toImportance()))
                    .add(FROM_VALUE_SOURCE).add(source(gap.fromSource()))
                    .add(TO_VALUE_SOURCE).add(source(gap.toSource())).add(OBJECT_END);
        }
        out.add(FROM_CODE).add(ascii(from.code())).add(TO_CODE).add(ascii(to.code()))
                .add(VALUE_BASIS).add(ascii(analysis.basis().json()))
                .add(ONET_VERSION).add(release.onetVersion() == null ? NULL : quoted(release.onetVersion()))
                .add(DATA_VERSION).add(ascii(Long.toString(release.dataVersion()))).add(GAP_END);
        return new ApiReply(200, out.toByteArray());
    }

    /** `{"element_id":"…","element_name":"…","scale_id":"LV","from_data_value":` for one skill. */
    static byte[] gapItemStart(String elementId, String elementName) {
        return concat(ascii("{\"element_id\":\""), escape(elementId), ascii("\",\"element_name\":\""),
                escape(elementName), ascii("\",\"scale_id\":\"LV\",\"from_data_value\":"));
    }

    /** UTF-8 bytes of the text escaped for the inside of a JSON string. */
    static byte[] escape(String text) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(text);
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
                numberField(json, "lv_data_value", occupation.levelServed(index));
                numberField(json, "lv_onet_data_value", occupation.levelOnet(index));
                json.writeStringField("lv_value_source", occupation.levelSource(index));
                numberField(json, "im_data_value", occupation.importance(index));
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
            llmGate(json, snapshot.gate());
        });
    }

    /** The quality gate of the configured model and prompt, and why LLM levels are (not) served. */
    private static void llmGate(JsonGenerator json, dev.skillgap.backtest.GateState gate) throws IOException {
        json.writeObjectFieldStart("llm");
        json.writeStringField("provider", gate.provider());
        json.writeStringField("model", gate.scoringOff() ? null : gate.model());
        json.writeStringField("prompt_version", gate.promptVersion());
        json.writeStringField("gate", gate.gate());
        json.writeBooleanField("gate_required", gate.required());
        json.writeBooleanField("llm_values_served", gate.servesConfiguredModel());
        json.writeStringField("reason", gate.reason());
        json.writeEndObject();
    }

    private static void releaseFields(JsonGenerator json, ReleaseInfo release) throws IOException {
        json.writeStringField("onet_version", release.onetVersion());
        json.writeNumberField("data_version", release.dataVersion());
    }

    /** A hundredths value as a JSON number, or null when absent. */
    private static void numberField(JsonGenerator json, String field, int hundredths) throws IOException {
        json.writeFieldName(field);
        if (hundredths == Hundredths.ABSENT) {
            json.writeNull();
        } else {
            json.writeNumber(Hundredths.text(hundredths));
        }
    }

    private static final byte[] GAP_MESSAGE_START =
            ascii("{\"success\":true,\"message\":\"Successfully identified skill gap from '");
    private static final byte[] GAP_MESSAGE_MIDDLE = ascii("' to '");
    private static final byte[] GAP_MESSAGE_END =
            ascii("' based on 'LV' scale.\",\"result\":{\"from_occupation_title\":\"");
    private static final byte[] GAP_TO_TITLE = ascii("\",\"to_occupation_title\":\"");
    private static final byte[] GAP_LIST_START = ascii("\",\"skill_gaps\":[");
    private static final byte[] TO_DATA_VALUE = ascii(",\"to_data_value\":");
    private static final byte[] DIFFERENCE = ascii(",\"difference\":");
    private static final byte[] TO_IMPORTANCE = ascii(",\"to_importance\":");
    private static final byte[] FROM_VALUE_SOURCE = ascii(",\"from_value_source\":");
    private static final byte[] TO_VALUE_SOURCE = ascii(",\"to_value_source\":");
    private static final byte[] FROM_CODE = ascii("],\"from_occupation_code\":\"");
    private static final byte[] TO_CODE = ascii("\",\"to_occupation_code\":\"");
    private static final byte[] VALUE_BASIS = ascii("\",\"value_basis\":\"");
    private static final byte[] ONET_VERSION = ascii("\",\"onet_version\":");
    private static final byte[] DATA_VERSION = ascii(",\"data_version\":");
    private static final byte[] GAP_END = ascii("}}");
    private static final byte[] OBJECT_END = ascii("}");
    private static final byte[] COMMA = ascii(",");
    private static final byte[] NULL = ascii("null");
    private static final byte[][] NUMBERS = new byte[1001][];
    private static final Map<String, byte[]> SOURCES = Map.of(
            "onet", quoted("onet"), "llm", quoted("llm"), "onet_fallback", quoted("onet_fallback"));

    static {
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = ascii(Hundredths.text(i));
        }
    }

    private static byte[] number(int hundredths) {
        if (hundredths == Hundredths.ABSENT) {
            return NULL;
        }
        return hundredths >= 0 && hundredths < NUMBERS.length ? NUMBERS[hundredths] : ascii(Hundredths.text(hundredths));
    }

    private static byte[] source(String valueSource) {
        if (valueSource == null) {
            return NULL;
        }
        byte[] known = SOURCES.get(valueSource);
        return known != null ? known : quoted(valueSource);
    }

    private static byte[] quoted(String text) {
        return concat(ascii("\""), escape(text), ascii("\""));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        Bytes bytes = new Bytes(parts.length);
        for (byte[] part : parts) {
            bytes.add(part);
        }
        return bytes.toByteArray();
    }

    /** Collects fragments and copies them once into a body of exactly the right size. */
    private static final class Bytes {
        private byte[][] parts;
        private int count;
        private int size;

        Bytes(int expectedParts) {
            parts = new byte[expectedParts][];
        }

        Bytes add(byte[] bytes) {
            if (count == parts.length) {
                parts = Arrays.copyOf(parts, parts.length * 2);
            }
            parts[count++] = bytes;
            size += bytes.length;
            return this;
        }

        byte[] toByteArray() {
            byte[] body = new byte[size];
            int at = 0;
            for (int i = 0; i < count; i++) {
                System.arraycopy(parts[i], 0, body, at, parts[i].length);
                at += parts[i].length;
            }
            return body;
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
