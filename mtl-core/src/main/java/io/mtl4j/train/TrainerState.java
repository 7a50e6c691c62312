package io.mtl4j.train;

import java.util.List;
import java.util.Map;

/**
 * The trainer's own state at a checkpoint ({@code trainer-state.json}): everything besides the
 * weights, the optimizer's moments and the best weights that a resumed run needs to continue exactly.
 * The learning-rate schedule's position is {@code step}; per-step randomness (dropout, PCGrad's
 * projection order) is derived from {@code (seed, step)}, so no random generator state is stored.
 *
 * @param step optimizer steps taken
 * @param epoch the epoch the next step belongs to (0-based)
 * @param position batches of that epoch already consumed
 * @param stepsPerEpoch optimizer steps per epoch of the run
 * @param seed the config's seed
 * @param lastEvaluated the step of the latest dev evaluation (0 for none)
 * @param bestStep the step of the best dev evaluation, -1 for none
 * @param bestScore its selection-metric value (NaN for none)
 * @param sinceImprovement dev evaluations without improvement (early-stopping counter)
 * @param skippedSteps steps whose update was skipped so far
 * @param skippedInARow the current run of skipped steps
 * @param examples training examples seen
 * @param trainSeconds seconds spent in training steps
 * @param batchesPerTask batches seen per task
 * @param examplesPerTask examples seen per task
 * @param lossState the loss combiner's learned state ({@code LossCombiner.exportState})
 * @param labels the model's tasks and each task's labels, in order
 */
record TrainerState(
        int step, int epoch, int position, int stepsPerEpoch, long seed, int lastEvaluated, int bestStep,
        double bestScore, int sinceImprovement, int skippedSteps, int skippedInARow, long examples,
        double trainSeconds, Map<String, Long> batchesPerTask, Map<String, Long> examplesPerTask,
        Map<String, Double> lossState, Map<String, List<String>> labels) {
}
