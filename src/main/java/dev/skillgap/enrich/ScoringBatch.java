package dev.skillgap.enrich;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The skills of one occupation that one pass (or the backtest) asks the LLM about: the first question, re-asks for
 * the items a reply missed or got wrong, and smaller questions for the rest of a reply that was cut off. The body
 * of route enrich-score-batch ({@link EnrichRoutes#SCORE_BATCH}), changed only by {@link EnrichBatch}, by one thread
 * at a time.
 */
public final class ScoringBatch {

    private final PassProgress pass;
    private final int number;
    private final Occupation occupation;
    private final List<SkillPair> pairs;
    private final Map<String, LevelScore> scores = new LinkedHashMap<>();
    private final Map<String, String> lastProblems = new HashMap<>();
    /** Questions that asked for each element (a question cut off by the reply's length does not count). */
    private final Map<String, Integer> asks = new HashMap<>();
    private final AtomicBoolean accounted = new AtomicBoolean();
    private List<SkillPair> asked = List.of();
    private int askLimit;
    private int questions;
    private int calls;
    private int truncatedReplies;
    private String callFailure;
    private boolean skipped;
    private long startedNanos;

    /** A batch of a pass, or of any caller that made its own {@link PassProgress} (the backtest). */
    public ScoringBatch(PassProgress pass, int number, Occupation occupation, List<SkillPair> pairs) {
        this.pass = pass;
        this.number = number;
        this.occupation = occupation;
        this.pairs = List.copyOf(pairs);
        this.askLimit = Math.max(1, this.pairs.size());
    }

    public PassProgress pass() {
        return pass;
    }

    public int number() {
        return number;
    }

    public Occupation occupation() {
        return occupation;
    }

    public List<SkillPair> pairs() {
        return pairs;
    }

    /** The skills prompt lv-2 lists in its system message: the pass's catalogue, else this batch's own skills. */
    public List<SkillLevelPrompt.Skill> catalogue() {
        return pass.catalogue().isEmpty() ? SkillLevelPrompt.catalogue(pairs) : pass.catalogue();
    }

    /** Pairs without a valid level yet, in prompt order. */
    public List<SkillPair> unscored() {
        List<SkillPair> open = new ArrayList<>();
        for (SkillPair pair : pairs) {
            if (!scores.containsKey(pair.elementId())) {
                open.add(pair);
            }
        }
        return open;
    }

    /** Valid levels so far, by element_id. */
    public Map<String, LevelScore> scores() {
        return Collections.unmodifiableMap(scores);
    }

    /** Questions asked so far (first question, re-asks and the parts of a split). */
    public int questions() {
        return questions;
    }

    /** HTTP calls so far: questions plus retries. */
    public int calls() {
        return calls;
    }

    /** Replies cut off at the model's output or context limit. */
    public int truncatedReplies() {
        return truncatedReplies;
    }

    /** How many skills the next question asks for at most: all, halved after every cut-off reply. */
    public int askLimit() {
        return askLimit;
    }

    /** Questions that asked for this element. */
    public int asks(String elementId) {
        return asks.getOrDefault(elementId, 0);
    }

    public String callFailure() {
        return callFailure;
    }

    public boolean skipped() {
        return skipped;
    }

    /** The skills of the question in flight. */
    public List<SkillPair> asked() {
        return asked;
    }

    /** Time since the first question of the batch. */
    public long elapsedMillis() {
        return startedNanos == 0 ? 0 : (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Why the item was last rejected, for the fallback's rationale. */
    public String lastProblem(String elementId) {
        return lastProblems.getOrDefault(elementId, "missing from the reply");
    }

    /** The skills the next question asks for: unscored, asked fewer than maxAsks times, at most askLimit. */
    List<SkillPair> nextAsk(int maxAsks) {
        List<SkillPair> next = new ArrayList<>();
        for (SkillPair pair : unscored()) {
            if (next.size() < askLimit && asks(pair.elementId()) < maxAsks) {
                next.add(pair);
            }
        }
        return next;
    }

    void startQuestion(List<SkillPair> skills) {
        if (questions++ == 0) {
            startedNanos = System.nanoTime();
        }
        asked = List.copyOf(skills);
        skills.forEach(pair -> asks.merge(pair.elementId(), 1, Integer::sum));
    }

    void countCall() {
        calls++;
    }

    /**
     * Keeps the valid levels of the reply to the question in flight. A reply cut off at its length keeps its
     * complete items; the skills it never reached are not charged a question, and the next questions ask for half
     * as many skills. A one-skill question cut off without an answer ends the batch like a failed call (its pairs
     * keep their values for the next pass; the batch counts towards the circuit breaker).
     */
    void accept(SkillLevelReply reply) {
        scores.putAll(reply.scores());
        boolean split = reply.truncated() && askLimit > 1;
        if (reply.truncated()) {
            truncatedReplies++;
        }
        for (SkillPair pair : asked) {
            String id = pair.elementId();
            if (reply.scores().containsKey(id)) {
                continue;
            }
            String own = reply.problems().stream().filter(p -> p.startsWith(id + ":")).findFirst().orElse(null);
            if (split && own == null) {
                asks.merge(id, -1, Integer::sum);
                lastProblems.put(id, "cut off: the reply reached its length limit");
            } else {
                lastProblems.put(id, own != null ? own
                        : reply.problems().isEmpty() ? "missing from the reply" : reply.problems().get(0));
            }
        }
        if (split) {
            askLimit = Math.max(1, asked.size() / 2);
        } else if (reply.truncated() && reply.scores().isEmpty()) {
            // not even one skill fits the limits: asking again cannot help, and the pairs are not the model's fault
            callFailure = "the reply was cut off at its length limit even for one skill; raise "
                    + "skillgap.llm.context-tokens / max-output-tokens (or the server's own context window)";
        }
    }

    void failCall(String reason) {
        this.callFailure = reason;
    }

    void skip() {
        this.skipped = true;
    }

    /** True the first time only: a batch is counted in its pass's progress exactly once, stored or failed. */
    boolean markAccounted() {
        return accounted.compareAndSet(false, true);
    }
}
