package io.mtl4j.encoder.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A dense float32 tensor held on the Java heap, in row-major order.
 *
 * @param shape the dimensions; their product equals {@code data.length}
 * @param data the values, row-major
 */
public record FloatTensor(long[] shape, float[] data) {

    /**
     * Validates that the shape matches the number of values.
     *
     * @param shape the dimensions; their product equals {@code data.length}
     * @param data the values, row-major
     */
    public FloatTensor {
        shape = shape.clone();
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("dimensions must not be negative, but shape is: "
                        + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, but data has: " + data.length);
        }
    }

    /** @return a copy of the dimensions */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the dimensions as a DJL shape */
    public Shape djlShape() {
        return new Shape(shape);
    }

    /**
     * Transposes a matrix: {@code [rows, cols]} becomes {@code [cols, rows]}.
     *
     * @return the transposed tensor
     * @throws IllegalStateException if this tensor is not two-dimensional
     */
    public FloatTensor transpose() {
        if (shape.length != 2) {
            throw new IllegalStateException("only a matrix can be transposed, but shape is: " + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return new FloatTensor(new long[] {cols, rows}, out);
    }

    /**
     * Copies the values into a new array owned by {@code manager}.
     *
     * @param manager the owner of the new array
     * @return a float32 array of this tensor's shape
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, djlShape());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
