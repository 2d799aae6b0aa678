package dev.skillgap.moves;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * skillgap.moves.* settings (README "Career moves").
 *
 * @param embeddings    whether occupations are embedded after a load (SKILLGAP_MOVES_EMBEDDINGS); off: moves and
 *                      search use the other signals only
 * @param batchSize     texts per embedding call and per stored batch
 * @param weights       weights of the similarity signals, fitted by bench/moves on half of O*NET 29.3's occupations
 * @param defaultLimit  moves listed when the request names no limit
 * @param maxLimit      most moves a request may ask for
 */
@ConfigurationProperties("skillgap.moves")
public record MovesProperties(boolean embeddings, int batchSize, Weights weights, int defaultLimit, int maxLimit) {

    /** Weights of the standardised signals (see {@link CareerMoves}). */
    public record Weights(double skills, double jobZone, double text) {
    }
}
