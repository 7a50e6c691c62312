package io.mtl4j.train;

import io.mtl4j.model.EvaluationResult;
import java.util.List;

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
 */
public record TrainingResult(
        EvaluationResult best, int bestStep, List<EvaluationResult> history, int steps, long examples,
        double trainSeconds, boolean stoppedEarly, int skippedSteps) {

    /** @return training examples per second of training time */
    public double examplesPerSecond() {
        return trainSeconds > 0 ? examples / trainSeconds : 0;
    }
}
