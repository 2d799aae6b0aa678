package dev.skillgap.backtest;

import dev.skillgap.backtest.BacktestRelease.SkillRatings;
import dev.skillgap.enrich.EnrichRoutes;
import dev.skillgap.enrich.LevelScore;
import dev.skillgap.enrich.LlmProperties;
import dev.skillgap.enrich.Occupation;
import dev.skillgap.enrich.ScoringBatch;
import dev.skillgap.enrich.SkillPair;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The backtest (README "Judging a model: the backtest"). O*NET re-rates some occupations in each release with a
 * new analyst panel; a refinement of the OLD analyst values is better than those values only if it lands closer to
 * the NEW panel. So: read both release folders with the ingest's parser; take the occupations whose LV ratings
 * differ between them (genuine panels only: no {@code Analyst - Transition} rows in either); score them from the OLD
 * files with the configured provider, model and prompt through the pass's own route (direct:enrich-score-batch,
 * which stores nothing); ask a sample a second time in another order; compare everything with the NEW values;
 * write the report, store the result (the quality gate), and return it.
 */
@Component("backtest")
public class Backtest {

    /** Route that scores a list of batches in parallel (routes/backtest.camel.yaml). */
    static final String SCORE_BATCHES = "direct:backtest-score-batches";

    private static final Logger log = LoggerFactory.getLogger(Backtest.class);
    private static final long FIRST_ASK = 1;
    private static final long SECOND_ASK = 2;

    private final BacktestReleases releases;
    private final ProducerTemplate camel;
    private final LlmProperties llm;
    private final BacktestProperties settings;
    private final BacktestRepository repository;
    private final MeterRegistry meters;

    public Backtest(BacktestReleases releases, ProducerTemplate camel, LlmProperties llm, BacktestProperties settings,
                    BacktestRepository repository, MeterRegistry meters) {
        this.releases = releases;
        this.camel = camel;
        this.llm = llm;
        this.settings = settings;
        this.repository = repository;
        this.meters = meters;
    }

    /** Runs the backtest of the configured model and prompt; writes the report and stores the result. */
    public BacktestResult run(Path oldFolder, Path newFolder) {
        if (!llm.enabled()) {
            throw new IllegalArgumentException("SKILLGAP_LLM_PROVIDER is none: there is no model to backtest; set "
                    + "the provider, base URL and model of the LLM to judge");
        }
        long started = System.nanoTime();
        Instant ranAt = Instant.now();
        BacktestRelease older = releases.read(oldFolder);
        BacktestRelease newer = releases.read(newFolder);
        BacktestRelease catalogue = older.hasCatalogue() ? older : newer;
        List<String> reRated = testSet(older, newer);
        List<String> testSet = settings.maxOccupations() > 0 && reRated.size() > settings.maxOccupations()
                ? List.copyOf(reRated.subList(0, settings.maxOccupations())) : reRated;
        log.info("Backtest: O*NET {} ({}) -> {} ({}): {} occupations re-rated by a new panel{}; skill catalogue "
                        + "from {}; model {} ({}), prompt {}", older.version(), oldFolder, newer.version(), newFolder,
                testSet.size(), settings.maxOccupations() > 0 ? " (max-occupations " + settings.maxOccupations()
                        + ")" : "", catalogue.folder(), llm.effectiveModel(), providerName(), BacktestBatches.promptVersion(llm));
        if (testSet.isEmpty()) {
            throw new IllegalArgumentException("no occupation with a genuine analyst rating in both releases has "
                    + "different LV values in " + newFolder + " than in " + oldFolder + ": nothing to backtest");
        }
        ImBaseline baseline = imBaseline(older, new java.util.HashSet<>(reRated));

        Map<Occupation, List<SkillPair>> asked = new LinkedHashMap<>();
        for (String code : testSet) {
            asked.put(occupation(older, code), pairs(older, newer, catalogue, code));
        }
        double inputTokensBefore = counter("input");
        double outputTokensBefore = counter("output");
        List<ScoringBatch> first = BacktestBatches.batches(FIRST_ASK, asked, llm.batchSize(),
                llm.circuitBreakerFailures());
        long promptCharacters = first.stream().mapToLong(b -> BacktestBatches.promptCharacters(llm, b)).sum();
        score(first, "test set");
        List<ScoringBatch> second = BacktestBatches.batches(SECOND_ASK, reordered(asked), llm.batchSize(),
                llm.circuitBreakerFailures());
        score(second, "consistency sample");

        Map<String, Map<String, Double>> firstLevels = levels(first);
        Map<String, Map<String, Double>> secondLevels = levels(second);
        List<OccupationResult> results = new ArrayList<>();
        for (String code : testSet) {
            results.add(result(older, newer, baseline, code, firstLevels.getOrDefault(code, Map.of())));
        }
        BacktestFigures figures = new BacktestStatistics(settings.resamples(), settings.seed())
                .compute(results, secondLevels);

        List<ScoringBatch> all = new ArrayList<>(first);
        all.addAll(second);
        long calls = all.stream().mapToLong(ScoringBatch::calls).sum();
        List<ScoringBatch> failed = all.stream().filter(b -> b.callFailure() != null || b.skipped()).toList();
        boolean partial = testSet.size() < reRated.size();
        boolean passed = QualityGate.passes(figures.ci95()) && failed.isEmpty() && !partial;
        String reason = (partial ? "partial test set (max-occupations " + settings.maxOccupations() + " of "
                + reRated.size() + " re-rated occupations): never a pass; " : "") + reason(figures, failed, all.size());
        BacktestResult result = new BacktestResult(providerName(), llm.effectiveModel(),
                BacktestBatches.promptVersion(llm),
                older.version(), newer.version(), figures, passed, reason, calls, all.size(), failed.size(),
                promptCharacters, counter("input") - inputTokensBefore, counter("output") - outputTokensBefore,
                ranAt, (System.nanoTime() - started) / 1_000_000, occupationLines(results));
        Path folder = BacktestReport.write(settings.reportDir(), result);
        repository.store(result, BacktestReport.json(result));
        log.info("Backtest: {} in {} ms, {} calls, report in {}, stored; gate {}: {}", result.model() + "/"
                        + result.promptVersion(), result.durationMs(), calls, folder.toAbsolutePath(), result.gate(),
                reason);
        return result;
    }

    /** One log line per scored batch (route backtest-score-batches); nothing is stored. */
    public void logBatch(@ExchangeProperty(EnrichRoutes.BATCH_PROPERTY) ScoringBatch batch) {
        log.info("Backtest ask {}: batch {}/{} {} {}: {} of {} skills scored in {} call(s), {} ms",
                batch.pass().passNumber(), batch.number(), batch.pass().totalBatches(),
                batch.occupation().onetsocCode(), batch.occupation().title(), batch.scores().size(),
                batch.pairs().size(), batch.calls(), batch.elapsedMillis());
    }

    /**
     * Occupations rated in both releases, never with an {@code Analyst - Transition} row in either, whose LV value
     * of at least one skill differs; in code order, cut to max-occupations when set.
     */
    List<String> testSet(BacktestRelease older, BacktestRelease newer) {
        List<String> codes = new ArrayList<>();
        older.ratings().forEach((code, oldSkills) -> {
            Map<String, SkillRatings> newSkills = newer.ratings().get(code);
            if (newSkills == null || older.isTransition(code) || newer.isTransition(code)) {
                return;
            }
            boolean differs = oldSkills.entrySet().stream().anyMatch(e -> newSkills.containsKey(e.getKey())
                    && newSkills.get(e.getKey()).level().compareTo(e.getValue().level()) != 0);
            if (differs) {
                codes.add(code);
            }
        });
        return codes;
    }

    /** Per-skill least squares of LV on IM over the OLD release's genuine panels outside the (uncut) test set. */
    private static ImBaseline imBaseline(BacktestRelease older, java.util.Set<String> excluded) {
        ImBaseline baseline = new ImBaseline();
        older.ratings().forEach((code, skills) -> {
            if (excluded.contains(code) || older.isTransition(code)) {
                return;
            }
            skills.forEach((elementId, r) -> {
                if (r.importance() != null) {
                    baseline.add(elementId, r.importance().doubleValue(), r.level().doubleValue());
                }
            });
        });
        return baseline;
    }

    private static Occupation occupation(BacktestRelease older, String code) {
        Occupation occupation = older.occupation(code);
        if (occupation == null) {
            throw new IllegalArgumentException("Skills.txt of " + older.folder() + " rates " + code
                    + ", which its Occupation Data.txt lacks");
        }
        return occupation;
    }

    /** The LV pairs of the occupation rated in both releases, built from the OLD release, in Element ID order. */
    private static List<SkillPair> pairs(BacktestRelease older, BacktestRelease newer, BacktestRelease catalogue,
                                         String code) {
        Occupation occupation = occupation(older, code);
        Map<String, SkillRatings> newSkills = newer.ratings().get(code);
        List<SkillPair> pairs = new ArrayList<>();
        older.ratings().get(code).forEach((elementId, r) -> {
            if (newSkills.containsKey(elementId)) {
                pairs.add(BacktestBatches.pair(occupation, elementId, r, catalogue.description(elementId),
                        catalogue.levelAnchors(elementId)));
            }
        });
        return pairs;
    }

    /**
     * The consistency sample (consistency-sample occupations drawn with the fixed seed), in reverse order and each
     * with its skills shuffled: the same questions in another batch order.
     */
    private Map<Occupation, List<SkillPair>> reordered(Map<Occupation, List<SkillPair>> asked) {
        List<Occupation> occupations = new ArrayList<>(asked.keySet());
        Random random = new Random(settings.seed());
        Collections.shuffle(occupations, random);
        List<Occupation> sample = new ArrayList<>(occupations.subList(0,
                Math.min(Math.max(settings.consistencySample(), 0), occupations.size())));
        sample.sort(java.util.Comparator.comparing(Occupation::onetsocCode).reversed());
        Map<Occupation, List<SkillPair>> again = new LinkedHashMap<>();
        for (Occupation occupation : sample) {
            List<SkillPair> skills = new ArrayList<>(asked.get(occupation));
            Collections.shuffle(skills, random);
            again.put(occupation, skills);
        }
        return again;
    }

    /** Scores the batches through the pass's route, in parallel on the pass's threads; stores nothing. */
    private void score(List<ScoringBatch> batches, String what) {
        if (batches.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        camel.requestBody(SCORE_BATCHES, batches);
        long scored = batches.stream().mapToLong(b -> b.scores().size()).sum();
        long pairs = batches.stream().mapToLong(b -> b.pairs().size()).sum();
        log.info("Backtest: {}: {} batches, {} of {} pairs scored, {} calls in {} ms", what, batches.size(), scored,
                pairs, batches.stream().mapToLong(ScoringBatch::calls).sum(), (System.nanoTime() - started) / 1_000_000);
    }

    private static Map<String, Map<String, Double>> levels(List<ScoringBatch> batches) {
        Map<String, Map<String, Double>> levels = new HashMap<>();
        for (ScoringBatch batch : batches) {
            Map<String, Double> occupation = levels.computeIfAbsent(batch.occupation().onetsocCode(),
                    k -> new HashMap<>());
            for (Map.Entry<String, LevelScore> score : batch.scores().entrySet()) {
                occupation.put(score.getKey(), score.getValue().level().doubleValue());
            }
        }
        return levels;
    }

    private static OccupationResult result(BacktestRelease older, BacktestRelease newer, ImBaseline baseline,
                                           String code, Map<String, Double> model) {
        Map<String, SkillRatings> newSkills = newer.ratings().get(code);
        List<PairResult> pairs = new ArrayList<>();
        older.ratings().get(code).forEach((elementId, r) -> {
            SkillRatings panel = newSkills.get(elementId);
            if (panel != null) {
                pairs.add(new PairResult(elementId, r.level().doubleValue(), panel.level().doubleValue(),
                        model.get(elementId), r.importance() == null ? null
                        : baseline.predict(elementId, r.importance().doubleValue()),
                        value(r.levelLower()), value(r.levelUpper())));
            }
        });
        return new OccupationResult(code, older.occupation(code).title(), pairs);
    }

    private static List<BacktestResult.OccupationLine> occupationLines(List<OccupationResult> results) {
        List<BacktestResult.OccupationLine> lines = new ArrayList<>();
        for (OccupationResult o : results) {
            double model = 0;
            double raw = 0;
            int scored = 0;
            for (PairResult p : o.pairs()) {
                model += Math.abs(p.served() - p.panel());
                raw += Math.abs(p.analyst() - p.panel());
                scored += p.model() == null ? 0 : 1;
            }
            int n = Math.max(1, o.pairs().size());
            lines.add(new BacktestResult.OccupationLine(o.code(), o.title(), o.pairs().size(), scored, model / n,
                    raw / n));
        }
        return lines;
    }

    private static String reason(BacktestFigures f, List<ScoringBatch> failed, int batches) {
        String interval = "delta " + BacktestResult.decimal(f.delta()) + " with 95% CI ["
                + BacktestResult.decimal(f.ci95().low()) + ", " + BacktestResult.decimal(f.ci95().high()) + "]";
        if (!failed.isEmpty()) {
            ScoringBatch example = failed.get(0);
            return "incomplete: " + failed.size() + " of " + batches + " batches got no answer (e.g. "
                    + example.occupation().onetsocCode() + ": " + (example.skipped() ? "skipped by the circuit breaker"
                    : example.callFailure()) + "); " + interval;
        }
        if (QualityGate.passes(f.ci95())) {
            return interval + " lies entirely below 0: the model's levels are closer to the new panel than the "
                    + "analyst values they refine";
        }
        return interval + " is not entirely below 0: no evidence that the model's levels are closer to the new panel "
                + "than the analyst values" + (f.delta() > 0 ? " (they are further away)" : "");
    }

    private double counter(String kind) {
        var counter = meters.find("skillgap.llm.tokens").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private String providerName() {
        return llm.provider().name().toLowerCase(Locale.ROOT);
    }

    private static Double value(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
