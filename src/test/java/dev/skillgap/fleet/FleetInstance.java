package dev.skillgap.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One skill-gap instance in a JVM process of its own (the test's class path, {@code dev.skillgap.SkillGapApplication}),
 * so that it can be killed like a crashed server: {@link #kill()} is SIGKILL, nothing of the app runs after it, and
 * the operating system drops its file lock. Java's FileLock is held per JVM, so two instances in one JVM would not
 * contend for the cluster lock the way two servers do. Output goes to {@code target/fleet/<name>.log}.
 */
final class FleetInstance implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private FleetInstance(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static FleetInstance start(String name, Map<String, String> properties) throws IOException {
        int port = freePort();
        Path log = Path.of("target", "fleet").toAbsolutePath().resolve(name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                "dev.skillgap.SkillGapApplication", "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.writeString(log, String.join(" ", command) + "\n");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new FleetInstance(name, port, log, process);
    }

    /** The state of a health component, null while the instance does not answer. */
    JsonNode health(String component) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/actuator/health/" + component))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** "leader" or "follower" for the namespace, null while the instance does not answer. */
    String leadership(String namespace) {
        JsonNode health = health("leadership");
        return health == null || health.path("details").path(namespace).isMissingNode() ? null
                : health.path("details").path(namespace).asText();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process ends at once, nothing of it runs any more (no shutdown hook, no Camel stop). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A graceful stop (SIGTERM), then SIGKILL if it has not ended within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * The test JVM's class path, each entry once and without Surefire's booter jar (its manifest lists the same
     * entries again): a folder on it twice would make Camel load every route file twice.
     */
    private static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("surefirebooter")).distinct()
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
