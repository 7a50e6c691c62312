package io.mtl4j.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Draws values from a normal distribution truncated at two standard deviations (as BERT's
 * {@code trunc_normal_}), with a Java random generator so that a seed reproduces the values on any
 * engine and thread.
 */
final class SeededNormalInitializer implements Initializer {

    private final SplittableRandom random;
    private final double sigma;

    /**
     * @param random the generator, consumed by {@link #initialize}
     * @param sigma the standard deviation
     */
    SeededNormalInitializer(SplittableRandom random, double sigma) {
        this.random = random;
        this.sigma = sigma;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2);
            values[i] = (float) (z * sigma);
        }
        NDArray array = manager.create(values, shape);
        if (dataType == DataType.FLOAT32) {
            return array;
        }
        NDArray converted = array.toType(dataType, true);
        array.close();
        return converted;
    }
}
