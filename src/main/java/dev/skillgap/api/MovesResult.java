package dev.skillgap.api;

import dev.skillgap.moves.CareerMoves;
import java.math.BigDecimal;
import java.util.List;

/**
 * result of GET /occupations/{code}/moves: the most similar rated occupations, most similar first, each with what
 * the move takes. similarity: the combined score of {@link CareerMoves} (standard deviations above the source's
 * average candidate); effort: the sum over the gap skills of (target LV - source LV) x target IM / 5, i.e. the
 * LV gap sum with each skill weighted by how important it is to the target (IM 5 counts fully, IM 1 a fifth);
 * top_gaps: the three largest gaps, the items of /skill-gap.
 */
public record MovesResult(String code, String title, Integer jobZone, List<String> signals, List<Move> moves,
                          String onetVersion, long dataVersion) {

    /** One move. onet_tier: Primary-Short, Primary-Long or Supplemental when O*NET lists it as related, else null. */
    public record Move(String code, String title, BigDecimal similarity, Integer jobZone, BigDecimal effort,
                       int gapCount, List<SkillGapResult.Item> topGaps, boolean onetRelated, String onetTier) {
    }

    static final int TOP_GAPS = 3;

    static ApiResponse<MovesResult> of(OccupationProfile source, Integer jobZone, List<String> signals,
                                       List<Move> moves, ReleaseInfo release) {
        String message = "Found " + moves.size() + (moves.size() == 1 ? " career move" : " career moves") + " from '"
                + source.title() + "', ranked by " + String.join(", ", signals) + " similarity"
                + (signals.contains(CareerMoves.Signal.TEXT.json()) ? "."
                : " (the text embeddings are not computed yet: text similarity is not used).");
        return ApiResponse.ok(message, new MovesResult(source.code(), source.title(), jobZone, signals, moves,
                release.onetVersion(), release.dataVersion()), release.dataVersion());
    }

    /** The move from source to target: its effort and top gaps from the same analysis as /skill-gap. */
    static Move move(Snapshot snapshot, OccupationProfile source, OccupationProfile target, double similarity) {
        SkillGapAnalysis analysis = SkillGapCalculator.analyse(snapshot.skills(), source, target);
        long weighted = 0; // hundredths x hundredths
        for (SkillGap gap : analysis.gaps()) {
            weighted += (long) gap.difference() * Math.max(gap.toImportance(), 0);
        }
        List<SkillGapResult.Item> top = analysis.gaps().stream().limit(TOP_GAPS).map(gap -> SkillGapResult.Item.of(gap, null)).toList();
        String tier = snapshot.relatedTier(source.code(), target.code());
        return new Move(target.code(), target.title(),
                BigDecimal.valueOf(similarity).setScale(2, java.math.RoundingMode.HALF_UP),
                snapshot.jobZone(target.code()),
                Hundredths.toBigDecimal((int) Math.round(weighted / 500.0)), analysis.gaps().size(), top,
                tier != null, tier);
    }
}
