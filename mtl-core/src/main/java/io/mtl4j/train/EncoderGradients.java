package io.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainable shared-encoder gradients viewed as one flat vector: what gradient surgery and gradient
 * cosines work on. Arrays made here belong to the caller's current scope.
 */
final class EncoderGradients {

    private final List<NDArray> arrays = new ArrayList<>();

    EncoderGradients(ParameterPlan plan) {
        for (String name : plan.trainableEncoderNames()) {
            arrays.add(plan.parameters().get(name).getArray());
        }
    }

    /** @return whether there is anything trainable in the encoder */
    boolean isEmpty() {
        return arrays.isEmpty();
    }

    /** @return a copy of the current gradients as one vector; the gradients are then zeroed */
    NDArray flattenAndZero() {
        NDList parts = new NDList(arrays.size());
        for (NDArray array : arrays) {
            parts.add(array.getGradient().reshape(-1));
        }
        NDArray flat = NDArrays.concat(parts);
        for (NDArray array : arrays) {
            JniUtils.zeroGrad((PtNDArray) array);
        }
        return flat;
    }

    /** Adds a flat vector (as made by {@link #flattenAndZero()}) into the gradients, in place. */
    void addFlat(NDArray flat) {
        long offset = 0;
        for (NDArray array : arrays) {
            Shape shape = array.getShape();
            long size = shape.size();
            array.getGradient().addi(flat.get(new NDIndex(offset + ":" + (offset + size))).reshape(shape));
            offset += size;
        }
    }
}
