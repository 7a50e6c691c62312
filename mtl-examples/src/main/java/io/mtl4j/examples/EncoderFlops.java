package io.mtl4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mtl4j.encoder.bert.BertConfig;
import io.mtl4j.engine.NoGradient;

/** Floating-point work of a BERT forward pass, and a float32 matrix-multiply peak to compare it with. */
final class EncoderFlops {

    private EncoderFlops() {
    }

    /**
     * Multiply-adds counted as 2 FLOPs, over the padded batch as executed: the encoder's dense layers and
     * attention products, plus the heads' classifiers.
     *
     * @param config the encoder
     * @param batch texts in the pass
     * @param length padded tokens per text
     * @param sentenceClasses labels of all sentence heads together
     * @param tokenClasses labels of all token heads together
     * @return FLOPs of one pass
     */
    static double forwardPass(BertConfig config, int batch, int length, int sentenceClasses, int tokenClasses) {
        double h = config.hiddenSize();
        double tokens = (double) batch * length;
        double dense = 2 * tokens * (4 * h * h + 2 * h * config.intermediateSize());
        double attention = 2 * 2 * batch * (double) length * length * h;
        double heads = 2 * h * (batch * (double) sentenceClasses + tokens * tokenClasses);
        return config.numLayers() * (dense + attention) + heads;
    }

    /**
     * Measures the float32 matrix-multiply rate of the engine: the best of several {@code n x n} products.
     *
     * @param n the matrix size
     * @param repeats how many products to time
     * @return GFLOP/s
     */
    static double matmulPeakGflops(int n, int repeats) {
        try (NDManager manager = NDManager.newBaseManager(); NoGradient noGradient = new NoGradient()) {
            NDArray a = manager.randomNormal(new Shape(n, n));
            NDArray b = manager.randomNormal(new Shape(n, n));
            long best = Long.MAX_VALUE;
            for (int i = 0; i < repeats + 3; i++) {
                long start = System.nanoTime();
                // CPU operators are synchronous: the product is complete when matMul returns.
                a.matMul(b).close();
                if (i >= 3) {
                    best = Math.min(best, System.nanoTime() - start);
                }
            }
            return 2.0 * n * n * n / best;
        }
    }
}
