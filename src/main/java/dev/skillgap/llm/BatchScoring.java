package dev.skillgap.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.skillgap.llm.LlmScoreRepository.PairOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of scoring one batch (routes enrich-score-batch and enrich-ask-llm): build the prompt for the skills
 * still without a valid level, read the reply strictly, ask again for what was missing or invalid, then store
 * LLM scores and, for what never got a valid level, the analyst value marked onet_fallback.
 */
@Component("llmBatchScoring")
public class BatchScoring {

    /** Exchange property holding the {@link ScoringBatch} of a split part. */
    public static final String BATCH = "SkillGapScoringBatch";

    private static final Logger log = LoggerFactory.getLogger(BatchScoring.class);

    private final LlmProperties llm;
    private final LlmScoreRepository repository;
    private final LlmMetrics metrics;

    public BatchScoring(LlmProperties llm, LlmScoreRepository repository, LlmMetrics metrics) {
        this.llm = llm;
        this.repository = repository;
        this.metrics = metrics;
    }

    /** Loop condition: skills left without a valid level, attempts left, and the LLM not given up on. */
    public boolean needsAnotherAttempt(@ExchangeProperty(BATCH) ScoringBatch batch) {
        if (batch.callFailure() != null || batch.skipped() || batch.unscored().isEmpty()) {
            return false;
        }
        if (batch.attempts() == 0 && batch.pass().circuitOpen()) {
            batch.skip();
            return false;
        }
        return batch.attempts() < llm.maxAttempts();
    }

    /** The messages asking for the skills of the batch that have no valid level yet. */
    public List<ChatMessage> prompt(@ExchangeProperty(BATCH) ScoringBatch batch) {
        List<SkillPair> ask = batch.unscored();
        if (batch.attempts() > 0) {
            metrics.reasked(ask.size());
        }
        batch.startAttempt();
        batch.countCall();
        batch.pass().countCall();
        // mutable: the langchain4j-chat producer rewrites the list in place
        return new ArrayList<>(SkillLevelPrompt.messages(batch.occupation(), ask));
    }

    /** Keeps the valid levels of a reply; the rest stays unscored for the next attempt. */
    public void acceptReply(@ExchangeProperty(BATCH) ScoringBatch batch, @Body String reply) {
        if (batch.callFailure() != null) {
            return; // the call failed for good: there is no reply (see callFailed)
        }
        List<SkillPair> asked = batch.unscored();
        SkillLevelReply parsed = SkillLevelReply.parse(reply, asked.stream().map(SkillPair::elementId).toList());
        batch.accept(parsed, asked);
        batch.pass().callSucceeded();
        if (!parsed.problems().isEmpty()) {
            log.warn("LLM reply for {} (attempt {}/{}): {} of {} skills valid; {}",
                    batch.occupation().onetsocCode(), batch.attempts(), llm.maxAttempts(), parsed.scores().size(),
                    asked.size(), summarize(parsed.problems()));
        }
    }

    /** The call failed for good (retries exhausted, or an error no retry can fix). */
    public void callFailed(@ExchangeProperty(BATCH) ScoringBatch batch, Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = describe(failure);
        batch.failCall(reason);
        boolean opened = batch.pass().callFailed();
        log.warn("LLM call for {} failed after {} call(s): {}; its {} unscored pairs keep their values until the "
                + "next pass", batch.occupation().onetsocCode(), batch.calls(), reason, batch.unscored().size());
        if (opened) {
            log.warn("LLM pass {}: {} calls in a row failed; the batches not yet started are skipped",
                    batch.pass().passNumber(), llm.circuitBreakerFailures());
        }
    }

    /**
     * Stores the batch in one transaction (Data_Version bumped): valid levels as 'llm'; if the model answered but
     * never gave a valid level for a skill, its analyst value as 'onet_fallback'. A batch whose call failed keeps
     * its unscored pairs as they were, so the next pass asks for them again.
     */
    public void store(@ExchangeProperty(BATCH) ScoringBatch batch) {
        PassProgress pass = batch.pass();
        int size = batch.pairs().size();
        try {
            if (batch.skipped()) {
                pass.batchDone(batch, 0, 0, size);
                return;
            }
            Instant now = Instant.now();
            List<PairOutcome> outcomes = new ArrayList<>();
            int llmCount = 0;
            int fallbackCount = 0;
            for (SkillPair pair : batch.pairs()) {
                LevelScore score = batch.scores().get(pair.elementId());
                if (score != null) {
                    outcomes.add(new PairOutcome(pair, score.level(), LlmScoreRepository.SOURCE_LLM,
                            score.rationale(), now));
                    llmCount++;
                } else if (batch.callFailure() == null) {
                    outcomes.add(new PairOutcome(pair, pair.analystValue(), LlmScoreRepository.SOURCE_FALLBACK,
                            fallbackRationale(batch, pair), now));
                    fallbackCount++;
                }
            }
            long storing = System.nanoTime();
            repository.store(outcomes, llm.effectiveModel(), SkillLevelPrompt.VERSION, true);
            long storeMs = (System.nanoTime() - storing) / 1_000_000;
            int unscored = size - llmCount - fallbackCount;
            metrics.stored(llmCount, 0, fallbackCount);
            pass.batchDone(batch, llmCount, fallbackCount, unscored);
            log.info("LLM pass {}: {} {}: {} llm, {} onet_fallback{} in {} call(s), {} ms, stored in {} ms | {}",
                    pass.passNumber(), batch.occupation().onetsocCode(), batch.occupation().title(), llmCount,
                    fallbackCount, unscored > 0 ? ", " + unscored + " unscored" : "", batch.calls(),
                    batch.elapsedMillis(), storeMs, pass.summary());
        } finally {
            pass.batchFailed(batch); // no-op when counted above; else the pass must not wait for this batch
            metrics.pairsDone(size);
        }
    }

    /** A batch failed outside the LLM call (route error handler): logged on one line, left for the next pass. */
    public void batchFailed(@ExchangeProperty(BATCH) ScoringBatch batch, Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (batch == null) {
            log.warn("LLM batch failed: {}", describe(failure));
            return;
        }
        batch.pass().batchFailed(batch);
        log.warn("LLM pass {}: {} not stored: {}; the next pass scores its {} pairs again", batch.pass().passNumber(),
                batch.occupation().onetsocCode(), describe(failure), batch.pairs().size());
    }

    private String fallbackRationale(ScoringBatch batch, SkillPair pair) {
        return truncate("O*NET analyst value kept: no valid level from the LLM after " + batch.attempts()
                + " attempt(s); last problem: " + batch.lastProblem(pair.elementId()));
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        LlmHttpException http = LlmHttpException.findIn(failure).orElse(null);
        if (http != null) {
            return "HTTP " + http.statusCode() + " " + abbreviate(http.getMessage());
        }
        if (failure instanceof HttpException other) {
            return "HTTP " + other.statusCode() + " " + abbreviate(other.getMessage());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = failure.getClass().getSimpleName();
        return root == failure ? kind + ": " + abbreviate(failure.getMessage())
                : kind + " (" + root.getClass().getSimpleName() + ": " + abbreviate(root.getMessage()) + ")";
    }

    private static String summarize(List<String> problems) {
        String text = String.join("; ", problems.subList(0, Math.min(3, problems.size())));
        return problems.size() > 3 ? text + "; and " + (problems.size() - 3) + " more" : text;
    }

    private static String truncate(String text) {
        return text.length() <= SkillLevelReply.MAX_RATIONALE_LENGTH ? text
                : text.substring(0, SkillLevelReply.MAX_RATIONALE_LENGTH - 1) + "…";
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
