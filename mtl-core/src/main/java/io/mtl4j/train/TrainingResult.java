package io.mtl4j.train;

import io.mtl4j.model.EvaluationResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a training run did.
 *
 * @param best the dev evaluation of the kept (best) checkpoint, null when there was no dev data
 * @param bestStep the step at which it was taken
 * @param history every dev evaluation, in order
 * @param steps optimizer steps taken
 * @param examples training examples seen
 * @param trainSeconds wall-clock seconds spent in training steps (evaluation excluded)
 * @param stoppedEarly whether early stopping or the time budget ended the run
 * @param skippedSteps steps whose update was skipped because the loss or a gradient was not finite
 * @param batchesPerTask how many training batches carried each task's labels (the mix actually drawn)
 * @param examplesPerTask how many training examples carried each task's labels
 * @param learnedLossState the loss weighting's learned values at the end, e.g. {@code log_var.<task>}
 * @param gradientCosines for each task pair {@code a~b}, the cosines between their encoder gradients
 *     measured during training, in order (empty unless enabled in the config)
 */
public record TrainingResult(
        EvaluationResult best, int bestStep, List<EvaluationResult> history, int steps, long examples,
        double trainSeconds, boolean stoppedEarly, int skippedSteps,
        Map<String, Long> batchesPerTask, Map<String, Long> examplesPerTask, Map<String, Double> learnedLossState,
        Map<String, List<Double>> gradientCosines) {

    /**
     * Copies the maps.
     *
     * @param best the dev evaluation of the kept (best) checkpoint, null when there was no dev data
     * @param bestStep the step at which it was taken
     * @param history every dev evaluation, in order
     * @param steps optimizer steps taken
     * @param examples training examples seen
     * @param trainSeconds wall-clock seconds spent in training steps (evaluation excluded)
     * @param stoppedEarly whether early stopping or the time budget ended the run
     * @param skippedSteps steps whose update was skipped because the loss or a gradient was not finite
     * @param batchesPerTask how many training batches carried each task's labels (the mix actually drawn)
     * @param examplesPerTask how many training examples carried each task's labels
     * @param learnedLossState the loss weighting's learned values at the end, e.g. {@code log_var.<task>}
     * @param gradientCosines for each task pair {@code a~b}, the cosines between their encoder gradients
     *     measured during training, in order (empty unless enabled in the config)
     */
    public TrainingResult {
        history = List.copyOf(history);
        batchesPerTask = Collections.unmodifiableMap(new LinkedHashMap<>(batchesPerTask));
        examplesPerTask = Collections.unmodifiableMap(new LinkedHashMap<>(examplesPerTask));
        learnedLossState = Collections.unmodifiableMap(new LinkedHashMap<>(learnedLossState));
        Map<String, List<Double>> cosines = new LinkedHashMap<>();
        gradientCosines.forEach((pair, values) -> cosines.put(pair, List.copyOf(values)));
        gradientCosines = Collections.unmodifiableMap(cosines);
    }

    /** @return training examples per second of training time */
    public double examplesPerSecond() {
        return trainSeconds > 0 ? examples / trainSeconds : 0;
    }
}
