package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillgap.IntegrationTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation of /openapi.json has response schemas, and real answers over HTTP validate against them. */
class OpenApiSchemaTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request per documented path that answers 200, and one that answers an error. */
    private static final Map<String, List<String>> SAMPLES = Map.of(
            "/skill-gap", List.of("/skill-gap?from=15-1211.00&to=29-1141.00", "/skill-gap?from=15-1211.00"),
            "/occupations", List.of("/occupations?q=comp", "/occupations?page=0"),
            "/occupations/{code}", List.of("/occupations/15-1211.00", "/occupations/99-9999.00"),
            "/occupations/{code}/moves", List.of("/occupations/15-1211.00/moves?limit=3",
                    "/occupations/15-1211.00/moves?limit=0"),
            "/release", List.of("/release"));

    @BeforeEach
    void fixtureIsLoaded() {
        loadFixture();
    }

    @Test
    void everyOperationHasASchemaForEveryResponse() throws Exception {
        JsonNode document = document();
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> responses = path.getValue().at("/get/responses").fields();
                 responses.hasNext(); ) {
                Map.Entry<String, JsonNode> response = responses.next();
                if (response.getKey().equals("304")) {
                    continue; // no body
                }
                String ref = response.getValue().at("/content/application~1json/schema/$ref").asText();
                assertThat(ref).as("%s %s", path.getKey(), response.getKey())
                        .isEqualTo(response.getKey().equals("200")
                                ? "#/components/schemas/" + ApiSchemas.RESULTS.get(path.getKey()).getSimpleName() + "Response"
                                : "#/components/schemas/ErrorResponse");
                assertThat(resolve(document, ref).get("required")).as(ref).isNotEmpty();
                checked.add(path.getKey() + " " + response.getKey());
            }
        }
        assertThat(checked).contains("/skill-gap 200", "/skill-gap 404", "/occupations 200", "/occupations/{code} 200",
                "/release 200");
    }

    @Test
    void realAnswersValidateAgainstTheirSchemas() throws Exception {
        JsonNode document = document();
        assertThat(document.get("paths").size()).isEqualTo(SAMPLES.size());
        for (Map.Entry<String, List<String>> sample : SAMPLES.entrySet()) {
            for (String target : sample.getValue()) {
                RawHttp.Response response = RawHttp.send(port, "GET", target, List.of());
                String status = String.valueOf(response.status());
                JsonNode schema = document.at("/paths/" + sample.getKey().replace("/", "~1") + "/get/responses/" + status
                        + "/content/application~1json/schema");
                assertThat(schema.isMissingNode()).as("documented status %s of %s", status, target).isFalse();
                List<String> problems = new ArrayList<>();
                validate(document, schema, JSON.readTree(response.body()), "$", problems);
                assertThat(problems).as(target).isEmpty();
            }
        }
        // the validator itself finds a wrong type and a missing field
        JsonNode errorSchema = document.at("/components/schemas/ErrorResponse");
        List<String> problems = new ArrayList<>();
        validate(document, errorSchema, JSON.readTree("{\"success\":\"no\",\"result\":{\"skill_gaps\":[]}}"), "$", problems);
        assertThat(problems).hasSize(2);
    }

    private JsonNode document() throws Exception {
        return JSON.readTree(RawHttp.send(port, "GET", "/openapi.json", List.of()).body());
    }

    private static JsonNode resolve(JsonNode document, String ref) {
        return document.at(ref.substring(1));
    }

    /** Checks $ref, type (incl. ["x", "null"] and nullable), required and properties, recursively. */
    private static void validate(JsonNode document, JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            validate(document, resolve(document, schema.get("$ref").asText()), value, at, problems);
            return;
        }
        List<String> types = new ArrayList<>();
        schema.path("type").forEach(t -> types.add(t.asText()));
        if (schema.path("type").isTextual()) {
            types.add(schema.get("type").asText());
        }
        if (schema.path("nullable").asBoolean()) {
            types.add("null");
        }
        String actual = value.isNull() ? "null" : value.isBoolean() ? "boolean" : value.isIntegralNumber() ? "integer"
                : value.isNumber() ? "number" : value.isTextual() ? "string" : value.isArray() ? "array" : "object";
        boolean typeOk = types.isEmpty() || types.contains(actual) || (actual.equals("integer") && types.contains("number"));
        if (!typeOk) {
            problems.add(at + ": " + actual + " is not " + types);
            return;
        }
        if (value.isObject()) {
            schema.path("required").forEach(name -> {
                if (!value.has(name.asText())) {
                    problems.add(at + ": missing " + name.asText());
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode property = schema.path("properties").path(field.getKey());
                if (property.isMissingNode()) {
                    problems.add(at + ": undocumented field " + field.getKey());
                } else {
                    validate(document, property, field.getValue(), at + "." + field.getKey(), problems);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(document, schema.get("items"), value.get(i), at + "[" + i + "]", problems);
            }
        }
    }
}
