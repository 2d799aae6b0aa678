package dev.skillgap.enrich;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.data.message.ChatMessage;
import dev.skillgap.enrich.LlmScoreRepository.PairOutcome;
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
 * The steps of scoring one batch (routes enrich-score-batch, enrich-ask-llm, enrich-call-llm) and of storing it
 * (route enrich-pass, after scoring): the question for the skills still without a valid level, the strict reading
 * of the reply, re-asks for what was missing or invalid, smaller questions after a reply cut off at its length;
 * then the store: LLM scores and, for what never got a valid level, the analyst value marked onet_fallback.
 * The only class that changes a {@link ScoringBatch}.
 */
@Component("enrichBatch")
public class EnrichBatch {

    private static final Logger log = LoggerFactory.getLogger(EnrichBatch.class);

    /** Exchange property: the {@link TruncatedReplyException} of the question in flight, until its reply is read. */
    static final String CUT_OFF = "SkillGapReplyCutOff";

    private final LlmProperties llm;
    private final LlmScoreRepository repository;
    private final LlmMetrics metrics;

    public EnrichBatch(LlmProperties llm, LlmScoreRepository repository, LlmMetrics metrics) {
        this.llm = llm;
        this.repository = repository;
        this.metrics = metrics;
    }

    /** Loop condition: skills left to ask (without a valid level, asks left), and the LLM not given up on. */
    public boolean needsAnotherQuestion(@ExchangeProperty(EnrichRoutes.BATCH_PROPERTY) ScoringBatch batch) {
        if (batch.callFailure() != null || batch.skipped()) {
            return false;
        }
        if (batch.questions() == 0 && batch.pass().circuitOpen()) {
            batch.skip();
            return false;
        }
        return !batch.nextAsk(llm.maxAttempts()).isEmpty();
    }

    /**
     * The messages asking for the next skills of the batch (all unscored ones, fewer after a cut-off reply), the
     * response format on the user message for {@link EnrichChatModel}: the body the langchain4j-chat endpoint sends.
     */
    public List<ChatMessage> question(@ExchangeProperty(EnrichRoutes.BATCH_PROPERTY) ScoringBatch batch) {
        List<SkillPair> ask = batch.nextAsk(llm.maxAttempts());
        long reasked = ask.stream().filter(p -> batch.asks(p.elementId()) > 0).count();
        if (reasked > 0) {
            metrics.reasked((int) reasked);
        }
        batch.startQuestion(ask);
        return EnrichChatModel.withResponseFormat(llm, SkillLevelPrompt.messages(llm.promptVersion(),
                batch.catalogue(), batch.occupation(), ask), ask);
    }

    /** Counts one HTTP call (first try or retry) of the batch and of its pass. */
    public void countCall(@ExchangeProperty(EnrichRoutes.BATCH_PROPERTY) ScoringBatch batch) {
        batch.countCall();
        batch.pass().countCall();
    }

    /**
     * Route enrich-ask-llm's handler of a {@link TruncatedReplyException} (the server said the reply stopped at its
     * length): the partial text becomes the reply that {@link #acceptReply} reads as cut off.
     */
    public String replyCutOff(Exchange exchange) {
        TruncatedReplyException cut = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, TruncatedReplyException.class);
        exchange.setProperty(CUT_OFF, cut);
        return cut == null ? "" : cut.partialText();
    }

    /**
     * Keeps the valid levels of a reply (the endpoint's text, or the partial text of a reply cut off at its length);
     * the rest stays unscored for the next question.
     */
    public void acceptReply(@ExchangeProperty(EnrichRoutes.BATCH_PROPERTY) ScoringBatch batch, @Body Object reply,
                            Exchange exchange) {
        TruncatedReplyException cut = exchange.getProperty(CUT_OFF, TruncatedReplyException.class);
        exchange.removeProperty(CUT_OFF);
        if (batch.callFailure() != null || !(reply instanceof String text)) {
            return; // the call failed for good: there is no reply (see callFailed)
        }
        List<SkillPair> asked = batch.asked();
        SkillLevelReply parsed = SkillLevelReply.parse(text, asked.stream().map(SkillPair::elementId).toList(),
                cut != null);
        batch.accept(parsed);
        if (batch.callFailure() != null) {
            log.warn("LLM reply for {} cut off at its length limit with no complete item, for a question of {} "
                            + "skill(s): {}; its {} unscored pairs keep their values until the next pass",
                    batch.occupation().onetsocCode(), asked.size(), batch.callFailure(), batch.unscored().size());
        } else if (parsed.truncated()) {
            metrics.truncated();
            log.warn("LLM reply for {} cut off at its length limit ({}): {} of {} skills kept; the rest is asked {} "
                            + "at a time", batch.occupation().onetsocCode(), cut == null ? "its JSON stops mid-way"
                            : "finish reason length, " + (cut.outputTokens() == null ? "?" : cut.outputTokens())
                            + " output tokens", parsed.scores().size(), asked.size(), batch.askLimit());
        } else if (!parsed.problems().isEmpty()) {
            log.warn("LLM reply for {} (question {}): {} of {} skills valid; {}", batch.occupation().onetsocCode(),
                    batch.questions(), parsed.scores().size(), asked.size(), summarize(parsed.problems()));
        }
    }

    /** The call failed for good (retries exhausted, or an error no retry can fix). */
    public void callFailed(@ExchangeProperty(EnrichRoutes.BATCH_PROPERTY) ScoringBatch batch, Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = describe(failure);
        batch.failCall(reason);
        log.warn("LLM call for {} failed after {} call(s): {}; its {} unscored pairs keep their values until the "
                + "next pass", batch.occupation().onetsocCode(), batch.calls(), reason, batch.unscored().size());
    }

    /**
     * The end of scoring a batch: counts it for the pass's circuit breaker (a batch fails when its call failed
     * for good or no reply gave a single valid level) and returns it as the body of enrich-score-batch.
     */
    public ScoringBatch scored(@ExchangeProperty(EnrichRoutes.BATCH_PROPERTY) ScoringBatch batch) {
        if (!batch.skipped()) {
            boolean failed = batch.callFailure() != null || batch.scores().isEmpty();
            if (batch.pass().batchScored(failed)) {
                log.warn("LLM pass {}: {} batches in a row failed; the batches not yet started are skipped",
                        batch.pass().passNumber(), llm.circuitBreakerFailures());
            }
        }
        return batch;
    }

    /**
     * Stores the batch in one transaction (Data_Version bumped): valid levels as 'llm'; if the model answered but
     * never gave a valid level for a skill, its analyst value as 'onet_fallback'. A batch whose call failed keeps
     * its unscored pairs as they were, so the next pass asks for them again.
     */
    public void store(@Body ScoringBatch batch) {
        PassProgress pass = batch.pass();
        int size = batch.pairs().size();
        if (batch.skipped()) {
            pass.batchDone(batch, 0, 0, size);
            metrics.pairsDone(size);
            return;
        }
        Instant now = Instant.now();
        List<PairOutcome> outcomes = new ArrayList<>();
        int llmCount = 0;
        int fallbackCount = 0;
        for (SkillPair pair : batch.pairs()) {
            LevelScore score = batch.scores().get(pair.elementId());
            if (score != null) {
                outcomes.add(new PairOutcome(pair, score.level(), LlmScoreRepository.SOURCE_LLM, score.rationale(),
                        now));
                llmCount++;
            } else if (batch.callFailure() == null) {
                outcomes.add(new PairOutcome(pair, pair.analystValue(), LlmScoreRepository.SOURCE_FALLBACK,
                        fallbackRationale(batch, pair), now));
                fallbackCount++;
            }
        }
        long storing = System.nanoTime();
        repository.store(outcomes, llm.effectiveModel(), llm.promptVersion(), true);
        long storeMs = (System.nanoTime() - storing) / 1_000_000;
        int unscored = size - llmCount - fallbackCount;
        metrics.stored(llmCount, 0, fallbackCount);
        metrics.pairsDone(size);
        pass.batchDone(batch, llmCount, fallbackCount, unscored);
        log.info("LLM pass {}: {} {}: {} llm, {} onet_fallback{} in {} call(s){}, {} ms, stored in {} ms | {}",
                pass.passNumber(), batch.occupation().onetsocCode(), batch.occupation().title(), llmCount,
                fallbackCount, unscored > 0 ? ", " + unscored + " unscored" : "", batch.calls(),
                batch.truncatedReplies() > 0 ? " (" + batch.truncatedReplies() + " cut off, split)" : "",
                batch.elapsedMillis(), storeMs, pass.summary());
    }

    /** A batch failed outside the LLM call (e.g. the database): logged on one line, left for the next pass. */
    public void batchFailed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ScoringBatch batch = exchange.getProperty(EnrichRoutes.BATCH_PROPERTY, ScoringBatch.class);
        if (batch == null) {
            log.warn("LLM batch failed: {}", describe(failure));
            return;
        }
        if (batch.pass().batchDone(batch, 0, 0, batch.pairs().size())) {
            metrics.pairsDone(batch.pairs().size());
        }
        log.warn("LLM pass {}: {} not stored: {}; the next pass scores its {} pairs again", batch.pass().passNumber(),
                batch.occupation().onetsocCode(), describe(failure), batch.pairs().size());
    }

    private String fallbackRationale(ScoringBatch batch, SkillPair pair) {
        return truncate("O*NET analyst value kept: no valid level from the LLM after " + batch.asks(pair.elementId())
                + " question(s); last problem: " + batch.lastProblem(pair.elementId()));
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
