package io.mtl4j.loss;

import ai.djl.ndarray.NDArray;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How task losses become one training signal: a {@link Weighting} (static weights, or learned
 * uncertainty weights) and an optional {@link GradientSurgery} on the shared encoder's gradients.
 * Immutable; the state a weighting learns lives in the {@link LossCombiner} made for each run.
 *
 * <ul>
 *   <li>{@link #equalWeights()}, {@link #weighted(Map)}: {@code L = Σ w_t · L_t}, missing tasks weigh 1;
 *   <li>{@link #uncertainty()}: Kendall, Gal &amp; Cipolla (2018),
 *       {@code L = Σ exp(-s_t) · L_t + s_t / 2} with a learned log-variance {@code s_t} per task;
 *   <li>{@link #withGradientSurgery(GradientSurgery)}: e.g. PCGrad (Yu et al., 2020) projects each
 *       task's encoder gradient off the others' when they conflict.
 * </ul>
 */
public final class MultiTaskLoss {

    /** How the task losses are weighted. */
    public enum Weighting {
        /** Fixed weights, 1 unless given. */
        STATIC,
        /** Learned per-task log-variances (homoscedastic uncertainty). */
        UNCERTAINTY
    }

    /** Default learning rate of the uncertainty log-variances (plain Adam on each {@code s_t}). */
    public static final double DEFAULT_UNCERTAINTY_LEARNING_RATE = 0.01;

    private final Weighting weighting;
    private final Map<String, Float> weights;
    private final double uncertaintyLearningRate;
    private final GradientSurgery surgery;

    private MultiTaskLoss(Weighting weighting, Map<String, Float> weights, double uncertaintyLearningRate,
            GradientSurgery surgery) {
        Objects.requireNonNull(weights, "weights");
        weights.forEach((task, w) -> {
            Objects.requireNonNull(task, "task name in weights");
            if (w == null || !(w >= 0) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("loss weight of task '" + task + "' must be finite and >= 0, but is: " + w);
            }
        });
        if (!(uncertaintyLearningRate > 0) || Double.isInfinite(uncertaintyLearningRate)) {
            throw new IllegalArgumentException("uncertaintyLearningRate must be positive and finite, but is: "
                    + uncertaintyLearningRate);
        }
        this.weighting = weighting;
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        this.uncertaintyLearningRate = uncertaintyLearningRate;
        this.surgery = Objects.requireNonNull(surgery, "surgery");
    }

    /** @return a loss that weighs every task 1 */
    public static MultiTaskLoss equalWeights() {
        return weighted(Map.of());
    }

    /**
     * @param weights a weight per task name; tasks not named get 1
     * @return the loss
     */
    public static MultiTaskLoss weighted(Map<String, Float> weights) {
        return new MultiTaskLoss(Weighting.STATIC, weights, DEFAULT_UNCERTAINTY_LEARNING_RATE, GradientSurgery.NONE);
    }

    /** @return uncertainty weighting with log-variances starting at 0, learned at {@value #DEFAULT_UNCERTAINTY_LEARNING_RATE} */
    public static MultiTaskLoss uncertainty() {
        return uncertainty(DEFAULT_UNCERTAINTY_LEARNING_RATE);
    }

    /**
     * @param learningRate the Adam learning rate of the log-variances
     * @return uncertainty weighting with log-variances starting at 0
     */
    public static MultiTaskLoss uncertainty(double learningRate) {
        return new MultiTaskLoss(Weighting.UNCERTAINTY, Map.of(), learningRate, GradientSurgery.NONE);
    }

    /**
     * @param surgery what to do with the tasks' gradients on the shared encoder
     * @return a copy of this loss with that surgery
     */
    public MultiTaskLoss withGradientSurgery(GradientSurgery surgery) {
        return new MultiTaskLoss(weighting, weights, uncertaintyLearningRate, surgery);
    }

    /** @return how losses are weighted */
    public Weighting weighting() {
        return weighting;
    }

    /** @return the gradient surgery applied to the shared encoder */
    public GradientSurgery gradientSurgery() {
        return surgery;
    }

    /**
     * @param task a task name
     * @return its static weight
     */
    public float weight(String task) {
        return weights.getOrDefault(task, 1f);
    }

    /** @return the explicit static weights */
    public Map<String, Float> weights() {
        return weights;
    }

    /** @return the learning rate of the uncertainty log-variances */
    public double uncertaintyLearningRate() {
        return uncertaintyLearningRate;
    }

    /**
     * Checks that every weight names one of the model's tasks.
     *
     * @param tasks the model's task names
     * @throws IllegalArgumentException naming the first weight whose task does not exist
     */
    public void validateAgainst(Collection<String> tasks) {
        for (String task : weights.keySet()) {
            if (!tasks.contains(task)) {
                throw new IllegalArgumentException("loss.weights names task '" + task
                        + "', which the model does not have; its tasks: " + tasks);
            }
        }
    }

    /**
     * @param tasks the tasks of the run
     * @return a fresh combiner holding this weighting's state for one training run
     */
    public LossCombiner newCombiner(Collection<String> tasks) {
        validateAgainst(tasks);
        return weighting == Weighting.STATIC
                ? new StaticCombiner(this)
                : new UncertaintyCombiner(tasks, uncertaintyLearningRate);
    }

    /**
     * Combines task losses with the static weights (uncertainty weighting needs a
     * {@link #newCombiner combiner}, which holds the learned state).
     *
     * @param taskLosses scalar losses by task (only the tasks present in the batch)
     * @return the weighted total and the unweighted per-task losses
     */
    public Result combine(Map<String, NDArray> taskLosses) {
        if (weighting != Weighting.STATIC) {
            throw new IllegalStateException("uncertainty weighting learns state: combine through newCombiner(tasks)");
        }
        return new StaticCombiner(this).combine(taskLosses);
    }

    @Override
    public String toString() {
        String base = weighting == Weighting.STATIC
                ? (weights.isEmpty() ? "equal" : "static" + weights)
                : "uncertainty(lr=" + uncertaintyLearningRate + ")";
        return surgery == GradientSurgery.NONE ? base : base + "+" + surgery.name().toLowerCase(java.util.Locale.ROOT);
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
