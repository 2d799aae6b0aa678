package dev.skillgap.backtest;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.skillgap.enrich.LevelAnchor;
import dev.skillgap.enrich.LlmProperties;
import dev.skillgap.enrich.Occupation;
import dev.skillgap.enrich.PassProgress;
import dev.skillgap.enrich.ScoringBatch;
import dev.skillgap.enrich.SkillLevelPrompt;
import dev.skillgap.enrich.SkillPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ONE place where the backtest builds the llm area's objects (pairs, batches, the prompt and its version), so that
 * a change of their constructors is adapted here only.
 */
final class BacktestBatches {

    private BacktestBatches() {
    }

    /** The prompt version the pass asks with: the configured one (skillgap.llm.prompt-version). */
    static String promptVersion(LlmProperties llm) {
        return llm.promptVersion();
    }

    /**
     * A pair as the pass builds it, from the OLD release's rating of the skill ({@code old} also carries IM and the
     * analyst's CI bounds, for a prompt that shows them).
     */
    static SkillPair pair(Occupation occupation, String elementId, BacktestRelease.SkillRatings old,
                          String description, List<LevelAnchor> anchors) {
        return SkillPair.of(occupation, elementId, old.elementName(), description, anchors, old.level(),
                old.importance(), old.levelLower(), old.levelUpper());
    }

    /**
     * Batches as the pass cuts them: the skills of one occupation, at most batchSize per batch; with the catalogue
     * of every skill asked (prompt lv-2's system message), as the pass gives the catalogue of every skill it asks.
     */
    static List<ScoringBatch> batches(long passNumber, Map<Occupation, List<SkillPair>> pairsByOccupation,
                                      int batchSize, int circuitBreakerFailures) {
        List<Occupation> owners = new ArrayList<>();
        List<List<SkillPair>> chunks = new ArrayList<>();
        List<SkillPair> every = new ArrayList<>();
        int pairs = 0;
        for (Map.Entry<Occupation, List<SkillPair>> entry : pairsByOccupation.entrySet()) {
            every.addAll(entry.getValue());
            List<SkillPair> skills = entry.getValue();
            for (int from = 0; from < skills.size(); from += batchSize) {
                chunks.add(skills.subList(from, Math.min(skills.size(), from + batchSize)));
                owners.add(entry.getKey());
            }
            pairs += skills.size();
        }
        PassProgress progress = new PassProgress(passNumber, pairs, chunks.size(), circuitBreakerFailures,
                SkillLevelPrompt.catalogue(every));
        List<ScoringBatch> batches = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            batches.add(new ScoringBatch(progress, i + 1, owners.get(i), chunks.get(i)));
        }
        return batches;
    }

    /** Characters of the batch's first question (system and user message), as the pass builds it. */
    static long promptCharacters(LlmProperties llm, ScoringBatch batch) {
        long characters = 0;
        for (ChatMessage message : messages(llm.promptVersion(), batch, batch.pairs())) {
            if (message instanceof SystemMessage system) {
                characters += system.text().length();
            } else if (message instanceof UserMessage user) {
                characters += user.singleText().length();
            }
        }
        return characters;
    }

    /** The messages of a question of the batch, as the pass builds them for the prompt version. */
    static List<ChatMessage> messages(String promptVersion, ScoringBatch batch, List<SkillPair> asked) {
        return SkillLevelPrompt.messages(promptVersion, batch.catalogue(), batch.occupation(), asked);
    }
}
