package io.mtl4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MaskedCrossEntropyTest {

    @Test
    void ignoresNegativeLabelsAndAveragesTheRest() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, 0, 0, 0, 5, 1, 1}, new Shape(3, 3));
            NDArray labels = m.create(new int[] {2, -100, 0});
            // Row 0: -log(e^3 / (e^1 + e^2 + e^3)); row 2: -log(e^5 / (e^5 + 2 e^1)); row 1 ignored.
            double row0 = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
            double row2 = -Math.log(Math.exp(5) / (Math.exp(5) + 2 * Math.exp(1)));
            assertThat(MaskedCrossEntropy.compute(logits, labels, null).getFloat())
                    .isCloseTo((float) ((row0 + row2) / 2), within(1e-6f));
        }
    }

    @Test
    void classWeightsWeighTheMeanLikePyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 0, 1, 0}, new Shape(2, 2));
            NDArray labels = m.create(new int[] {0, 1});
            double nll0 = Math.log(2);
            double nll1 = -Math.log(Math.exp(0) / (Math.exp(1) + Math.exp(0)));
            float[] weights = {1f, 3f};
            assertThat(MaskedCrossEntropy.compute(logits, labels, weights).getFloat())
                    .isCloseTo((float) ((1 * nll0 + 3 * nll1) / 4), within(1e-6f));
        }
    }

    @Test
    void unknownLabelsAreIgnoredAndAllIgnoredGivesZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {3, 1}, new Shape(1, 2));
            assertThat(MaskedCrossEntropy.compute(logits, m.create(new int[] {-1}), null).getFloat()).isZero();
            assertThat(MaskedCrossEntropy.compute(logits, m.create(new int[] {-100}), null).getFloat()).isZero();
        }
    }

    @Test
    void rejectsClassWeightsOfTheWrongLength() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {3, 1}, new Shape(1, 2));
            assertThatThrownBy(() -> MaskedCrossEntropy.compute(logits, m.create(new int[] {0}), new float[] {1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("classWeights must have one entry per class (2), but has 1");
        }
    }
}
