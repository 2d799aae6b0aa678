package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes/ checked without a cluster: every document is parsed by the Kubernetes API's own generated
 * models (client-java, from the API's OpenAPI document) with their strict validation (an unknown field, a missing
 * required field or a wrong JSON type is rejected, as {@code kubectl apply --validate=strict} would), then read
 * as an operator would: selectors, probes on the actuator health groups, roles, resources, volumes, secrets.
 * Not checked here: admission (defaults, immutable fields), cluster policies, the images themselves.
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final String KUSTOMIZATION = "kustomization.yaml";
    private static final String SECRET_EXAMPLE = "secret.example.yaml";

    /** apiVersion/kind -> the model class of that API version. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class,
            "apps/v1/Deployment", V1Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class);

    private static final long JVM_OVERHEAD = 192L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Object> objects = new ArrayList<>();

    KubernetesManifestsTest() throws Exception {
        for (Path file : manifestFiles()) {
            for (Map<String, Object> document : documents(file)) {
                objects.add(parse(file.getFileName() + " " + document.get("kind"), document));
            }
        }
    }

    @Test
    void everyManifestIsAValidObjectOfItsKubernetesApi() throws IOException {
        assertThat(manifestFiles()).hasSizeGreaterThanOrEqualTo(9);
        assertThat(objects).hasSizeGreaterThanOrEqualTo(10);
        assertThat(objects).allSatisfy(object -> assertThat(MODELS.values()).contains(object.getClass()));
    }

    @Test
    void theValidationRejectsAnUnknownFieldAMissingRequiredFieldAndAWrongType() throws Exception {
        Map<String, Object> deployment = documents(DIR.resolve("api-deployment.yaml")).get(0);

        String misspelt = JSON.writeValueAsString(deployment).replace("\"readinessProbe\"", "\"readinesProbe\"");
        assertThatThrownBy(() -> validate(V1Deployment.class, misspelt)).hasMessageContaining("readinesProbe");

        String noSelector = JSON.writeValueAsString(deployment).replaceFirst("\"selector\":\\{\"matchLabels\":\\{[^}]*}},", "");
        assertThat(noSelector).isNotEqualTo(JSON.writeValueAsString(deployment));
        assertThatThrownBy(() -> validate(V1Deployment.class, noSelector)).hasMessageContaining("selector");

        String objectAsName = JSON.writeValueAsString(deployment)
                .replace("\"secretName\":\"skill-gap-api\"", "\"secretName\":{\"name\":1}");
        assertThat(objectAsName).isNotEqualTo(JSON.writeValueAsString(deployment));
        assertThatThrownBy(() -> validate(V1Deployment.class, objectAsName)).hasMessageContaining("secretName");
    }

    @Test
    void kustomizationAppliesEveryManifestButTheSecretExample() throws IOException {
        Map<String, Object> kustomization = documents(DIR.resolve(KUSTOMIZATION)).get(0);
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) kustomization.get("resources");
        Set<String> files = manifestFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        files.remove(SECRET_EXAMPLE);
        assertThat(new TreeSet<>(resources)).isEqualTo(files);
    }

    @Test
    void theApiReplicasServeWithTheApiRoleAReadOnlyUserProbesAndAnAutoscaler() {
        V1Deployment api = deployment("skill-gap-api");
        V1Container container = onlyContainer(api.getSpec().getTemplate());
        assertThat(env(container)).containsEntry("SKILLGAP_ROLES", "api").containsEntry("SPRING_DATASOURCE_USERNAME", "skillgap_api");
        assertThat(api.getSpec().getTemplate().getSpec().getVolumes()).extracting(V1Volume::getPersistentVolumeClaim).containsOnlyNulls();
        assertThat(secretName(api)).isEqualTo("skill-gap-api");

        V2HorizontalPodAutoscaler hpa = only(V2HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("skill-gap-api");
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
        // CPU utilisation is relative to the request: without one the HPA cannot scale
        assertThat(container.getResources().getRequests()).containsKey("cpu");
        assertThat(matches(only(V1PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels(), api.getSpec().getTemplate())).isTrue();
    }

    @Test
    void theWorkerIsOneReplicaReplacedWholeHoldingTheInboxWithTheIngestAndLlmRoles() {
        V1Deployment worker = deployment("skill-gap-worker");
        assertThat(worker.getSpec().getReplicas()).isEqualTo(1);
        assertThat(worker.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        V1Container container = onlyContainer(worker.getSpec().getTemplate());
        assertThat(env(container)).containsEntry("SKILLGAP_ROLES", "ingest,llm").containsEntry("SKILLGAP_INBOX", "/inbox")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "skillgap");

        String claim = only(V1PersistentVolumeClaim.class).getMetadata().getName();
        V1Volume inbox = worker.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null).findFirst().orElseThrow();
        assertThat(inbox.getPersistentVolumeClaim().getClaimName()).isEqualTo(claim);
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(inbox.getName());
            assertThat(m.getMountPath()).isEqualTo("/inbox");
        });
        // the app's uid 1000 writes the volume
        assertThat(worker.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(secretName(worker)).isEqualTo("skill-gap-worker");
    }

    @Test
    void everyPodIsProbedOnTheHealthGroupsLimitedScrapedAndStoppedAfterCamel() {
        V1ConfigMap config = only(V1ConfigMap.class);
        String flags = config.getData().get("JAVA_TOOL_OPTIONS");
        long jvm = bytes(flag(flags, "-Xmx(\\S+)")) + bytes(flag(flags, "-XX:MaxMetaspaceSize=(\\S+)")) + JVM_OVERHEAD;

        for (V1Deployment deployment : all(V1Deployment.class)) {
            String name = deployment.getMetadata().getName();
            V1PodTemplateSpec template = deployment.getSpec().getTemplate();
            assertThat(matches(deployment.getSpec().getSelector().getMatchLabels(), template)).as("%s selects its pods", name).isTrue();
            assertThat(template.getMetadata().getAnnotations()).as(name)
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port", "8080");
            // Spring's graceful web shutdown (30 s) + Camel's shutdown (45 s)
            assertThat(template.getSpec().getTerminationGracePeriodSeconds()).as(name).isGreaterThanOrEqualTo(75L);

            V1Container container = onlyContainer(template);
            assertThat(container.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(8080);
            });
            assertProbe(container.getReadinessProbe(), "/actuator/health/readiness", name);
            assertProbe(container.getLivenessProbe(), "/actuator/health/liveness", name);
            assertProbe(container.getStartupProbe(), "/actuator/health/liveness", name);

            Quantity limit = container.getResources().getLimits().get("memory");
            assertThat(limit).as("%s memory limit", name).isNotNull();
            assertThat(jvm).as("%s: %s within %s", name, flags, limit.toSuffixedString()).isLessThanOrEqualTo(limit.getNumber().longValue());
            assertThat(container.getResources().getRequests()).as(name).containsKey("memory");

            assertThat(container.getEnvFrom()).extracting(e -> e.getConfigMapRef().getName()).containsExactly(config.getMetadata().getName());
            assertThat(template.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        }
    }

    @Test
    void servicesSelectTheirDeploymentsPods() {
        for (V1Service service : all(V1Service.class)) {
            List<V1Deployment> selected = all(V1Deployment.class).stream()
                    .filter(d -> matches(service.getSpec().getSelector(), d.getSpec().getTemplate())).toList();
            assertThat(selected).as("pods of Service %s", service.getMetadata().getName()).hasSize(1);
            assertThat(service.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getTargetPort().getStrValue()).isEqualTo("http"));
        }
    }

    @Test
    void theConfigMapNamesSettingsOfTheAppAndTheSecretsHoldTheFilesSpringReads() throws IOException {
        String applicationYml = Files.readString(Path.of("src/main/resources/application.yml"));
        Set<String> settings = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):").matcher(applicationYml);
        while (placeholder.find()) {
            settings.add(placeholder.group(1));
        }
        settings.add("JAVA_TOOL_OPTIONS");
        V1ConfigMap config = only(V1ConfigMap.class);
        assertThat(settings).as("settings of application.yml").containsAll(config.getData().keySet());
        assertThat(config.getData()).containsEntry("SKILLGAP_HEALTH_SHOW_DETAILS", "never");

        // the example Secrets: each key is the file of one setting of application.yml (configtree)
        for (V1Deployment deployment : all(V1Deployment.class)) {
            V1Container container = onlyContainer(deployment.getSpec().getTemplate());
            String volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getName();
            V1VolumeMount mount = container.getVolumeMounts().stream().filter(m -> volume.equals(m.getName())).findFirst().orElseThrow();
            assertThat(config.getData().get("SKILLGAP_SECRETS_DIR")).isEqualTo(mount.getMountPath() + "/");
            assertThat(mount.getReadOnly()).isTrue();
            V1Secret secret = all(V1Secret.class).stream().filter(s -> s.getMetadata().getName().equals(secretName(deployment)))
                    .findFirst().orElseThrow(() -> new AssertionError("no example of Secret " + secretName(deployment)));
            assertThat(secret.getStringData()).containsKey("spring.datasource.password");
            assertThat(secret.getStringData().keySet()).allSatisfy(key -> assertThat(applicationYml).contains(key.substring(key.lastIndexOf('.') + 1) + ":"));
        }
    }

    // ---- parsing

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals(KUSTOMIZATION)).sorted().toList();
        }
    }

    private static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                if (document != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) document;
                    documents.add(map);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object parse(String where, Map<String, Object> document) throws Exception {
        Class<?> model = MODELS.get(document.get("apiVersion") + "/" + document.get("kind"));
        assertThat(model).as("%s: a known apiVersion/kind", where).isNotNull();
        try {
            return validate(model, JSON.writeValueAsString(document));
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        }
    }

    /** The model's own strict check (unknown fields, required fields, JSON types), then its typed object. */
    private static Object validate(Class<?> model, String json) throws Exception {
        JsonElement element = JsonParser.parseString(json);
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, element);
            return model.getMethod("fromJson", String.class).invoke(null, json);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    // ---- reading

    private <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T> T only(Class<T> type) {
        List<T> all = all(type);
        assertThat(all).as(type.getSimpleName()).hasSize(1);
        return all.get(0);
    }

    private V1Deployment deployment(String name) {
        return all(V1Deployment.class).stream().filter(d -> name.equals(d.getMetadata().getName())).findFirst().orElseThrow();
    }

    private static V1Container onlyContainer(V1PodTemplateSpec template) {
        assertThat(template.getSpec().getContainers()).hasSize(1);
        return template.getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(V1Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(V1EnvVar::getName, e -> Objects.toString(e.getValue(), "")));
    }

    private static String secretName(V1Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret().getSecretName();
    }

    private static boolean matches(Map<String, String> selector, V1PodTemplateSpec template) {
        return selector != null && !selector.isEmpty() && template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet());
    }

    private static void assertProbe(V1Probe probe, String path, String deployment) {
        assertThat(probe).as("%s probe on %s", deployment, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(deployment).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrValue()).as(deployment).isEqualTo("http");
    }

    private static String flag(String flags, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(flags);
        assertThat(matcher.find()).as("%s in %s", regex, flags).isTrue();
        return matcher.group(1);
    }

    private static long bytes(String size) {
        return Quantity.fromString(size.toUpperCase().replace("K", "Ki").replace("M", "Mi").replace("G", "Gi")).getNumber().longValue();
    }
}
