package dev.skillgap.enrich;

import dev.skillgap.enrich.LlmScoreRepository.LvPair;
import dev.skillgap.enrich.LlmScoreRepository.PairOutcome;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Plans and closes a scoring pass (route enrich-pass; its split scores and stores the batches). The plan compares
 * every LV pair's stored score with its current inputs, model and prompt version; pairs that match are done, pairs
 * whose answer is in the cache are stored from it without a call, and the rest become batches (the skills of one
 * occupation, batch-size at most), with the catalogue of every skill for the prompt.
 * Because every batch commits on its own, a pass that stops half-way (crash, LLM down) resumes where it stopped.
 */
@Component("enrichPass")
public class EnrichPass {

    /** Exchange properties of the pass exchange. */
    public static final String PROGRESS = "SkillGapPassProgress";
    public static final String LOCK = "SkillGapPassLock";

    private static final Logger log = LoggerFactory.getLogger(EnrichPass.class);
    private static final int CACHE_HITS_PER_TRANSACTION = 1000;

    private final LlmProperties llm;
    private final LlmScoreRepository repository;
    private final PassLock passLock;
    private final LlmMetrics metrics;
    private final long ratePeriodMs;
    private final int rateRequests;
    private final AtomicLong passNumbers = new AtomicLong();
    private volatile boolean offLogged;

    public EnrichPass(LlmProperties llm, LlmScoreRepository repository, PassLock passLock, LlmMetrics metrics,
                      @Value("${skillgap.llm.rate.requests}") int rateRequests,
                      @Value("${skillgap.llm.rate.period-ms}") long ratePeriodMs) {
        this.llm = llm;
        this.repository = repository;
        this.passLock = passLock;
        this.metrics = metrics;
        this.rateRequests = rateRequests;
        this.ratePeriodMs = ratePeriodMs;
    }

    /** The batches to score (empty when scoring is off, another instance is scoring, or nothing changed). */
    public List<ScoringBatch> plan(Exchange exchange) throws SQLException {
        if (!llm.enabled()) {
            if (!offLogged) {
                offLogged = true;
                log.info("LLM scoring is off (SKILLGAP_LLM_PROVIDER=none): LV pairs keep their O*NET analyst values");
            }
            return List.of();
        }
        PassLock.Held lock = passLock.tryAcquire();
        if (lock == null) {
            log.info("LLM pass skipped: another instance is scoring this database");
            return List.of();
        }
        exchange.setProperty(LOCK, lock);
        long number = passNumbers.incrementAndGet();
        long started = System.nanoTime();
        String model = llm.effectiveModel();
        String promptVersion = llm.promptVersion();

        List<LvPair> pairs = repository.loadLvPairs();
        List<SkillPair> stale = new ArrayList<>();
        for (LvPair pair : pairs) {
            if (!pair.stored().matches(pair.pair().inputHash(), model, promptVersion)) {
                stale.add(pair.pair());
            }
        }
        if (stale.isEmpty()) {
            log.info("LLM pass {}: all {} LV pairs are scored for model {} and prompt {}; no call needed ({} ms)",
                    number, pairs.size(), model, promptVersion, (System.nanoTime() - started) / 1_000_000);
            return List.of();
        }
        List<SkillPair> toAsk = serveFromCache(stale, model, promptVersion);
        int fromCache = stale.size() - toAsk.size();
        List<ScoringBatch> batches = batches(number, toAsk, SkillLevelPrompt.catalogue(
                pairs.stream().map(LvPair::pair).toList()));
        if (!batches.isEmpty()) {
            exchange.setProperty(PROGRESS, batches.get(0).pass());
        }
        metrics.pendingPairs(toAsk.size());
        log.info("LLM pass {}: {} LV pairs, {} up to date, {} from cache, {} to score in {} calls (model {}, prompt "
                        + "{}, {} skills per call, {} server(s), each concurrency {} and at most {} calls per {} ms) "
                        + "planned in {} ms",
                number, pairs.size(), pairs.size() - stale.size(), fromCache, toAsk.size(), batches.size(), model,
                promptVersion, llm.batchSize(), llm.servers().size(), llm.concurrency(), rateRequests, ratePeriodMs,
                (System.nanoTime() - started) / 1_000_000);
        return batches;
    }

    /**
     * Logs how the pass ended. Runs after the split, i.e. once every batch has been scored and stored (or failed,
     * or skipped by the circuit breaker): the end of the split is the end of the pass.
     */
    public void finish(Exchange exchange) {
        PassProgress pass = exchange.getProperty(PROGRESS, PassProgress.class);
        if (pass == null) {
            return;
        }
        String result = String.format(java.util.Locale.ROOT,
                "LLM pass %d done in %s: %d pairs, %d calls, %d llm, %d onet_fallback, %d unscored",
                pass.passNumber(), PassProgress.format(pass.elapsed()), pass.totalPairs(), pass.calls(),
                pass.llmPairs(), pass.fallbackPairs(), pass.unscoredPairs());
        if (exchange.getContext().isStopping()) {
            log.warn("{} (interrupted by shutdown); the next pass resumes it", result);
        } else if (pass.unscoredPairs() > 0) {
            log.warn("{}; the LLM failed or was given up on, or a batch was not stored: the unscored pairs keep "
                    + "their values and are asked again by the next pass (after a release load, at startup, every "
                    + "resume period)", result);
        } else {
            log.info(result);
        }
    }

    /** Frees the database lock of the pass (always, from the route's doFinally). */
    public void release(Exchange exchange) {
        PassLock.Held lock = exchange.getProperty(LOCK, PassLock.Held.class);
        if (lock != null) {
            exchange.removeProperty(LOCK);
            lock.close();
        }
    }

    /** Stores the stale pairs whose answer is already cached; returns the others. */
    private List<SkillPair> serveFromCache(List<SkillPair> stale, String model, String promptVersion) {
        Map<String, LevelScore> cache = repository.cachedScores(model, promptVersion);
        List<SkillPair> toAsk = new ArrayList<>();
        List<PairOutcome> hits = new ArrayList<>();
        Instant now = Instant.now();
        for (SkillPair pair : stale) {
            LevelScore cached = cache.get(
                    LlmScoreRepository.cacheKey(pair.onetsocCode(), pair.elementId(), pair.inputHash()));
            if (cached == null) {
                toAsk.add(pair);
            } else {
                hits.add(new PairOutcome(pair, cached.level(), LlmScoreRepository.SOURCE_LLM, cached.rationale(),
                        now));
            }
        }
        for (int from = 0; from < hits.size(); from += CACHE_HITS_PER_TRANSACTION) {
            List<PairOutcome> chunk = hits.subList(from, Math.min(hits.size(), from + CACHE_HITS_PER_TRANSACTION));
            repository.store(chunk, model, promptVersion, false);
            metrics.stored(0, chunk.size(), 0);
        }
        return toAsk;
    }

    private List<ScoringBatch> batches(long number, List<SkillPair> toAsk, List<SkillLevelPrompt.Skill> catalogue) {
        Map<Occupation, List<SkillPair>> byOccupation = new LinkedHashMap<>();
        for (SkillPair pair : toAsk) {
            byOccupation.computeIfAbsent(pair.occupation(), k -> new ArrayList<>()).add(pair);
        }
        List<List<SkillPair>> chunks = new ArrayList<>();
        List<Occupation> owners = new ArrayList<>();
        byOccupation.forEach((occupation, skills) -> {
            for (int from = 0; from < skills.size(); from += llm.batchSize()) {
                chunks.add(skills.subList(from, Math.min(skills.size(), from + llm.batchSize())));
                owners.add(occupation);
            }
        });
        PassProgress progress = new PassProgress(number, toAsk.size(), chunks.size(), llm.circuitBreakerFailures(),
                catalogue);
        List<ScoringBatch> batches = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            batches.add(new ScoringBatch(progress, i + 1, owners.get(i), chunks.get(i)));
        }
        return batches;
    }
}
