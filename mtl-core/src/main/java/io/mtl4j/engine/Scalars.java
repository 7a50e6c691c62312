package io.mtl4j.engine;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands for ops on the autograd path.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)} and friends wrap the number in a temporary
 * tensor whose memory is a Java direct buffer, and close it as soon as the op returns. Autograd keeps
 * that tensor for the backward pass (the gradient of {@code x / c} needs {@code c}), so a garbage
 * collection between forward and backward can free the memory it reads: gradients then come out as
 * NaN or garbage now and then. A scalar made here belongs to the operand's (per-batch) manager and
 * lives until that manager is closed, after the backward pass.
 */
public final class Scalars {

    private Scalars() {
    }

    /**
     * @param owner the array the scalar will be combined with; the scalar joins its manager
     * @param value the value
     * @return a 0-d float32 array that lives as long as {@code owner}'s manager
     */
    public static NDArray of(NDArray owner, float value) {
        return owner.getManager().create(value);
    }
}
