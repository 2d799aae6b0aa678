package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml read as an operator would: every setting of application.yml can be set from the
 * shell or .env, with the same default unless the container needs another one, and the one-shot
 * {@code etl} service is the app in load-and-exit mode. (`docker-compose config` in CI checks the syntax.)
 */
class ComposeFileTest {

    /** Settings that make no sense inside the image. */
    private static final Set<String> NOT_FOR_THE_CONTAINER = Set.of(
            "SERVER_PORT",                // the image listens on 8080; the host port is SKILLGAP_PORT
            "SKILLGAP_EMBEDDED_DB_DIR",   // the image has no embedded database
            "SKILLGAP_EMBEDDED_DB_PORT",
            "SKILLGAP_RUN_MODE");         // service for app, load-and-exit for etl: fixed per service

    /** Settings whose compose default differs from application.yml on purpose. */
    private static final Set<String> COMPOSE_DEFAULTS = Set.of(
            "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", // the mysql service
            "SKILLGAP_INBOX",                                                                // the ./inbox mount
            "SKILLGAP_LLM_PROVIDER", "SKILLGAP_LLM_BASE_URL", "SKILLGAP_LLM_MODEL",          // the ollama service
            "SKILLGAP_API_OPENAPI_HOST");                                                    // the published port

    private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");
    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):-(.*)}$");

    private final Map<String, Object> compose = load(Path.of("docker-compose.yml"));

    @Test
    void everySettingOfTheAppCanBeSetFromTheEnvironmentWithTheSameDefault() throws IOException {
        String applicationYml = Files.readString(Path.of("src/main/resources/application.yml"));
        Map<String, String> appDefaults = springDefaults(applicationYml);
        Map<String, String> appEnvironment = environment("app");

        assertThat(appDefaults).isNotEmpty();
        for (Map.Entry<String, String> setting : appDefaults.entrySet()) {
            String name = setting.getKey();
            if (NOT_FOR_THE_CONTAINER.contains(name)) {
                continue;
            }
            assertThat(appEnvironment).as("compose passes %s to the app", name).containsKey(name);
            Matcher overridable = COMPOSE_DEFAULT.matcher(appEnvironment.get(name));
            if (COMPOSE_DEFAULTS.contains(name) || !overridable.matches()) {
                continue; // fixed or deliberately different values, e.g. SKILLGAP_INBOX=/inbox
            }
            assertThat(overridable.group(1)).as("%s is overridden by the variable of the same name", name).isEqualTo(name);
            assertThat(overridable.group(2)).as("compose default of %s", name).isEqualTo(setting.getValue());
        }
    }

    @Test
    void theEtlServiceIsTheAppInLoadAndExitModeWithoutPublishedPorts() {
        Map<String, String> app = environment("app");
        Map<String, String> etl = environment("etl");

        assertThat(etl).containsEntry("SKILLGAP_RUN_MODE", "load-and-exit");
        Map<String, String> etlWithoutRunMode = new TreeMap<>(etl);
        etlWithoutRunMode.remove("SKILLGAP_RUN_MODE");
        assertThat(etlWithoutRunMode).isEqualTo(new TreeMap<>(app));
        assertThat(service("etl")).doesNotContainKey("ports").containsEntry("restart", "no");
        assertThat(service("etl").get("volumes")).isEqualTo(service("app").get("volumes"));
    }

    @Test
    void theAppWaitsForAHealthyDatabaseAndThePulledModel() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service("app").get("depends_on");

        assertThat(dependsOn.get("mysql")).containsEntry("condition", "service_healthy");
        assertThat(dependsOn.get("ollama-pull")).containsEntry("condition", "service_completed_successfully");
        assertThat(service("mysql")).containsKey("healthcheck");
        assertThat(service("app").get("volumes")).asList().contains("./inbox:/inbox");
    }

    /** {@code ${NAME:default}} placeholders of application.yml; the outermost default when nested. */
    private static Map<String, String> springDefaults(String yml) {
        Map<String, String> defaults = new TreeMap<>();
        Matcher matcher = SPRING_PLACEHOLDER.matcher(yml);
        while (matcher.find()) {
            int depth = 1;
            int end = matcher.end();
            while (depth > 0) {
                char c = yml.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            defaults.put(matcher.group(1), yml.substring(matcher.end(), end - 1));
        }
        return defaults;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String service) {
        Map<String, String> environment = new TreeMap<>();
        ((Map<String, Object>) service(service).get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
        return environment;
    }

    private static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
