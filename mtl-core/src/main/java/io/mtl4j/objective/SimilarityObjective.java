package io.mtl4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.mtl4j.batch.Batch;
import io.mtl4j.engine.Scalars;
import java.util.Objects;

/**
 * The similarity head: sentence pairs with gold similarity scores train the pooled embeddings so that
 * their cosine similarity follows the scores. It reads batches whose {@link Batch#pairScores()} carry its
 * name (rows {@code 2i} and {@code 2i + 1} are pair {@code i}); the mtl-data module's {@code PairBatches}
 * builds them from STS-style data.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimilarityObjective implements EmbeddingObjective {

    /** The λ of {@link SimilarityLoss#COSENT}, as in its paper and sentence-transformers. */
    public static final float COSENT_SCALE = 20f;
    /** Masks the pairs CoSENT must not compare: {@code exp(-1e4)} is 0 in float32. */
    private static final float EXCLUDED = -1e4f;

    private final String name;
    private final SimilarityLoss loss;
    private final float maxScore;

    /**
     * @param name the objective's name, the key of its scores in {@link Batch#pairScores()}
     * @param loss the loss
     * @param maxScore the largest gold score (5 for STS-B); scores are read on {@code [0, maxScore]}
     * @throws IllegalArgumentException if the name is blank or {@code maxScore} is not positive and finite
     */
    public SimilarityObjective(String name, SimilarityLoss loss, float maxScore) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!(maxScore > 0) || !Float.isFinite(maxScore)) {
            throw new IllegalArgumentException("maxScore must be positive and finite, but is: " + maxScore);
        }
        this.name = name;
        this.loss = Objects.requireNonNull(loss, "loss");
        this.maxScore = maxScore;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the loss */
    public SimilarityLoss similarityLoss() {
        return loss;
    }

    /** @return the largest gold score */
    public float maxScore() {
        return maxScore;
    }

    @Override
    public boolean appliesTo(Batch batch) {
        return batch.pairScores().containsKey(name);
    }

    /**
     * @throws IllegalArgumentException if the batch has no scores for this objective, or a score lies
     *     outside {@code [0, maxScore]}
     */
    @Override
    public NDArray loss(NDArray embeddings, NDList encoderInputs, Batch batch) {
        float[] scores = batch.pairScores().get(name);
        if (scores == null) {
            throw new IllegalArgumentException("the batch carries no pair scores for '" + name + "'");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0 && scores[i] <= maxScore)) {
                throw new IllegalArgumentException("pair " + i + " of '" + name + "' has score " + scores[i]
                        + ", outside [0, " + maxScore + "]");
            }
        }
        long hidden = embeddings.getShape().get(1);
        NDArray pairs = embeddings.reshape(scores.length, 2, hidden);
        NDArray cosines = Cosines.rowwise(pairs.get(new NDIndex(":, 0, :")), pairs.get(new NDIndex(":, 1, :")));
        NDManager manager = embeddings.getManager();
        return switch (loss) {
            case COSINE_MSE -> cosineMse(cosines, scores, manager);
            case COSENT -> cosent(cosines, scores, manager);
        };
    }

    private NDArray cosineMse(NDArray cosines, float[] scores, NDManager manager) {
        float[] targets = new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            targets[i] = scores[i] / maxScore;
        }
        return cosines.sub(manager.create(targets)).square().mean();
    }

    private static NDArray cosent(NDArray cosines, float[] scores, NDManager manager) {
        int n = scores.length;
        float[] bias = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                bias[i * n + j] = scores[i] > scores[j] ? 0f : EXCLUDED;
            }
        }
        // differences[i][j] = cos_j - cos_i, counted where score_i > score_j; the 0 is the "1 +" of the log.
        NDArray differences = cosines.expandDims(0).sub(cosines.expandDims(1)).mul(Scalars.of(cosines, COSENT_SCALE))
                .add(manager.create(bias, new Shape(n, n)));
        NDArray terms = NDArrays.concat(new NDList(differences.flatten(), manager.zeros(new Shape(1))));
        NDArray max = terms.max().stopGradient();
        return terms.sub(max).exp().sum().log().add(max);
    }

    @Override
    public String toString() {
        return "SimilarityObjective[" + name + ", " + loss + ", scores 0-" + maxScore + "]";
    }
}
