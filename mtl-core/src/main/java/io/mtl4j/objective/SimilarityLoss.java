package io.mtl4j.objective;

/** How a {@link SimilarityObjective} compares the cosine similarities of pairs with their gold scores. */
public enum SimilarityLoss {
    /**
     * Mean squared error between each pair's cosine similarity and its score scaled to [0, 1], as
     * sentence-transformers' {@code CosineSimilarityLoss}.
     */
    COSINE_MSE,
    /**
     * CoSENT (Su, 2022): {@code log(1 + Σ exp(λ (cos_j − cos_i)))} over the pairs with {@code score_i >
     * score_j}, λ = 20. It only asks that the order of the cosines follows the order of the scores, which is
     * what Spearman correlation measures.
     */
    COSENT
}
