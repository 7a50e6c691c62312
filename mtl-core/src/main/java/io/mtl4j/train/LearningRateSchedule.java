package io.mtl4j.train;

/**
 * Linear warm-up from 0 to the peak rate over {@code warmupSteps}, then linear decay to 0 at
 * {@code totalSteps} (the schedule of BERT fine-tuning and Hugging Face's
 * {@code get_linear_schedule_with_warmup}).
 *
 * @param peak the peak learning rate
 * @param warmupSteps steps of warm-up
 * @param totalSteps the total number of optimizer steps
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps) {

    /**
     * Validates the values.
     *
     * @param peak the peak learning rate
     * @param warmupSteps steps of warm-up
     * @param totalSteps the total number of optimizer steps
     */
    public LearningRateSchedule {
        if (!(peak > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, but is: " + peak);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("totalSteps must be at least 1, but is: " + totalSteps);
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warmupSteps must be in [0, totalSteps=" + totalSteps + "], but is: " + warmupSteps);
        }
    }

    /**
     * @param step the 0-based index of the optimizer step about to be taken
     * @return the learning rate for it
     */
    public double rate(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        return peak * Math.max(0.0, (double) (totalSteps - step) / decaySteps);
    }
}
