package io.mtl4j.batch;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Converts a {@link Batch}'s token arrays to the encoder's input {@code NDList}. */
public final class BatchArrays {

    private BatchArrays() {
    }

    /**
     * @param manager the per-batch manager that will own the arrays
     * @param batch the batch
     * @return {@code NDList(inputIds [B, T], attentionMask [B, T], tokenTypeIds [B, T])}, int64
     */
    public static NDList encoderInputs(NDManager manager, Batch batch) {
        Shape shape = new Shape(batch.size(), batch.length());
        return new NDList(
                manager.create(batch.inputIds(), shape),
                manager.create(batch.attentionMask(), shape),
                manager.create(batch.tokenTypeIds(), shape));
    }
}
