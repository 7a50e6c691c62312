package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcGradTest {

    @Test
    void projectedGradientsNoLongerConflictWithTheOtherTask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random random = new Random(3);
            int conflicts = 0;
            for (int trial = 0; trial < 50; trial++) {
                NDArray g1 = manager.randomNormal(new ai.djl.ndarray.types.Shape(1000));
                NDArray g2 = manager.randomNormal(new ai.djl.ndarray.types.Shape(1000)).add(g1.mul((float) (random.nextDouble() - 0.5) * 0.2f));
                boolean conflict = PcGrad.dot(g1, g2) < 0;
                conflicts += conflict ? 1 : 0;
                List<NDArray> p = PcGrad.project(List.of(g1, g2), random);
                double scale = Math.sqrt(PcGrad.dot(g1, g1) * PcGrad.dot(g2, g2));
                // The defining property: no projected gradient has a negative dot product with the other task's.
                assertThat(PcGrad.dot(p.get(0), g2) / scale).isGreaterThan(-1e-5);
                assertThat(PcGrad.dot(p.get(1), g1) / scale).isGreaterThan(-1e-5);
                if (conflict) {
                    // g1' = g1 - (g1·g2 / |g2|²) g2 is orthogonal to g2
                    assertThat(PcGrad.dot(p.get(0), g2) / scale).isCloseTo(0, within(1e-5));
                } else {
                    assertThat(p.get(0).toFloatArray()).containsExactly(g1.toFloatArray());
                    assertThat(p.get(1).toFloatArray()).containsExactly(g2.toFloatArray());
                }
            }
            assertThat(conflicts).isBetween(10, 49); // both branches were exercised
        }
    }

    @Test
    void projectsOntoTheNormalPlaneExactlyInASmallCase() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray g1 = manager.create(new float[] {1, 0});
            NDArray g2 = manager.create(new float[] {-1, 1});
            List<NDArray> p = PcGrad.project(List.of(g1, g2), new Random(0));
            // g1·g2 = -1, |g2|² = 2: g1' = (1,0) + 0.5 (-1,1) = (0.5, 0.5); g2' = (-1,1) + 1 (1,0) = (0, 1)
            assertThat(p.get(0).toFloatArray()).containsExactly(0.5f, 0.5f);
            assertThat(p.get(1).toFloatArray()).containsExactly(0f, 1f);
            assertThat(g1.toFloatArray()).containsExactly(1f, 0f); // inputs untouched
            assertThat(PcGrad.cosine(g1, g2)).isCloseTo(-Math.sqrt(0.5), within(1e-6));
        }
    }
}
