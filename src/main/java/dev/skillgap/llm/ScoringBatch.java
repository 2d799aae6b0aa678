package dev.skillgap.llm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The skills of one occupation that one pass asks the LLM about (one call, plus re-asks for the items a reply
 * missed or got wrong). Travels through the scoring routes as an exchange property; touched by one thread at a time.
 */
public final class ScoringBatch {

    private final PassProgress pass;
    private final int number;
    private final Occupation occupation;
    private final List<SkillPair> pairs;
    private final Map<String, LevelScore> scores = new LinkedHashMap<>();
    private final Map<String, String> lastProblems = new LinkedHashMap<>();
    private int attempts;
    private int calls;
    private String callFailure;
    private boolean skipped;
    private long startedNanos;
    private final java.util.concurrent.atomic.AtomicBoolean accounted = new java.util.concurrent.atomic.AtomicBoolean();

    public ScoringBatch(PassProgress pass, int number, Occupation occupation, List<SkillPair> pairs) {
        this.pass = pass;
        this.number = number;
        this.occupation = occupation;
        this.pairs = List.copyOf(pairs);
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

    public Map<String, LevelScore> scores() {
        return Collections.unmodifiableMap(scores);
    }

    public int attempts() {
        return attempts;
    }

    public int calls() {
        return calls;
    }

    public String callFailure() {
        return callFailure;
    }

    public boolean skipped() {
        return skipped;
    }

    /** Time since the first question of the batch. */
    public long elapsedMillis() {
        return startedNanos == 0 ? 0 : (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** True the first time only: a batch is counted in its pass's progress exactly once, stored or failed. */
    boolean markAccounted() {
        return accounted.compareAndSet(false, true);
    }

    /** Why the item was last rejected, for the fallback's rationale. */
    public String lastProblem(String elementId) {
        return lastProblems.getOrDefault(elementId, "missing from the reply");
    }

    void startAttempt() {
        if (attempts++ == 0) {
            startedNanos = System.nanoTime();
        }
    }

    void countCall() {
        calls++;
    }

    void accept(SkillLevelReply reply, List<SkillPair> asked) {
        scores.putAll(reply.scores());
        for (SkillPair pair : asked) {
            if (!reply.scores().containsKey(pair.elementId())) {
                lastProblems.put(pair.elementId(), reply.problems().stream()
                        .filter(p -> p.startsWith(pair.elementId() + ":"))
                        .findFirst()
                        .orElse(reply.problems().isEmpty() ? "missing from the reply" : reply.problems().get(0)));
            }
        }
    }

    void failCall(String reason) {
        this.callFailure = reason;
    }

    void skip() {
        this.skipped = true;
    }
}
