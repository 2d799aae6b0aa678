package dev.skillgap.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml read as an operator would (README "Run with Docker"): every long-running service has a
 * healthcheck, a memory limit, a restart policy and rotated logs; published ports listen on SKILLGAP_BIND;
 * passwords come from secret files; the app's settings stay in step with application.yml; the api replicas
 * scale behind the proxy and Prometheus finds every instance. (`docker-compose config` in CI checks the syntax;
 * no Docker engine runs here, so nothing is started.)
 */
class ComposeFileTest {

    /** Settings that make no sense inside the image, or that are fixed per service. */
    private static final Set<String> NOT_FOR_THE_CONTAINER = Set.of(
            "SERVER_PORT",                // the image listens on 8080; the proxy publishes SKILLGAP_PORT
            "SKILLGAP_EMBEDDED_DB_DIR",   // the image has no embedded database
            "SKILLGAP_EMBEDDED_DB_PORT",
            "SKILLGAP_RUN_MODE",          // service for worker and api, load-and-exit for etl: fixed per service
            "SKILLGAP_ROLES");            // api for api, ingest,llm for worker and etl: fixed per service

    /** Settings whose compose default differs from application.yml on purpose. */
    private static final Set<String> COMPOSE_DEFAULTS = Set.of(
            "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",                           // the mysql service
            "SKILLGAP_INBOX",                                                                // the ./inbox mount
            "SKILLGAP_LLM_PROVIDER", "SKILLGAP_LLM_BASE_URL", "SKILLGAP_LLM_MODEL",          // the ollama service
            "SKILLGAP_API_OPENAPI_HOST",                                                     // the published port
            "SKILLGAP_TRUSTED_PROXIES",                                                      // the proxy service
            "SKILLGAP_HEALTH_SHOW_DETAILS",                                                  // status only
            "SKILLGAP_SECRETS_DIR");                                                         // compose's secrets

    /** Settings read from a secret file (Spring's configtree), never from a variable: setting -> file name. */
    private static final Map<String, String> FROM_SECRET_FILES = Map.of(
            "SPRING_DATASOURCE_PASSWORD", "spring.datasource.password",
            "SKILLGAP_LLM_API_KEY", "skillgap.llm.api-key");

    /** Services that run once and exit: no healthcheck, never restarted. */
    private static final Set<String> ONE_SHOTS = Set.of("ollama-pull", "etl");

    /** The services an operator reaches from the host; everything else stays on the compose network. */
    private static final Set<String> PUBLISHED = Set.of("proxy", "prometheus", "grafana");

    /** Memory a JVM needs beside heap and metaspace: code cache, thread stacks, GC structures, buffers. */
    private static final long JVM_OVERHEAD = 192L << 20;

    private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");
    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):-(.*)}$");
    private static final String BIND = "${SKILLGAP_BIND:-127.0.0.1}:";

    private final Map<String, Object> compose = load(Path.of("docker-compose.yml"));

    @Test
    void everySettingOfTheAppCanBeSetFromTheEnvironmentWithTheSameDefault() throws IOException {
        Map<String, String> appDefaults = springDefaults(Files.readString(Path.of("src/main/resources/application.yml")));
        assertThat(appDefaults).isNotEmpty();

        for (String service : List.of("worker", "api")) {
            Map<String, String> appEnvironment = environment(service);
            for (Map.Entry<String, String> setting : appDefaults.entrySet()) {
                String name = setting.getKey();
                if (NOT_FOR_THE_CONTAINER.contains(name) || FROM_SECRET_FILES.containsKey(name)) {
                    continue;
                }
                assertThat(appEnvironment).as("compose passes %s to %s", name, service).containsKey(name);
                Matcher overridable = COMPOSE_DEFAULT.matcher(appEnvironment.get(name));
                if (COMPOSE_DEFAULTS.contains(name) || !overridable.matches()) {
                    continue; // fixed or deliberately different values, e.g. SKILLGAP_INBOX=/inbox
                }
                assertThat(overridable.group(1)).as("%s is overridden by the variable of the same name", name).isEqualTo(name);
                assertThat(overridable.group(2)).as("compose default of %s", name).isEqualTo(setting.getValue());
            }
        }
    }

    @Test
    void passwordsComeFromSecretFilesNeverFromVariables() {
        Map<String, Object> secrets = map(compose.get("secrets"));
        assertThat(secrets).isNotEmpty();
        secrets.forEach((name, secret) -> assertThat(String.valueOf(map(secret).get("file")))
                .as("secret %s is a file", name).startsWith("${SKILLGAP_SECRET_FILES:-./secrets}/" + name));

        Pattern secretName = Pattern.compile("PASSWORD|API_KEY|_TOKEN$|_SECRET$");
        for (String service : services().keySet()) {
            Map<String, String> targets = secretTargets(service);
            environment(service).forEach((name, value) -> {
                if (!secretName.matcher(name).find()) {
                    return;
                }
                assertThat(name).as("%s of %s is a file, not the value", name, service).matches(".*_FILE");
                assertThat(value).as("%s of %s", name, service).startsWith("/run/secrets/");
                assertThat(targets.values()).as("%s of %s names a secret of the service", name, service)
                        .contains(value.substring("/run/secrets/".length()));
            });
        }
        // the app: the setting's file under /run/secrets/, where spring.config.import (configtree) reads it
        for (String service : List.of("worker", "etl")) {
            assertThat(secretTargets(service)).containsEntry("mysql_password", FROM_SECRET_FILES.get("SPRING_DATASOURCE_PASSWORD"))
                    .containsEntry("llm_api_key", FROM_SECRET_FILES.get("SKILLGAP_LLM_API_KEY"));
        }
        assertThat(secretTargets("api")).containsOnly(Map.entry("mysql_api_password", "spring.datasource.password"));
        assertThat(environment("api")).containsEntry("SKILLGAP_SECRETS_DIR", "/run/secrets/");
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAMemoryLimitARestartPolicyAndRotatedLogs() {
        assertThat(services()).containsKeys("mysql", "ollama", "ollama-pull", "worker", "api", "proxy", "etl",
                "prometheus", "grafana");
        services().forEach((name, value) -> {
            Map<String, Object> service = map(value);
            assertThat(bytes(String.valueOf(service.get("mem_limit")))).as("memory limit of %s", name).isPositive();
            Map<String, Object> logging = map(service.get("logging"));
            assertThat(logging).as("logs of %s", name).containsEntry("driver", "json-file");
            assertThat(map(logging.get("options"))).as("log rotation of %s", name).containsKeys("max-size", "max-file");
            if (ONE_SHOTS.contains(name)) {
                assertThat(service).as("one-shot %s", name).containsEntry("restart", "no");
                return;
            }
            assertThat(service.get("restart")).as("restart policy of %s", name).isEqualTo("unless-stopped");
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            assertThat(healthcheck).as("healthcheck of %s", name).containsKeys("test", "interval", "timeout", "retries");
            assertThat(String.valueOf(healthcheck.get("test"))).as("healthcheck of %s", name).doesNotContain("NONE");
        });
    }

    @Test
    void theAppsMemoryLimitHoldsItsHeapMetaspaceAndJvmOverhead() {
        for (String service : List.of("worker", "api", "etl")) {
            String flags = defaultOf(environment(service).get("JAVA_TOOL_OPTIONS"));
            long heap = bytes(flag(flags, "-Xmx(\\S+)"));
            long metaspace = bytes(flag(flags, "-XX:MaxMetaspaceSize=(\\S+)"));
            long limit = bytes(String.valueOf(map(services().get(service)).get("mem_limit")));
            assertThat(heap + metaspace + JVM_OVERHEAD).as("%s: %s within mem_limit", service, flags).isLessThanOrEqualTo(limit);
            assertThat(flags).contains("-XX:+ExitOnOutOfMemoryError");
        }
    }

    @Test
    void portsListenOn127001UnlessSkillgapBindOpensThem() {
        services().forEach((name, value) -> {
            Object ports = map(value).get("ports");
            if (!PUBLISHED.contains(name)) {
                assertThat(ports).as("%s publishes no port", name).isNull();
                return;
            }
            assertThat(list(ports)).as("ports of %s", name).isNotEmpty()
                    .allSatisfy(port -> assertThat(String.valueOf(port)).startsWith(BIND));
        });
        assertThat(list(service("proxy").get("ports"))).containsExactly(BIND + "${SKILLGAP_PORT:-8080}:8080");
    }

    @Test
    void theAppStopsWithinItsGracePeriod() throws IOException {
        Map<String, Object> yml = load(Path.of("src/main/resources/application.yml"));
        // Spring's graceful web shutdown, then Camel's shutdown strategy (defaults 30 s and 45 s)
        long camel = seconds(String.valueOf(path(yml, "camel.main.shutdown-timeout", "45")));
        long springPhase = seconds(String.valueOf(path(yml, "spring.lifecycle.timeout-per-shutdown-phase", "30s")));
        for (String service : List.of("worker", "api", "etl")) {
            assertThat(seconds(String.valueOf(service(service).get("stop_grace_period"))))
                    .as("stop_grace_period of %s", service).isGreaterThanOrEqualTo(camel + springPhase);
        }
    }

    @Test
    void theApiReplicasScaleBehindTheProxyAndTheWorkerHoldsTheInbox() throws IOException {
        Map<String, Object> api = service("api");
        assertThat(api).doesNotContainKeys("ports", "container_name", "volumes");
        assertThat(environment("api")).containsEntry("SKILLGAP_ROLES", "api")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "${MYSQL_API_USER:-skillgap_api}");
        assertThat(map(api.get("depends_on"))).containsOnlyKeys("mysql");
        assertThat(map(service("mysql").get("environment"))).containsEntry("MYSQL_API_USER", "${MYSQL_API_USER:-skillgap_api}");

        assertThat(environment("worker")).containsEntry("SKILLGAP_ROLES", "ingest,llm");
        assertThat(list(service("worker").get("volumes"))).containsExactly("./inbox:/inbox");
        assertThat(service("worker")).doesNotContainKeys("ports", "container_name");

        // nginx resolves `api` at request time (a variable in proxy_pass) through Docker's DNS, so every replica,
        // also one added later, gets requests; no upstream block (that would be resolved once at start)
        String nginx = Files.readString(Path.of("deploy/compose/nginx.conf"));
        assertThat(nginx).containsPattern("(?m)^resolver 127\\.0\\.0\\.11 valid=\\d+s")
                .contains("set $api http://api:8080;").contains("proxy_pass $api;")
                .doesNotContainPattern("(?m)^\\s*upstream\\s").doesNotContainPattern("(?m)^\\s*proxy_pass\\s+http://api");
        assertThat(list(service("proxy").get("volumes"))).contains("./deploy/compose/nginx.conf:/etc/nginx/conf.d/default.conf:ro");
    }

    @Test
    void healthDetailsAndMetricsAreNotPublic() throws IOException {
        for (String service : List.of("worker", "api")) {
            assertThat(environment(service)).containsEntry("SKILLGAP_HEALTH_SHOW_DETAILS", "${SKILLGAP_HEALTH_SHOW_DETAILS:-never}");
        }
        String nginx = Files.readString(Path.of("deploy/compose/nginx.conf"));
        assertThat(nginx).contains("location ~ ^/actuator/health(/liveness|/readiness)?$")
                .containsPattern("location /actuator \\{\\s*default_type application/json;\\s*return 404");
        assertThat(map(service("grafana").get("environment")))
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD__FILE", "/run/secrets/grafana_admin_password")
                .doesNotContainKey("GF_SECURITY_ADMIN_PASSWORD");
    }

    @Test
    void prometheusFindsEveryInstanceByDns() {
        Map<String, Object> prometheus = load(Path.of("monitoring/prometheus.yml"));
        Map<String, Object> job = map(list(prometheus.get("scrape_configs")).get(0));
        assertThat(job).containsEntry("metrics_path", "/actuator/prometheus").doesNotContainKey("static_configs");
        Map<String, Object> dns = map(list(job.get("dns_sd_configs")).get(0));
        assertThat(list(dns.get("names"))).containsExactlyInAnyOrder("api", "worker");
        assertThat(dns).containsEntry("type", "A").containsEntry("port", 8080);
        assertThat(list(service("prometheus").get("volumes"))).contains("./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    @Test
    void theEtlServiceIsTheWorkerInLoadAndExitMode() {
        Map<String, String> etl = new TreeMap<>(environment("etl"));
        assertThat(etl.remove("SKILLGAP_RUN_MODE")).isEqualTo("load-and-exit");
        assertThat(etl).isEqualTo(environment("worker"));
        assertThat(service("etl")).doesNotContainKey("ports").containsEntry("restart", "no");
        for (String key : List.of("volumes", "secrets", "depends_on", "mem_limit", "user", "image")) {
            assertThat(service("etl").get(key)).as(key).isEqualTo(service("worker").get(key));
        }
    }

    @Test
    void theWorkerWaitsForAHealthyDatabaseAndThePulledModelButNotForOllamaItself() {
        Map<String, Object> dependsOn = map(service("worker").get("depends_on"));
        assertThat(map(dependsOn.get("mysql"))).containsEntry("condition", "service_healthy");
        assertThat(map(dependsOn.get("ollama-pull"))).containsEntry("condition", "service_completed_successfully");
        // no dependency on the ollama service: `--scale ollama=0` with another provider
        assertThat(service("ollama-pull")).doesNotContainKey("depends_on");
        assertThat(map(service("ollama").get("environment")))
                .containsEntry("OLLAMA_CONTEXT_LENGTH", "${SKILLGAP_LLM_CONTEXT_TOKENS:-8192}");
    }

    @Test
    void thePullStepExitsAtOnceForAnotherProviderAndPullsAMissingModelFromOllama() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")), "curl installed");
        String script = String.valueOf(list(service("ollama-pull").get("command")).get(0)).replace("$$", "$");

        WireMockServer ollama = new WireMockServer(wireMockConfig().dynamicPort());
        ollama.start();
        try {
            ollama.stubFor(get(urlEqualTo("/api/version")).willReturn(aResponse().withBody("{\"version\":\"0.13.0\"}")));
            ollama.stubFor(post(urlEqualTo("/api/show")).willReturn(aResponse().withStatus(404).withBody("{\"error\":\"model not found\"}")));
            ollama.stubFor(post(urlEqualTo("/api/pull")).willReturn(aResponse().withBody("{\"status\":\"success\"}")));
            String url = "http://127.0.0.1:" + ollama.port();

            for (String provider : List.of("openai", "none")) {
                Run run = runShell(script, Map.of("SKILLGAP_LLM_PROVIDER", provider, "OLLAMA_URL", url, "SKILLGAP_LLM_MODEL", "m:1b"));
                assertThat(run.exit).as(run.output).isZero();
                assertThat(run.output).contains("no model to pull");
            }
            assertThat(ollama.getAllServeEvents()).isEmpty();

            Run run = runShell(script, Map.of("SKILLGAP_LLM_PROVIDER", "ollama", "OLLAMA_URL", url, "SKILLGAP_LLM_MODEL", "m:1b"));
            assertThat(run.exit).as(run.output).isZero();
            ollama.verify(getRequestedFor(urlEqualTo("/api/version")));
            ollama.verify(postRequestedFor(urlEqualTo("/api/pull")).withRequestBody(equalToJson("{\"model\":\"m:1b\",\"stream\":false}")));

            ollama.stubFor(post(urlEqualTo("/api/pull")).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"disk full\"}")));
            Run failed = runShell(script, Map.of("SKILLGAP_LLM_PROVIDER", "ollama", "OLLAMA_URL", url, "SKILLGAP_LLM_MODEL", "m:1b"));
            assertThat(failed.exit).as("a failed pull stops the worker from starting: %s", failed.output).isNotZero();
        } finally {
            ollama.stop();
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run runShell(String script, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
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

    private static String defaultOf(String composeValue) {
        Matcher matcher = COMPOSE_DEFAULT.matcher(composeValue);
        return matcher.matches() ? matcher.group(2) : composeValue;
    }

    private static String flag(String flags, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(flags);
        assertThat(matcher.find()).as("%s in %s", regex, flags).isTrue();
        return matcher.group(1);
    }

    /** 768m, 1g, 384M, ${VAR:-1g} (its default) in bytes. */
    private static long bytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kmg]?)b?").matcher(defaultOf(size).toLowerCase(Locale.ROOT));
        assertThat(matcher.matches()).as("size %s", size).isTrue();
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }

    /** 90s, 1m30s, 45 (Camel: seconds), 30s in seconds. */
    private static long seconds(String duration) {
        Matcher matcher = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s?)?").matcher(duration.trim());
        assertThat(matcher.matches()).as("duration %s", duration).isTrue();
        long minutes = matcher.group(1) == null ? 0 : Long.parseLong(matcher.group(1));
        long secs = matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2));
        return minutes * 60 + secs;
    }

    /** A dotted key of a YAML document, or the fallback when absent. */
    private static Object path(Map<String, Object> yml, String dotted, Object fallback) {
        Object node = yml;
        for (String key : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(key)) {
                return fallback;
            }
            node = m.get(key);
        }
        return node;
    }

    private Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        assertThat(service).as("service %s", name).isNotNull();
        return service;
    }

    /** Secrets of a service: source -> file name under /run/secrets/. */
    private Map<String, String> secretTargets(String service) {
        Map<String, String> targets = new TreeMap<>();
        Object secrets = service(service).get("secrets");
        if (secrets != null) {
            for (Object secret : list(secrets)) {
                if (secret instanceof Map<?, ?> m) {
                    targets.put(String.valueOf(m.get("source")), String.valueOf(m.containsKey("target") ? m.get("target") : m.get("source")));
                } else {
                    targets.put(String.valueOf(secret), String.valueOf(secret));
                }
            }
        }
        return targets;
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new TreeMap<>();
        Object values = service(service).get("environment");
        if (values != null) {
            map(values).forEach((k, v) -> environment.put(k, String.valueOf(v)));
        }
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return new ArrayList<>((List<?>) value);
    }

    private static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
