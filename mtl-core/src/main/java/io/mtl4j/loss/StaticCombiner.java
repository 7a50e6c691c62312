package io.mtl4j.loss;

import ai.djl.ndarray.NDArray;
import io.mtl4j.engine.Scalars;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code L = Σ w_t · L_t} with fixed weights. */
final class StaticCombiner implements LossCombiner {

    private final MultiTaskLoss loss;

    StaticCombiner(MultiTaskLoss loss) {
        this.loss = loss;
    }

    @Override
    public MultiTaskLoss.Result combine(Map<String, NDArray> taskLosses) {
        requireLosses(taskLosses);
        NDArray total = null;
        for (Map.Entry<String, NDArray> e : taskLosses.entrySet()) {
            NDArray term = e.getValue().mul(Scalars.of(e.getValue(), loss.weight(e.getKey())));
            total = total == null ? term : total.add(term);
        }
        return new MultiTaskLoss.Result(total, Collections.unmodifiableMap(new LinkedHashMap<>(taskLosses)));
    }

    static void requireLosses(Map<String, NDArray> taskLosses) {
        if (taskLosses.isEmpty()) {
            throw new IllegalArgumentException("no task loss to combine: the batch carries no labels");
        }
    }

    @Override
    public void update(Map<String, Double> taskLosses) {
        // nothing is learned
    }

    @Override
    public Map<String, Double> currentWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        loss.weights().forEach((task, w) -> weights.put(task, (double) w));
        return weights;
    }

    @Override
    public Map<String, Double> learnedState() {
        return Map.of();
    }
}
