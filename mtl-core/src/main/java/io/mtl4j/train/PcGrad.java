package io.mtl4j.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * PCGrad (Yu et al., 2020): for each task gradient {@code g_i}, for every other task {@code j} in
 * random order, if {@code g_i · g_j < 0} then {@code g_i ← g_i − (g_i · g_j / |g_j|²) g_j}; the
 * projected gradients are summed. Projections use the other tasks' original gradients, as in the paper.
 */
final class PcGrad {

    private PcGrad() {
    }

    /**
     * @param gradients one flat gradient per task, same shape, not modified
     * @param random orders the projections
     * @return the projected gradients, one per task, in the given order (new arrays)
     */
    static List<NDArray> project(List<NDArray> gradients, Random random) {
        int k = gradients.size();
        double[] squaredNorms = new double[k];
        for (int j = 0; j < k; j++) {
            squaredNorms[j] = dot(gradients.get(j), gradients.get(j));
        }
        List<NDArray> projected = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            NDArray g = gradients.get(i).duplicate();
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    others.add(j);
                }
            }
            Collections.shuffle(others, random);
            for (int j : others) {
                double product = dot(g, gradients.get(j));
                if (product < 0 && squaredNorms[j] > 0) {
                    g.subi(gradients.get(j).mul((float) (product / squaredNorms[j])));
                }
            }
            projected.add(g);
        }
        return projected;
    }

    /** @return {@code a · b} of two flat vectors */
    static double dot(NDArray a, NDArray b) {
        return a.dot(b).getFloat();
    }

    /** @return the cosine between two flat vectors (0 when either is zero) */
    static double cosine(NDArray a, NDArray b) {
        double denominator = Math.sqrt(dot(a, a) * dot(b, b));
        return denominator == 0 ? 0 : dot(a, b) / denominator;
    }
}
