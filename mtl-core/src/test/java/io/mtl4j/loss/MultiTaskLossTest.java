package io.mtl4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiTaskLossTest {

    @Test
    void staticWeightsScaleEachTask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> losses = new LinkedHashMap<>();
            losses.put("a", manager.create(2f));
            losses.put("b", manager.create(3f));
            MultiTaskLoss.Result r = MultiTaskLoss.weighted(Map.of("a", 0.5f)).newCombiner(List.of("a", "b")).combine(losses);
            assertThat(r.total().getFloat()).isEqualTo(0.5f * 2 + 3);
            assertThat(r.perTask().get("a").getFloat()).isEqualTo(2f);
        }
    }

    @Test
    void uncertaintyWeightsConvergeToTheirOptimumHalfTheInverseLoss() {
        // With L = exp(-s) * L_t + s / 2, dL/ds = 0 at exp(-s) = 1 / (2 L_t): the larger loss gets the smaller weight.
        LossCombiner combiner = MultiTaskLoss.uncertainty(0.05).newCombiner(List.of("easy", "hard"));
        assertThat(combiner.currentWeights()).containsEntry("easy", 1.0).containsEntry("hard", 1.0);
        for (int i = 0; i < 5000; i++) {
            combiner.update(Map.of("easy", 0.1, "hard", 2.0));
        }
        assertThat(combiner.currentWeights().get("easy")).isCloseTo(1 / (2 * 0.1), within(0.05));
        assertThat(combiner.currentWeights().get("hard")).isCloseTo(1 / (2 * 2.0), within(0.005));
        assertThat(combiner.learnedState().get("log_var.hard")).isCloseTo(Math.log(4.0), within(0.02));
    }

    @Test
    void uncertaintyCombinesWithTheCurrentWeights() {
        LossCombiner combiner = MultiTaskLoss.uncertainty().newCombiner(List.of("a"));
        for (int i = 0; i < 100; i++) {
            combiner.update(Map.of("a", 3.0));
        }
        double weight = combiner.currentWeights().get("a");
        assertThat(weight).isLessThan(1.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            float total = combiner.combine(Map.of("a", manager.create(3f))).total().getFloat();
            assertThat((double) total).isCloseTo(3 * weight, within(1e-5));
        }
    }

    @Test
    void rejectsWeightsThatNameNoTaskAndBadValues() {
        assertThatThrownBy(() -> MultiTaskLoss.weighted(Map.of("sentimnet", 1f)).newCombiner(List.of("sentiment", "ner")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss.weights names task 'sentimnet', which the model does not have; its tasks: [sentiment, ner]");
        assertThatThrownBy(() -> MultiTaskLoss.weighted(Map.of("a", -1f)))
                .hasMessage("loss weight of task 'a' must be finite and >= 0, but is: -1.0");
        assertThatThrownBy(() -> MultiTaskLoss.uncertainty(0))
                .hasMessage("uncertaintyLearningRate must be positive and finite, but is: 0.0");
        assertThatThrownBy(() -> MultiTaskLoss.uncertainty().newCombiner(List.of("a")).update(Map.of("b", 1.0)))
                .hasMessage("task 'b' has no uncertainty weight; known tasks: [a]");
    }

    @Test
    void describesItself() {
        assertThat(MultiTaskLoss.equalWeights()).hasToString("equal");
        assertThat(MultiTaskLoss.uncertainty().withGradientSurgery(GradientSurgery.PCGRAD))
                .hasToString("uncertainty(lr=0.01)+pcgrad");
    }
}
