package io.mtl4j.objective;

import ai.djl.ndarray.NDArray;
import io.mtl4j.engine.Scalars;

/** Row-wise cosine similarity on the autograd path. */
final class Cosines {

    /** Keeps a zero vector's cosine finite (0) instead of NaN. */
    private static final float EPSILON = 1e-8f;

    private Cosines() {
    }

    /**
     * @param a rows {@code [N, H]}
     * @param b rows {@code [N, H]}
     * @return {@code [N]}: the cosine similarity of each pair of rows
     */
    static NDArray rowwise(NDArray a, NDArray b) {
        int[] lastAxis = {1};
        NDArray norms = a.norm(lastAxis).mul(b.norm(lastAxis)).maximum(Scalars.of(a, EPSILON));
        return a.mul(b).sum(lastAxis).div(norms);
    }
}
