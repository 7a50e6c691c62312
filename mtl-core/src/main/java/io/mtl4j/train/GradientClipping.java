package io.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.mtl4j.engine.NoGradient;
import java.util.Collection;

/** Clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales all gradients in place so that their joint L2 norm is at most {@code maxNorm}.
     *
     * @param gradients the gradients (modified in place)
     * @param maxNorm the bound; {@code <= 0} or infinite disables clipping (the norm is still returned)
     * @return the global norm before clipping
     */
    public static double clipByGlobalNorm(Collection<NDArray> gradients, double maxNorm) {
        if (gradients.isEmpty()) {
            return 0;
        }
        try (NoGradient noGradient = new NoGradient()) {
            NDList squares = new NDList(gradients.size());
            for (NDArray g : gradients) {
                squares.add(g.norm());
            }
            double norm = Math.sqrt(NDArrays.stack(squares).square().sum().getFloat());
            if (maxNorm > 0 && Double.isFinite(maxNorm) && norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-6));
                for (NDArray g : gradients) {
                    g.muli(scale);
                }
            }
            return norm;
        }
    }
}
