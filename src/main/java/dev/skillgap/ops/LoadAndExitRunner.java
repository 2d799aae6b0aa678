package dev.skillgap.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.spi.InflightRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code skillgap.run-mode=load-and-exit}: the one-shot ETL. The routes run as in the service; this
 * watches from outside (the inbox folders, the Camel inflight exchanges and seda queues, the end of
 * an LLM pass over the latest release) and ends the process once everything is idle: exit 0 when
 * all went well, 1 when a file went to inbox/.failed during the run, 2 when
 * {@code skillgap.ops.load-and-exit.max-wait} ran out.
 */
@Component
@ConditionalOnProperty(prefix = "skillgap", name = "run-mode", havingValue = "load-and-exit")
public class LoadAndExitRunner {

    private static final Logger log = LoggerFactory.getLogger(LoadAndExitRunner.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    /** Routes started by these are not part of a load: a clock tick or an API call. */
    private static final Set<String> NON_LOAD_CONSUMERS = Set.of("timer", "scheduler", "cron", "quartz",
            "platform-http", "rest", "rest-api");

    private final CamelContext camel;
    private final OpsQueries queries;
    private final Path inboxPath;
    private final OpsProperties.LoadAndExit settings;
    private final LlmPassTracker llmPass;
    private final boolean llmEnabled;
    private final IntConsumer exit;

    public LoadAndExitRunner(ConfigurableApplicationContext application, CamelContext camel, OpsQueries queries,
                             @Value("${skillgap.inbox}") Path inbox,
                             @Value("${skillgap.llm.provider:none}") String llmProvider, OpsProperties ops) {
        this.exit = code -> System.exit(SpringApplication.exit(application, () -> code));
        this.camel = camel;
        this.queries = queries;
        this.inboxPath = inbox.toAbsolutePath().normalize();
        this.settings = ops.loadAndExit();
        // added here, before the routes start, so that no hand-over or pass end is missed; Camel does not
        // pick up event notifier beans that appear after its own configuration
        this.llmPass = new LlmPassTracker(settings.llmPassRoute());
        camel.getManagementStrategy().addEventNotifier(llmPass);
        ServiceHelper.startService(llmPass);
        this.llmEnabled = !"none".equals(llmProvider.trim().toLowerCase(Locale.ROOT));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        InboxScanner inbox = new InboxScanner(inboxPath, takenByIngest());
        boolean waitForLlm = waitForLlm();
        Thread watcher = new Thread(() -> watchUntilDone(inbox, waitForLlm), "load-and-exit");
        watcher.setDaemon(true);
        watcher.start();
    }

    private boolean waitForLlm() {
        if (!settings.waitForLlm() || !llmEnabled) {
            return false;
        }
        if (camel.getRoute(llmPass.passRouteId()) == null) {
            log.warn("Load-and-exit: no route '{}' (skillgap.ops.load-and-exit.llm-pass-route): not waiting for "
                    + "LLM scoring", llmPass.passRouteId());
            return false;
        }
        return true;
    }

    /**
     * The names that the file consumer of the inbox picks up (its include and exclude options), so
     * that a stray file (notes, a spreadsheet) does not keep the run waiting for ever.
     */
    private Predicate<String> takenByIngest() {
        return camel.getEndpoints().stream()
                .filter(FileEndpoint.class::isInstance)
                .map(FileEndpoint.class::cast)
                .filter(e -> e.getFile().toPath().toAbsolutePath().normalize().equals(inboxPath))
                .findFirst()
                .map(e -> {
                    Pattern include = e.getIncludePattern();
                    Pattern exclude = e.getExcludePattern();
                    return (Predicate<String>) name -> (include == null || include.matcher(name).matches())
                            && (exclude == null || !exclude.matcher(name).matches());
                })
                .orElse(name -> true);
    }

    void watchUntilDone(InboxScanner inbox, boolean waitForLlm) {
        Instant started = Instant.now();
        long releasesBefore = releasesCommitted();
        int heldBefore = inbox.heldReleases();
        log.info("Load-and-exit: watching {} (waiting {}, staging {}); exits when idle{}",
                inbox, inbox.waiting().size(), inbox.staging().size(),
                waitForLlm ? " and an LLM pass (route " + llmPass.passRouteId() + ") ran over the latest data" : "");
        if (!inbox.ignored().isEmpty()) {
            log.warn("Load-and-exit: not O*NET files the ingest takes, left in the inbox: {}", inbox.ignored());
        }
        LoadAndExitMonitor monitor = new LoadAndExitMonitor(settings.idleChecks(), settings.maxWait());
        Instant lastProgress = started;
        try {
            while (true) {
                Thread.sleep(settings.pollInterval().toMillis());
                LoadAndExitMonitor.Observation seen = observe(inbox, started, heldBefore, waitForLlm);
                LoadAndExitMonitor.Verdict verdict = monitor.observe(seen);
                if (verdict != LoadAndExitMonitor.Verdict.WAIT) {
                    finish(inbox, verdict, seen, releasesCommitted() - releasesBefore);
                    return;
                }
                if (Duration.between(lastProgress, Instant.now()).compareTo(PROGRESS_EVERY) >= 0) {
                    log.info("Load-and-exit: busy after {} s: {} waiting, {} staging, {} inflight, {} queued, "
                                    + "LLM pass {}, {} failed", seen.elapsed().toSeconds(), seen.waitingFiles(),
                            seen.stagingFiles(), seen.inflightExchanges(), seen.queuedExchanges(),
                            seen.llmPassPending() ? "pending" : "done", seen.failedFiles().size());
                    lastProgress = Instant.now();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the application is closing anyway
        } catch (RuntimeException e) {
            log.error("Load-and-exit: cannot observe the load, exiting with code 3: {}", e.toString());
            exit.accept(3);
        }
    }

    LoadAndExitMonitor.Observation observe(InboxScanner inbox, Instant started, int heldBefore, boolean waitForLlm) {
        return new LoadAndExitMonitor.Observation(inbox.waiting().size(), inbox.staging().size(),
                inflightLoadExchanges(), queuedExchanges(),
                waitForLlm && !llmPass.passEndedAfterLatestRelease(started.toEpochMilli()),
                inbox.failedFilesSince(started), Math.max(0, inbox.heldReleases() - heldBefore),
                Duration.between(started, Instant.now()));
    }

    private void finish(InboxScanner inbox, LoadAndExitMonitor.Verdict verdict, LoadAndExitMonitor.Observation seen, long releasesLoaded) {
        List<String> failed = seen.failedFiles();
        Map<String, Long> lvPairs = queries.lvPairsByValueSource();
        String summary = "Load-and-exit: " + verdict + " after " + seen.elapsed().toSeconds() + " s: "
                + releasesLoaded + " release(s) loaded, " + failed.size() + " file(s) failed" + (failed.isEmpty()
                ? "" : " " + failed + " (see " + inbox.failedDir() + ")") + "; LV pairs by value_source " + lvPairs
                + (seen.releasesHeld() > 0 ? "; " + seen.releasesHeld() + " release(s) held for a confirmation in "
                + inbox.heldDir() + " (README: Bad files, limits and holds)" : "")
                + "; exit code " + verdict.exitCode();
        if (verdict == LoadAndExitMonitor.Verdict.DONE) {
            log.info(summary);
        } else {
            log.error(summary);
        }
        exit.accept(verdict.exitCode());
    }

    private int inflightLoadExchanges() {
        InflightRepository inflight = camel.getInflightRepository();
        int busy = 0;
        for (Route route : camel.getRoutes()) {
            String[] uri = route.getEndpoint().getEndpointUri().split(":", 4);
            // master:<namespace>:<uri> (leader election, see Leadership): the scheme of the uri it leads
            String scheme = "master".equals(uri[0]) && uri.length > 2 ? uri[2] : uri[0];
            if (!NON_LOAD_CONSUMERS.contains(scheme)) {
                busy += inflight.size(route.getRouteId());
            }
        }
        return busy;
    }

    private int queuedExchanges() {
        return camel.getEndpoints().stream()
                .filter(SedaEndpoint.class::isInstance)
                .mapToInt(e -> ((SedaEndpoint) e).getCurrentQueueSize())
                .sum();
    }

    private long releasesCommitted() {
        return queries.latestRelease().map(OpsQueries.LatestRelease::releasesCommitted).orElse(0L);
    }
}
