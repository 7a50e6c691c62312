package io.mtl4j.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mtl4j.batch.Batch;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimilarityObjectiveTest {

    /** Pair 0 is identical (cos 1), pair 1 orthogonal (cos 0). */
    private static final float[] EMBEDDINGS = {1, 0, 2, 0, 1, 0, 0, 3};

    private static double loss(SimilarityLoss kind, float... scores) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray embeddings = manager.create(EMBEDDINGS, new Shape(4, 2));
            Batch batch = pairBatch(scores);
            return new SimilarityObjective("sts", kind, 5f).loss(embeddings, new NDList(), batch).getFloat();
        }
    }

    private static Batch pairBatch(float... scores) {
        int rows = scores.length * 2;
        return new Batch(rows, 1, new long[rows], new long[rows], new long[rows], Map.of(), Map.of("sts", scores));
    }

    @Test
    void cosineMseComparesCosinesWithScoresScaledToOne() {
        assertThat(loss(SimilarityLoss.COSINE_MSE, 5f, 0f)).isCloseTo(0.0, within(1e-7));
        // ((1 - 0)^2 + (0 - 1)^2) / 2
        assertThat(loss(SimilarityLoss.COSINE_MSE, 0f, 5f)).isCloseTo(1.0, within(1e-6));
        // ((1 - 0.5)^2 + (0 - 0.5)^2) / 2
        assertThat(loss(SimilarityLoss.COSINE_MSE, 2.5f, 2.5f)).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void cosentPenalisesOnlyPairsRankedAgainstTheirScores() {
        // log(1 + exp(20 * (0 - 1))) when the order is right, log(1 + exp(20 * (1 - 0))) when it is wrong.
        assertThat(loss(SimilarityLoss.COSENT, 5f, 0f)).isCloseTo(Math.log1p(Math.exp(-20)), within(1e-7));
        assertThat(loss(SimilarityLoss.COSENT, 0f, 5f)).isCloseTo(Math.log1p(Math.exp(20)), within(1e-4));
        // Equal scores impose no order: log(1 + 0).
        assertThat(loss(SimilarityLoss.COSENT, 3f, 3f)).isCloseTo(0.0, within(1e-7));
    }

    @Test
    void appliesOnlyToBatchesCarryingItsScores() {
        SimilarityObjective sts = new SimilarityObjective("sts", SimilarityLoss.COSENT, 5f);
        assertThat(sts.appliesTo(pairBatch(1f, 2f))).isTrue();
        assertThat(new SimilarityObjective("other", SimilarityLoss.COSENT, 5f).appliesTo(pairBatch(1f, 2f))).isFalse();
    }

    @Test
    void refusesScoresOutsideTheRangeAndBadSettings() {
        assertThatThrownBy(() -> loss(SimilarityLoss.COSINE_MSE, 5f, 5.5f))
                .hasMessage("pair 1 of 'sts' has score 5.5, outside [0, 5.0]");
        assertThatThrownBy(() -> new SimilarityObjective(" ", SimilarityLoss.COSENT, 5f))
                .hasMessage("name must not be blank");
        assertThatThrownBy(() -> new SimilarityObjective("sts", SimilarityLoss.COSENT, 0f))
                .hasMessage("maxScore must be positive and finite, but is: 0.0");
    }

    @Test
    void aBatchOfAnOddNumberOfRowsCannotHoldPairScores() {
        assertThatThrownBy(() -> new Batch(3, 1, new long[3], new long[3], new long[3], Map.of(),
                Map.of("sts", new float[] {1f})))
                .hasMessage("pair scores of 'sts' cover 1 pairs, but a batch of 3 rows holds no whole number of pairs");
        assertThatThrownBy(() -> new Batch(4, 1, new long[4], new long[4], new long[4], Map.of(),
                Map.of("sts", new float[] {1f})))
                .hasMessage("pair scores of 'sts' cover 1 pairs, but a batch of 4 rows holds 2 pairs");
    }
}
