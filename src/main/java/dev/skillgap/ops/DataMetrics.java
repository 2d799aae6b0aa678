package dev.skillgap.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gauges about the data the API serves, read from the Releases and Occupation_Skills tables every
 * {@code skillgap.ops.metrics-refresh} on a background thread: a Prometheus scrape only reads the
 * cached snapshot, so scraping never queries the database.
 */
@Component
public class DataMetrics implements MeterBinder, DisposableBean {

    public static final List<String> TABLES = List.of("occupations", "skills", "scales", "occupation_skills");
    public static final List<String> VALUE_SOURCES = List.of("onet", "llm", "onet_fallback");

    private static final Logger log = LoggerFactory.getLogger(DataMetrics.class);

    /** What the gauges show; {@code release} is empty until a release has been loaded. */
    record Snapshot(Optional<OpsQueries.LatestRelease> release, Map<String, Long> lvPairs) {
        static final Snapshot EMPTY = new Snapshot(Optional.empty(), Map.of());
    }

    private final OpsQueries queries;
    private final OpsProperties ops;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ops-data-metrics");
        thread.setDaemon(true);
        return thread;
    });

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean lastRefreshFailed;
    private MultiGauge releaseInfo;

    public DataMetrics(OpsQueries queries, OpsProperties ops) {
        this.queries = queries;
        this.ops = ops;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String table : TABLES) {
            gauge(registry, "skillgap.release.rows", "Rows of the latest loaded release, per table",
                    s -> s.release().map(r -> (double) rows(r, table)).orElse(0.0), Tags.of("table", table), null);
        }
        gauge(registry, "skillgap.release.loaded.timestamp", "When the latest release was loaded (epoch seconds)",
                s -> s.release().map(r -> r.loadedAt().toEpochMilli() / 1000.0).orElse(Double.NaN), Tags.empty(),
                "seconds");
        gauge(registry, "skillgap.release.load.duration", "How long loading the latest release took",
                s -> s.release().map(r -> r.durationMs() / 1000.0).orElse(Double.NaN), Tags.empty(), "seconds");
        gauge(registry, "skillgap.release.id", "release_id of the latest loaded release",
                s -> s.release().map(r -> (double) r.releaseId()).orElse(Double.NaN), Tags.empty(), null);
        gauge(registry, "skillgap.releases.committed", "Release loads committed since the database was created",
                s -> s.release().map(r -> (double) r.releasesCommitted()).orElse(0.0), Tags.empty(), null);
        for (String source : VALUE_SOURCES) {
            gauge(registry, "skillgap.lv.pairs", "LV occupation-skill pairs per value_source (LLM scoring progress)",
                    s -> s.lvPairs().getOrDefault(source, 0L), Tags.of("value_source", source), null);
        }
        releaseInfo = MultiGauge.builder("skillgap.release.info")
                .description("Always 1; its labels name the latest loaded release")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<Snapshot> value, Tags tags, String baseUnit) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.snapshot))
                .description(description).tags(tags).baseUnit(baseUnit).strongReference(true)
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startRefreshing() {
        long periodMs = ops.metricsRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            Snapshot fresh = new Snapshot(queries.latestRelease(), queries.lvPairsByValueSource());
            snapshot = fresh;
            if (releaseInfo != null) {
                releaseInfo.register(fresh.release().stream()
                        .map(r -> MultiGauge.Row.of(Tags.of("release_id", Long.toString(r.releaseId()),
                                "onet_version", r.onetVersion() == null ? "unknown" : r.onetVersion()), 1))
                        .toList(), true);
            }
            if (lastRefreshFailed) {
                log.info("Data metrics: reading the database works again");
                lastRefreshFailed = false;
            }
        } catch (RuntimeException e) {
            if (!lastRefreshFailed) { // one line per outage, not one per refresh
                log.warn("Data metrics: cannot read the database, gauges keep their last values: {}", e.toString());
                lastRefreshFailed = true;
            }
        }
    }

    Snapshot snapshot() {
        return snapshot;
    }

    private static long rows(OpsQueries.LatestRelease r, String table) {
        return switch (table) {
            case "occupations" -> r.occupations();
            case "skills" -> r.skills();
            case "scales" -> r.scales();
            case "occupation_skills" -> r.occupationSkills();
            default -> throw new IllegalArgumentException(table);
        };
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
