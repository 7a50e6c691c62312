package io.mtl4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityEvaluationTest {

    @Test
    void tiedValuesShareTheMeanOfTheirRanks() {
        assertThat(SimilarityEvaluation.ranks(new double[] {0.3, 0.1, 0.3, 0.9, 0.3}))
                .containsExactly(3, 1, 3, 5, 3);
    }

    @Test
    void spearmanMatchesTheTextbookFormulaWithoutTies() {
        // 1 - 6 * sum(d^2) / (n (n^2 - 1)) = 1 - 6 * 4 / 120 = 0.8
        SimilarityEvaluation e = SimilarityEvaluation.of(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5});
        assertThat(e.spearman()).isCloseTo(80.0, within(1e-12));
        assertThat(e.pearson()).isCloseTo(80.0, within(1e-12));
        assertThat(e.pairs()).isEqualTo(5);
    }

    @Test
    void spearmanWithTiesEqualsScipy() {
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505138
        SimilarityEvaluation e = SimilarityEvaluation.of(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4});
        assertThat(e.spearman()).isCloseTo(94.86832980505138, within(1e-9));
    }

    @Test
    void aMonotoneButNonLinearRelationIsAPerfectRankCorrelation() {
        SimilarityEvaluation e = SimilarityEvaluation.of(new double[] {0.01, 0.1, 0.5, 0.99},
                new double[] {1, 2, 3, 4});
        assertThat(e.spearman()).isEqualTo(100.0);
        assertThat(e.pearson()).isLessThan(100.0);
    }

    @Test
    void evaluateCorrelatesTheCosinesOfEachPairsEmbeddings() {
        // Each text is embedded as a 2-d vector at the angle its number gives, so cos = cos(angle difference).
        java.util.function.Function<List<String>, List<float[]>> embedder = texts -> texts.stream()
                .map(t -> {
                    double angle = Math.toRadians(Double.parseDouble(t));
                    return new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
                }).toList();
        SimilarityEvaluation e = SimilarityEvaluation.evaluate(embedder, List.of("0", "0", "0"),
                List.of("10", "80", "45"), new double[] {5, 1, 3});
        assertThat(e.spearman()).isCloseTo(100.0, within(1e-12));
        SimilarityEvaluation reversed = SimilarityEvaluation.evaluate(embedder, List.of("0", "0", "0"),
                List.of("10", "80", "45"), new double[] {1, 5, 3});
        assertThat(reversed.spearman()).isCloseTo(-100.0, within(1e-12));
    }

    @Test
    void cosineOfAZeroVectorIsZeroAndOtherwiseExact() {
        assertThat(SimilarityEvaluation.cosine(new float[] {0, 0}, new float[] {1, 2})).isZero();
        assertThat(SimilarityEvaluation.cosine(new float[] {3, 4}, new float[] {4, 3})).isCloseTo(0.96, within(1e-12));
    }

    @Test
    void refusesMismatchedInput() {
        assertThatThrownBy(() -> SimilarityEvaluation.of(new double[] {1, 2}, new double[] {1, 2, 3}))
                .hasMessage("got 2 similarities for 3 gold scores");
        assertThatThrownBy(() -> SimilarityEvaluation.of(new double[] {1}, new double[] {1}))
                .hasMessage("a correlation needs at least 2 pairs, but got 1");
        assertThatThrownBy(() -> SimilarityEvaluation.evaluate(t -> List.of(), List.of("a"), List.of("b", "c"),
                new double[] {1})).hasMessage("got 1 first sentences, 2 second sentences and 1 scores; they must be pairs");
        assertThatThrownBy(() -> SimilarityEvaluation.cosine(new float[2], new float[3]))
                .hasMessage("cannot compare embeddings of 2 and 3 dimensions");
    }
}
