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
}
