package io.mtl4j.loss;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The per-run state of a {@link MultiTaskLoss}: combines each step's task losses and learns from them
 * when the weighting has parameters. Not thread-safe; one per training run.
 */
public interface LossCombiner {

    /**
     * @param taskLosses scalar losses by task (the tasks labelled in the batch), on the autograd path
     * @return the total to call backward on and the unweighted per-task losses
     * @throws IllegalArgumentException if the map is empty
     */
    MultiTaskLoss.Result combine(Map<String, NDArray> taskLosses);

    /**
     * Called once per optimizer step with the step's task loss values, so learned weightings can update.
     *
     * @param taskLosses each task's unweighted loss in the step
     */
    void update(Map<String, Double> taskLosses);

    /** @return the current effective weight of each task (logged during training) */
    Map<String, Double> currentWeights();

    /** @return learned parameters to log, e.g. {@code log_var.<task>}; empty for static weights */
    Map<String, Double> learnedState();

    /**
     * The complete learned state, for a checkpoint; {@link #importState} with it continues exactly.
     *
     * @return named values; empty for static weights
     */
    default Map<String, Double> exportState() {
        return Map.of();
    }

    /**
     * Restores a state from {@link #exportState()}.
     *
     * @param state the values
     * @throws IllegalArgumentException if a value this combiner needs is missing
     */
    default void importState(Map<String, Double> state) {
    }
}
