package dev.skillgap.enrich;

import dev.skillgap.SkillGapApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/enrich: full scoring passes of an O*NET release (default data/onet/29.3) through the real routes, database
 * and LangChain4j client, against {@link FakeLlm} answering every call after a fixed latency. Prints, per run and
 * as medians: LLM calls (goal: at most one per occupation), wall time (goal: within 10% of
 * calls x latency / concurrency) and the calls of a re-run on the unchanged release (goal: 0).
 * A first warm-up pass (JIT compilation) is printed but not counted.
 * Arguments (key=value): runs=3 warmup=1 concurrency=4 latency-ms=100 release=data/onet/29.3 batch-log=WARN
 * route-times (prints the mean time per enrich route).
 */
public final class EnrichBenchmark {

    private static final String[] RELEASE_FILES = {"Occupation Data.txt", "Skills.txt", "Scales Reference.txt",
            "Content Model Reference.txt", "Level Scale Anchors.txt"};

    private EnrichBenchmark() {
    }

    record Run(int calls, long wallMs, long scoredPairs, int rerunCalls, long rerunMs, double inputTokens,
               double outputTokens) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("runs", "3", "warmup", "1", "concurrency", "4",
                "latency-ms", "100", "release", "data/onet/29.3"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0].replaceFirst("^--", ""), kv.length > 1 ? kv[1] : "true");
        }
        int runs = Integer.parseInt(options.get("runs"));
        int warmups = Integer.parseInt(options.get("warmup"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        int latencyMs = Integer.parseInt(options.get("latency-ms"));
        Path release = Path.of(options.get("release"));

        try (FakeLlm fake = new FakeLlm()) {
            fake.answerEverythingAfter(latencyMs);
            Path inbox = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(),
                    "bench-inbox-");
            Map<String, String> properties = new HashMap<>();
            properties.put("server.port", "0");
            properties.put("skillgap.inbox", inbox.toString());
            properties.put("skillgap.ingest.quiet-period-ms", "1000");
            properties.put("skillgap.embedded-db.data-dir", "target/bench-db/" + UUID.randomUUID());
            properties.put("skillgap.llm.provider", "openai");
            properties.put("skillgap.llm.base-url", fake.baseUrl());
            properties.put("skillgap.llm.model", "bench-model");
            properties.put("skillgap.llm.concurrency", String.valueOf(concurrency));
            properties.put("skillgap.llm.rate.requests", "100000");
            properties.put("skillgap.llm.rate.period-ms", "1000");
            properties.put("skillgap.llm.timeout", "60s");
            properties.put("skillgap.llm.resume.first-delay-ms", "3600000");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.dev.skillgap.enrich.EnrichPass", "INFO");
            properties.put("logging.level.dev.skillgap.enrich.EnrichBatch", options.getOrDefault("batch-log", "WARN"));
            properties.put("logging.level.dev.skillgap.ingest", "INFO");

            // command-line arguments: they win over application.yml and the environment
            String[] appArgs = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SkillGapApplication.class)
                    .run(appArgs)) {
                CamelContext camel = app.getBean(CamelContext.class);
                // the benchmark starts (and times) every pass itself
                camel.getRouteController().stopRoute("enrich-after-release");
                camel.getRouteController().stopRoute("enrich-resume");
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                ProducerTemplate producer = app.getBean(ProducerTemplate.class);
                MeterRegistry meters = app.getBean(MeterRegistry.class);

                long loadMs = load(release, inbox, jdbc);
                long occupations = jdbc.queryForObject(
                        "SELECT COUNT(DISTINCT onetsoc_code) FROM Occupation_Skills WHERE scale_id = 'LV'", Long.class);
                long pairs = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM Occupation_Skills WHERE scale_id = 'LV'", Long.class);
                System.out.printf(Locale.ROOT, "%nbench/enrich: release %s loaded in %d ms: %d occupations x LV "
                                + "skills = %d pairs; fake LLM latency %d ms, concurrency %d, %d runs after %d warm-up%n",
                        release, loadMs, occupations, pairs, latencyMs, concurrency, runs, warmups);

                List<Run> results = new ArrayList<>();
                for (int run = 1 - warmups; run <= runs; run++) {
                    forgetScores(jdbc);
                    fake.server().resetRequests();
                    double input = tokens(meters, "input");
                    double output = tokens(meters, "output");
                    String loadBefore = loadAverage();
                    long cpuBefore = processCpuNanos();
                    long started = System.nanoTime();
                    producer.requestBody(EnrichRoutes.PASS + "?size=1&waitForTaskToComplete=Always&timeout=0", "");
                    long wallMs = (System.nanoTime() - started) / 1_000_000;
                    long cpuMs = (processCpuNanos() - cpuBefore) / 1_000_000;
                    int calls = fake.calls();
                    long scored = jdbc.queryForObject(
                            "SELECT COUNT(*) FROM Occupation_Skills WHERE scale_id = 'LV' AND value_source = 'llm'",
                            Long.class);
                    double runInput = tokens(meters, "input") - input;
                    double runOutput = tokens(meters, "output") - output;

                    fake.server().resetRequests();
                    started = System.nanoTime();
                    producer.requestBody(EnrichRoutes.PASS + "?size=1&waitForTaskToComplete=Always&timeout=0", "");
                    long rerunMs = (System.nanoTime() - started) / 1_000_000;
                    Run result = new Run(calls, wallMs, scored, fake.calls(), rerunMs, runInput, runOutput);
                    String label = run < 1 ? "warm-up (not counted)" : "run " + run;
                    System.out.printf(Locale.ROOT, "  LLM call duration (app side, all runs so far): median %.0f ms, "
                                    + "95th percentile %.0f ms; JVM CPU (app and fake) %d ms = %.1f ms per call "
                                    + "on %d cores; load average before/after: %s / %s%n",
                            percentile(meters, 0.5), percentile(meters, 0.95), cpuMs,
                            calls == 0 ? 0.0 : (double) cpuMs / calls, Runtime.getRuntime().availableProcessors(),
                            loadBefore, loadAverage());
                    if (run >= 1) {
                        results.add(result);
                    }
                    System.out.printf(Locale.ROOT, "%s: %d calls, %d pairs scored, wall %d ms (ideal %d ms, "
                                    + "%+.1f%%), unchanged re-run: %d calls in %d ms%n", label, calls, scored, wallMs,
                            ideal(calls, latencyMs, concurrency), overIdeal(result, latencyMs, concurrency),
                            result.rerunCalls(), rerunMs);
                }
                report(results, occupations, pairs, latencyMs, concurrency);
                if (options.containsKey("route-times")) {
                    meters.getMeters().stream().filter(m -> m instanceof io.micrometer.core.instrument.Timer)
                            .filter(m -> String.valueOf(m.getId().getTag("routeId")).startsWith("enrich"))
                            .forEach(m -> {
                                var t = (io.micrometer.core.instrument.Timer) m;
                                System.out.printf(Locale.ROOT, "  %s %s: %d exchanges, mean %.1f ms%n",
                                        m.getId().getName(), m.getId().getTag("routeId"), t.count(),
                                        t.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
                            });
                }
            }
        }
    }

    private static long load(Path release, Path inbox, JdbcTemplate jdbc) throws IOException, InterruptedException {
        long started = System.nanoTime();
        for (String name : RELEASE_FILES) {
            Path part = inbox.getParent().resolve(name + ".part");
            Files.copy(release.resolve(name), part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(10).toNanos();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM Releases", Long.class) == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the release was not loaded within 10 minutes; see "
                        + inbox.resolve(".failed"));
            }
            Thread.sleep(200);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Back to a freshly loaded release: no LV pair scored, nothing cached. */
    private static void forgetScores(JdbcTemplate jdbc) {
        jdbc.update("""
                UPDATE Occupation_Skills SET data_value = onet_data_value, value_source = 'onet', llm_model = NULL,
                       prompt_version = NULL, rationale = NULL, scored_at = NULL, input_hash = NULL
                 WHERE scale_id = 'LV'""");
        jdbc.update("DELETE FROM Llm_Skill_Scores");
    }

    private static double tokens(MeterRegistry meters, String kind) {
        return meters.get("skillgap.llm.tokens").tag("kind", kind).counter().count();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** 1-minute load average of the machine (other processes compete for the same cores). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double percentile(MeterRegistry meters, double percentile) {
        for (var value : meters.get("skillgap.llm.call.duration").timer().takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static long ideal(int calls, int latencyMs, int concurrency) {
        return Math.round((double) calls * latencyMs / concurrency);
    }

    private static double overIdeal(Run run, int latencyMs, int concurrency) {
        long ideal = ideal(run.calls(), latencyMs, concurrency);
        return ideal == 0 ? 0 : 100.0 * (run.wallMs() - ideal) / ideal;
    }

    private static void report(List<Run> results, long occupations, long pairs, int latencyMs, int concurrency) {
        int calls = (int) median(results.stream().mapToDouble(Run::calls).toArray());
        long wall = Math.round(median(results.stream().mapToDouble(Run::wallMs).toArray()));
        double over = median(results.stream().mapToDouble(r -> overIdeal(r, latencyMs, concurrency)).toArray());
        int rerunCalls = (int) median(results.stream().mapToDouble(Run::rerunCalls).toArray());
        long rerunMs = Math.round(median(results.stream().mapToDouble(Run::rerunMs).toArray()));
        double input = median(results.stream().mapToDouble(Run::inputTokens).toArray());
        double output = median(results.stream().mapToDouble(Run::outputTokens).toArray());
        System.out.printf(Locale.ROOT, """

                bench/enrich medians of %d runs
                  LLM calls per full pass      %d for %d occupations (%.3f per occupation; goal <= 1)
                  wall time of a full pass     %d ms; ideal calls x %d ms / %d = %d ms; %+.1f%% (goal within 10%%)
                  calls on an unchanged re-run %d (goal 0), in %d ms
                  prompt tokens per pass       ~%.0f (~%.0f per call; fake server estimate: characters / 4)
                  reply tokens per pass        ~%.0f from the fake (~30-token rationales; see README for real models)
                  pairs                        %d
                """, results.size(), calls, occupations, (double) calls / occupations, wall, latencyMs,
                concurrency, ideal(calls, latencyMs, concurrency), over, rerunCalls, rerunMs, input,
                calls == 0 ? 0 : input / calls, output, pairs);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
