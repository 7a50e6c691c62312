package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

class AdamWTest {

    /** Two steps of torch.optim.AdamW(lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.5), by hand. */
    @Test
    void matchesTorchAdamWForTwoSteps() {
        try (NDManager m = NDManager.newBaseManager(); AdamW adamW = AdamW.withWeightDecay(0.5)) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .optArray(m.create(new float[] {1f, -2f})).build();
            double lr = 0.1;
            double[] w = {1, -2};
            double[] mom = {0, 0};
            double[] vel = {0, 0};
            double[][] grads = {{0.5, -1.0}, {0.25, 2.0}};
            for (int t = 1; t <= 2; t++) {
                NDArray g = m.create(new float[] {(float) grads[t - 1][0], (float) grads[t - 1][1]});
                adamW.update("layer.weight", p, g, lr);
                for (int i = 0; i < 2; i++) {
                    mom[i] = 0.9 * mom[i] + 0.1 * grads[t - 1][i];
                    vel[i] = 0.999 * vel[i] + 0.001 * grads[t - 1][i] * grads[t - 1][i];
                    w[i] *= 1 - lr * 0.5;
                    double mHat = mom[i] / (1 - Math.pow(0.9, t));
                    double vHat = vel[i] / (1 - Math.pow(0.999, t));
                    w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
            float[] got = p.getArray().toFloatArray();
            assertThat(got[0]).isCloseTo((float) w[0], within(1e-6f));
            assertThat(got[1]).isCloseTo((float) w[1], within(1e-6f));
            assertThat(adamW.steps("layer.weight")).isEqualTo(2);
        }
    }

    @Test
    void biasesAndLayerNormAreNotDecayed() {
        assertThat(AdamW.DEFAULT_DECAYED.test("encoder.layer.0.output.dense.weight")).isTrue();
        assertThat(AdamW.DEFAULT_DECAYED.test("encoder.layer.0.output.dense.bias")).isFalse();
        assertThat(AdamW.DEFAULT_DECAYED.test("embeddings.LayerNorm.weight")).isFalse();
    }
}
