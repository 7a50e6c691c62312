package io.mtl4j.loss;

import ai.djl.ndarray.NDArray;
import io.mtl4j.engine.Scalars;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weighted sum of the task losses, {@code L = Σ w_t · L_t}, keeping each task's loss visible.
 * Tasks without an explicit weight get 1.
 */
public final class MultiTaskLoss {

    private final Map<String, Float> weights;

    private MultiTaskLoss(Map<String, Float> weights) {
        weights.forEach((task, w) -> {
            if (!(w >= 0) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("loss weight of task '" + task + "' must be finite and >= 0, but is: " + w);
            }
        });
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** @return a loss that weighs every task 1 */
    public static MultiTaskLoss equalWeights() {
        return new MultiTaskLoss(Map.of());
    }

    /**
     * @param weights a weight per task name; tasks not named get 1
     * @return the loss
     */
    public static MultiTaskLoss weighted(Map<String, Float> weights) {
        return new MultiTaskLoss(weights);
    }

    /**
     * @param task a task name
     * @return its weight
     */
    public float weight(String task) {
        return weights.getOrDefault(task, 1f);
    }

    /** @return the explicit weights */
    public Map<String, Float> weights() {
        return weights;
    }

    /**
     * Combines task losses.
     *
     * @param taskLosses scalar losses by task (only the tasks present in the batch)
     * @return the weighted total and the unweighted per-task losses
     */
    public Result combine(Map<String, NDArray> taskLosses) {
        if (taskLosses.isEmpty()) {
            throw new IllegalArgumentException("no task loss to combine: the batch carries no labels");
        }
        NDArray total = null;
        for (Map.Entry<String, NDArray> e : taskLosses.entrySet()) {
            NDArray term = e.getValue().mul(Scalars.of(e.getValue(), weight(e.getKey())));
            total = total == null ? term : total.add(term);
        }
        return new Result(total, Collections.unmodifiableMap(new LinkedHashMap<>(taskLosses)));
    }

    /**
     * A combined loss.
     *
     * @param total the weighted sum, a scalar to call backward on
     * @param perTask each task's own (unweighted) loss
     */
    public record Result(NDArray total, Map<String, NDArray> perTask) {
    }
}
