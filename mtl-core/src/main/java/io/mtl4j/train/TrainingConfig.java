package io.mtl4j.train;

import io.mtl4j.loss.MultiTaskLoss;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable training settings, validated when built. Use {@link #builder()}.
 *
 * @param epochs passes over the training batches
 * @param learningRate peak learning rate of the encoder
 * @param headLearningRate peak learning rate of the heads
 * @param weightDecay AdamW's decoupled weight decay
 * @param warmupRatio fraction of the steps spent warming up
 * @param maxGradNorm global-norm clipping bound (0 disables)
 * @param seed seeds the engine (dropout) — data order is seeded by the batch source
 * @param evaluateEverySteps evaluate on dev every N steps; 0 means at the end of each epoch
 * @param earlyStoppingPatience stop after this many evaluations without improvement; 0 disables
 * @param selectionMetric the dev metric that picks the best checkpoint: {@code mean},
 *     {@code sentence_accuracy} or {@code task.metric}
 * @param loss how task losses are combined
 * @param maxDuration stop training (and keep the best checkpoint so far) after this long; null for no limit
 * @param outputDirectory where {@code metrics.jsonl}, {@code metrics.json} and the best model go; null for none
 * @param progressBar whether to draw a progress bar on the console
 * @param logEverySteps write a training line to the metrics log every N steps
 * @param trainable which parameters train, and layer-wise learning-rate decay
 * @param gradientCosineEverySteps every N steps, measure the cosine between the tasks' gradients on the
 *     shared encoder (on each task's latest batch) and log it; 0 disables
 * @param checkpointEverySteps every N steps, write a resumable checkpoint to
 *     {@code <outputDirectory>/checkpoints/step-<n>/}; 0 disables
 * @param checkpointsKept how many of the newest checkpoints to keep, at least 1
 * @param reporter called once at the end of a run with an output folder; null to use the
 *     {@link RunReporter}s registered for {@link java.util.ServiceLoader}
 */
public record TrainingConfig(
        int epochs,
        double learningRate,
        double headLearningRate,
        double weightDecay,
        double warmupRatio,
        double maxGradNorm,
        long seed,
        int evaluateEverySteps,
        int earlyStoppingPatience,
        String selectionMetric,
        MultiTaskLoss loss,
        Duration maxDuration,
        Path outputDirectory,
        boolean progressBar,
        int logEverySteps,
        TrainableParameters trainable,
        int gradientCosineEverySteps,
        int checkpointEverySteps,
        int checkpointsKept,
        RunReporter reporter) {

    /**
     * Validates every field, naming it and its value.
     *
     * @param epochs passes over the training batches
     * @param learningRate peak learning rate of the encoder
     * @param headLearningRate peak learning rate of the heads
     * @param weightDecay AdamW's decoupled weight decay
     * @param warmupRatio fraction of the steps spent warming up
     * @param maxGradNorm global-norm clipping bound (0 disables)
     * @param seed seeds the engine (dropout) — data order is seeded by the batch source
     * @param evaluateEverySteps evaluate on dev every N steps; 0 means at the end of each epoch
     * @param earlyStoppingPatience stop after this many evaluations without improvement; 0 disables
     * @param selectionMetric the dev metric that picks the best checkpoint: {@code mean},
     *     {@code sentence_accuracy} or {@code task.metric}
     * @param loss how task losses are combined
     * @param maxDuration stop training (and keep the best checkpoint so far) after this long; null for no limit
     * @param outputDirectory where {@code metrics.jsonl}, {@code metrics.json} and the best model go; null for none
     * @param progressBar whether to draw a progress bar on the console
     * @param logEverySteps write a training line to the metrics log every N steps
     * @param trainable which parameters train, and layer-wise learning-rate decay
     * @param gradientCosineEverySteps every N steps, measure the cosine between the tasks' gradients on the
     *     shared encoder (on each task's latest batch) and log it; 0 disables
     * @param checkpointEverySteps every N steps, write a resumable checkpoint to
     *     {@code <outputDirectory>/checkpoints/step-<n>/}; 0 disables
     * @param checkpointsKept how many of the newest checkpoints to keep, at least 1
     * @param reporter what reports on the run at its end; null for the reporters found by {@code ServiceLoader}
     */
    public TrainingConfig {
        positive("epochs", epochs);
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive, but is: " + learningRate);
        }
        if (!(headLearningRate > 0)) {
            throw new IllegalArgumentException("headLearningRate must be positive, but is: " + headLearningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, but is: " + weightDecay);
        }
        if (!(warmupRatio >= 0 && warmupRatio < 1)) {
            throw new IllegalArgumentException("warmupRatio must be in [0, 1), but is: " + warmupRatio);
        }
        if (!(maxGradNorm >= 0)) {
            throw new IllegalArgumentException("maxGradNorm must be >= 0, but is: " + maxGradNorm);
        }
        if (evaluateEverySteps < 0) {
            throw new IllegalArgumentException("evaluateEverySteps must be >= 0, but is: " + evaluateEverySteps);
        }
        if (earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("earlyStoppingPatience must be >= 0, but is: " + earlyStoppingPatience);
        }
        positive("logEverySteps", logEverySteps);
        Objects.requireNonNull(selectionMetric, "selectionMetric");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(trainable, "trainable");
        if (gradientCosineEverySteps < 0) {
            throw new IllegalArgumentException("gradientCosineEverySteps must be >= 0, but is: "
                    + gradientCosineEverySteps);
        }
        if (checkpointEverySteps < 0) {
            throw new IllegalArgumentException("checkpointEverySteps must be >= 0, but is: " + checkpointEverySteps);
        }
        positive("checkpointsKept", checkpointsKept);
        if (checkpointEverySteps > 0 && outputDirectory == null) {
            throw new IllegalArgumentException("checkpointEverySteps is " + checkpointEverySteps
                    + " but there is no outputDirectory to write the checkpoints to");
        }
        if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
            throw new IllegalArgumentException("maxDuration must be positive, but is: " + maxDuration);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but is: " + value);
        }
    }

    /** @return a builder with BERT fine-tuning defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TrainingConfig}; every setting has a default. */
    public static final class Builder {
        private int epochs = 3;
        private double learningRate = 5e-5;
        private Double headLearningRate;
        private double weightDecay = 0.01;
        private double warmupRatio = 0.1;
        private double maxGradNorm = 1.0;
        private long seed = 42;
        private int evaluateEverySteps;
        private int earlyStoppingPatience;
        private String selectionMetric = "mean";
        private MultiTaskLoss loss = MultiTaskLoss.equalWeights();
        private Duration maxDuration;
        private Path outputDirectory;
        private boolean progressBar = true;
        private int logEverySteps = 20;
        private TrainableParameters trainable = TrainableParameters.all();
        private int gradientCosineEverySteps;
        private int checkpointEverySteps;
        private int checkpointsKept = 2;
        private RunReporter reporter;

        private Builder() {
        }

        /**
         * @param v epochs (default 3)
         * @return this
         */
        public Builder optEpochs(int v) {
            epochs = v;
            return this;
        }

        /**
         * @param v peak learning rate (default 5e-5)
         * @return this
         */
        public Builder optLearningRate(double v) {
            learningRate = v;
            return this;
        }

        /**
         * @param v peak learning rate of the heads (default: the encoder's)
         * @return this
         */
        public Builder optHeadLearningRate(double v) {
            headLearningRate = v;
            return this;
        }

        /**
         * @param v weight decay (default 0.01)
         * @return this
         */
        public Builder optWeightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /**
         * @param v warm-up fraction (default 0.1)
         * @return this
         */
        public Builder optWarmupRatio(double v) {
            warmupRatio = v;
            return this;
        }

        /**
         * @param v clipping bound (default 1.0; 0 disables)
         * @return this
         */
        public Builder optMaxGradNorm(double v) {
            maxGradNorm = v;
            return this;
        }

        /**
         * @param v seed (default 42)
         * @return this
         */
        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        /**
         * @param v evaluate every N steps (default 0: every epoch)
         * @return this
         */
        public Builder optEvaluateEverySteps(int v) {
            evaluateEverySteps = v;
            return this;
        }

        /**
         * @param v early-stopping patience in evaluations (default 0: off)
         * @return this
         */
        public Builder optEarlyStoppingPatience(int v) {
            earlyStoppingPatience = v;
            return this;
        }

        /**
         * @param v selection metric (default {@code mean})
         * @return this
         */
        public Builder optSelectionMetric(String v) {
            selectionMetric = v;
            return this;
        }

        /**
         * @param v the multi-task loss (default equal weights)
         * @return this
         */
        public Builder optLoss(MultiTaskLoss v) {
            loss = v;
            return this;
        }

        /**
         * @param v time budget (default none)
         * @return this
         */
        public Builder optMaxDuration(Duration v) {
            maxDuration = v;
            return this;
        }

        /**
         * @param v output folder (default none)
         * @return this
         */
        public Builder optOutputDirectory(Path v) {
            outputDirectory = v;
            return this;
        }

        /**
         * @param v draw a progress bar (default true)
         * @return this
         */
        public Builder optProgressBar(boolean v) {
            progressBar = v;
            return this;
        }

        /**
         * @param v log every N steps (default 20)
         * @return this
         */
        public Builder optLogEverySteps(int v) {
            logEverySteps = v;
            return this;
        }

        /**
         * @param v which parameters train (default all, no decay)
         * @return this
         */
        public Builder optTrainable(TrainableParameters v) {
            trainable = v;
            return this;
        }

        /**
         * @param v measure task-gradient cosines every N steps (default 0: off)
         * @return this
         */
        public Builder optGradientCosineEverySteps(int v) {
            gradientCosineEverySteps = v;
            return this;
        }

        /**
         * @param v write a resumable checkpoint every N steps (default 0: off; needs an output folder)
         * @return this
         */
        public Builder optCheckpointEverySteps(int v) {
            checkpointEverySteps = v;
            return this;
        }

        /**
         * @param v how many of the newest checkpoints to keep (default 2)
         * @return this
         */
        public Builder optCheckpointsKept(int v) {
            checkpointsKept = v;
            return this;
        }

        /**
         * @param v called once at the end of a run with an output folder (default: the reporters found
         *     by {@link java.util.ServiceLoader}; {@link RunReporter#none()} for none)
         * @return this
         */
        public Builder optReporter(RunReporter v) {
            reporter = v;
            return this;
        }

        /** @return the validated config */
        public TrainingConfig build() {
            return new TrainingConfig(epochs, learningRate, headLearningRate == null ? learningRate : headLearningRate,
                    weightDecay, warmupRatio, maxGradNorm, seed, evaluateEverySteps, earlyStoppingPatience,
                    selectionMetric, loss, maxDuration, outputDirectory, progressBar, logEverySteps, trainable,
                    gradientCosineEverySteps, checkpointEverySteps, checkpointsKept, reporter);
        }
    }
}
