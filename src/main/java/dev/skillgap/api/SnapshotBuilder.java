package dev.skillgap.api;

import dev.skillgap.backtest.GateState;
import dev.skillgap.enrich.LlmScoreRepository;
import dev.skillgap.moves.CareerMoves;
import dev.skillgap.moves.TextEmbedder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the rows of one consistent read and turns them into a {@link Snapshot}. An LV row scored by a model +
 * prompt version that the quality gate does not let through is served as its analyst value (value_source onet).
 */
final class SnapshotBuilder {

    private final ReleaseInfo release;
    private final GateState gate;
    private final List<Skill> skills = new ArrayList<>();
    private final Map<String, Integer> skillIndex = new HashMap<>();
    private final Map<String, Ratings> occupations = new LinkedHashMap<>();
    private final Map<String, List<LevelAnchor>> anchors = new HashMap<>();
    private final Map<String, Integer> jobZones = new HashMap<>();
    private final Map<String, Map<String, String>> related = new HashMap<>();
    private final Map<String, float[]> embeddingsByTextHash = new HashMap<>();
    private List<CareerMoves.Candidate> candidates = List.of();

    /** Serves every LV row as stored (no gate: gate required false). */
    SnapshotBuilder(ReleaseInfo release) {
        this(release, GateState.of(false, "none", "none", "", List.of()));
    }

    SnapshotBuilder(ReleaseInfo release, GateState gate) {
        this.release = release;
        this.gate = gate;
    }

    /** Skills must be added before ratings; their order fixes the rating indexes. */
    void addSkill(String elementId, String elementName) {
        skillIndex.put(elementId, skills.size());
        skills.add(new Skill(skills.size(), elementId, elementName));
    }

    void addOccupation(String code, String title, String description) {
        occupations.put(code, new Ratings(code, title, description, skills.size()));
    }

    /** One Occupation_Skills row not scored by an LLM, or scored by a model the gate lets through. */
    void addRating(String code, String elementId, String scaleId, BigDecimal dataValue, BigDecimal onetDataValue,
                   String valueSource) {
        addRating(code, elementId, scaleId, dataValue, onetDataValue, valueSource, null, null);
    }

    /**
     * One Occupation_Skills row with the model and prompt version that scored it; rows of other scales, unknown
     * skills or occupations are ignored.
     */
    void addRating(String code, String elementId, String scaleId, BigDecimal dataValue, BigDecimal onetDataValue,
                   String valueSource, String llmModel, String promptVersion) {
        if (LlmScoreRepository.SOURCE_LLM.equals(valueSource) && !gate.servesLlmLevels(llmModel, promptVersion)) {
            dataValue = onetDataValue; // the gate holds this model's levels back: the analyst value is served
            valueSource = ValueBasis.ONET.json();
        }
        Ratings ratings = occupations.get(code);
        Integer skill = skillIndex.get(elementId);
        if (ratings == null || skill == null) {
            return; // foreign keys make this impossible; a snapshot must never fail on it
        }
        if ("LV".equals(scaleId)) {
            ratings.levelServed[skill] = Hundredths.of(dataValue);
            ratings.levelOnet[skill] = Hundredths.of(onetDataValue);
            ratings.levelSource[skill] = valueSource.intern();
        } else if ("IM".equals(scaleId)) {
            ratings.importance[skill] = Hundredths.of(dataValue);
        }
    }

    /** One LV row of Level Scale Anchors; add them lowest level first. */
    void addAnchor(String elementId, BigDecimal level, String description) {
        anchors.computeIfAbsent(elementId, id -> new ArrayList<>())
                .add(new LevelAnchor(Hundredths.toBigDecimal(Hundredths.of(level)), description));
    }

    /** Job_Zones row of an occupation. */
    void addJobZone(String code, int jobZone) {
        jobZones.put(code, jobZone);
    }

    /** Related_Occupations row: O*NET lists {@code relatedCode} as related to {@code code} in this tier. */
    void addRelated(String code, String relatedCode, String tier) {
        related.computeIfAbsent(code, c -> new LinkedHashMap<>()).put(relatedCode, tier);
    }

    /** A stored embedding of the configured model (Text_Embeddings.vector), keyed by its text's SHA-256. */
    void addEmbedding(String textSha256, byte[] vector) {
        embeddingsByTextHash.put(textSha256, TextEmbedder.fromBytes(vector));
    }

    /** Builds the snapshot without career moves (tests of other areas). */
    Snapshot build() {
        return build(null, null);
    }

    /**
     * Builds the snapshot and ranks its career moves with the weights; the previous snapshot's ranking is kept when
     * its inputs (analyst LV and IM, job zones, embeddings) are unchanged, e.g. after a batch of LLM scores.
     */
    Snapshot build(CareerMoves.Weights weights, Snapshot previous) {
        List<OccupationProfile> profiles = new ArrayList<>(occupations.size());
        Map<String, float[]> texts = new HashMap<>();
        for (Ratings r : occupations.values()) {
            profiles.add(new OccupationProfile(r.code, r.title, r.description, r.levelServed, r.levelOnet,
                    r.levelSource, r.importance));
            float[] text = embeddingsByTextHash.get(TextEmbedder.sha256(TextEmbedder.occupationText(r.title, r.description)));
            if (text != null) {
                texts.put(r.code, text);
            }
        }
        CareerMoves moves = null;
        if (weights != null) {
            List<CareerMoves.Candidate> candidates = new ArrayList<>();
            for (OccupationProfile p : profiles) {
                if (!p.hasSkillData()) {
                    continue;
                }
                double[] level = new double[skills.size()];
                double[] importance = new double[skills.size()];
                for (int k = 0; k < skills.size(); k++) {
                    level[k] = p.hasLevel(k) ? p.levelOnet(k) / 100.0 : 0;
                    importance[k] = p.hasImportance(k) ? p.importance(k) / 100.0 : 0;
                }
                candidates.add(new CareerMoves.Candidate(p.code(), level, importance,
                        jobZones.getOrDefault(p.code(), 0), texts.get(p.code())));
            }
            this.candidates = candidates;
            CareerMoves kept = previous == null ? null : previous.moves();
            moves = kept != null && kept.sameInputs(candidates, weights) ? kept : CareerMoves.build(candidates, weights);
        }
        Map<String, List<LevelAnchor>> frozen = new HashMap<>();
        anchors.forEach((element, levels) -> frozen.put(element, List.copyOf(levels)));
        return new Snapshot(release, gate, skills, profiles, frozen, jobZones, related, texts, moves);
    }

    /** The career-move candidates of the last build (bench/moves ranks them by each signal alone). */
    List<CareerMoves.Candidate> candidates() {
        return candidates;
    }

    private static final class Ratings {
        final String code;
        final String title;
        final String description;
        final int[] levelServed;
        final int[] levelOnet;
        final String[] levelSource;
        final int[] importance;

        Ratings(String code, String title, String description, int skillCount) {
            this.code = code;
            this.title = title;
            this.description = description;
            this.levelServed = absent(skillCount);
            this.levelOnet = absent(skillCount);
            this.levelSource = new String[skillCount];
            this.importance = absent(skillCount);
        }

        private static int[] absent(int size) {
            int[] values = new int[size];
            Arrays.fill(values, Hundredths.ABSENT);
            return values;
        }
    }
}
