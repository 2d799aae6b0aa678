package dev.skillgap.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAPI response schemas, generated from the response records with the reply writer's own Jackson mapper, so
 * a schema names exactly the fields the writer writes, in its order. Each path's 200 response refers to the
 * envelope of its result record ("SkillGapResultResponse"), every other status to "ErrorResponse". To add an
 * endpoint: put its path and result record in {@link #RESULTS}.
 */
final class ApiSchemas {

    /** The result record of each path's 200 answer. */
    static final Map<String, Class<?>> RESULTS = new LinkedHashMap<>();

    static {
        RESULTS.put("/skill-gap", SkillGapResult.class);
        RESULTS.put("/occupations", OccupationSearchResult.class);
        RESULTS.put("/occupations/{code}", OccupationResult.class);
        RESULTS.put("/occupations/{code}/moves", MovesResult.class);
        RESULTS.put("/release", ReleaseResult.class);
    }

    static final String ERROR = "ErrorResponse";
    private static final String REF = "#/components/schemas/";

    private final ObjectMapper json;
    private final ObjectNode schemas;
    private final boolean openApi30;

    private ApiSchemas(ObjectMapper json, ObjectNode document) {
        this.json = json;
        this.openApi30 = document.path("openapi").asText().startsWith("3.0");
        this.schemas = document.withObject("/components").withObject("/schemas");
    }

    /** Adds the schemas to the document and refers to them from every operation's responses. */
    static void addTo(ObjectNode document, ObjectMapper json) {
        ApiSchemas generator = new ApiSchemas(json, document);
        generator.schemas.set(ERROR, generator.envelope(ApiException.ErrorResult.class));
        ObjectNode paths = (ObjectNode) document.path("paths");
        for (Map.Entry<String, Class<?>> result : RESULTS.entrySet()) {
            if (!(paths.path(result.getKey()).path("get").path("responses") instanceof ObjectNode responses)) {
                continue;
            }
            String answer = result.getValue().getSimpleName() + "Response";
            generator.schemas.set(answer, generator.envelope(result.getValue()));
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = responses.fields(); it.hasNext(); ) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> response = it.next();
                ObjectNode content = ((ObjectNode) response.getValue()).withObject("/content")
                        .withObject("/application~1json");
                content.putObject("schema").put("$ref", REF + ("200".equals(response.getKey()) ? answer : ERROR));
                if ("200".equals(response.getKey())) {
                    ObjectNode headers = ((ObjectNode) response.getValue()).withObject("/headers");
                    headers.putObject("ETag").put("description", "The served data version, e.g. \"42\": send it"
                            + " back in If-None-Match to get a 304 while the data is unchanged").putObject("schema")
                            .put("type", "string");
                    headers.putObject("Cache-Control").put("description", "no-cache: keep it, revalidate each use")
                            .putObject("schema").put("type", "string");
                }
            }
            responses.putObject("304").put("description", "Not modified: If-None-Match names the current ETag (no body)");
        }
    }

    /** {"success", "message", "result"} around the result record. */
    private ObjectNode envelope(Class<?> result) {
        ObjectNode schema = json.createObjectNode().put("type", "object");
        schema.putArray("required").add("success").add("message").add("result");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("success").put("type", "boolean");
        properties.putObject("message").put("type", "string");
        properties.set("result", ref(result));
        return schema;
    }

    private ObjectNode ref(Class<?> record) {
        String name = record.getName().substring(record.getPackageName().length() + 1).replace("$", "");
        if (!schemas.has(name)) {
            schemas.putObject(name); // placeholder first: records may refer to each other
            schemas.set(name, object(record));
        }
        return json.createObjectNode().put("$ref", REF + name);
    }

    private ObjectNode object(Class<?> record) {
        JavaType type = json.constructType(record);
        List<BeanPropertyDefinition> fields = json.getSerializationConfig().introspect(type).findProperties();
        ObjectNode schema = json.createObjectNode().put("type", "object");
        ArrayNode required = schema.putArray("required");
        ObjectNode properties = schema.putObject("properties");
        for (BeanPropertyDefinition field : fields) {
            JsonInclude.Value include = field.findInclusion();
            boolean optional = include != null && include.getValueInclusion() == JsonInclude.Include.NON_NULL;
            if (!optional) {
                required.add(field.getName());
            }
            properties.set(field.getName(), schema(field.getPrimaryType(), !optional));
        }
        return schema;
    }

    private ObjectNode schema(JavaType type, boolean nullable) {
        Class<?> raw = type.getRawClass();
        if (raw.isRecord()) {
            return ref(raw);
        }
        if (type.isCollectionLikeType()) {
            ObjectNode array = json.createObjectNode().put("type", "array");
            JavaType item = type.getContentType();
            array.set("items", item == null || item.getRawClass() == Object.class
                    ? json.createObjectNode() : schema(item, false));
            return array;
        }
        String name;
        if (raw == boolean.class || raw == Boolean.class) {
            name = "boolean";
        } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            name = "integer";
        } else if (raw == BigDecimal.class || raw == double.class || raw == Double.class) {
            name = "number";
        } else {
            name = "string";
        }
        ObjectNode schema = json.createObjectNode();
        if (!nullable || raw.isPrimitive()) {
            schema.put("type", name);
        } else if (openApi30) {
            schema.put("type", name).put("nullable", true);
        } else {
            schema.putArray("type").add(name).add("null");
        }
        return schema;
    }
}
