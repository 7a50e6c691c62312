package io.mtl4j.loss;

import ai.djl.ndarray.NDArray;
import io.mtl4j.engine.Scalars;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Uncertainty weighting (Kendall, Gal &amp; Cipolla, 2018): {@code L = Σ exp(-s_t) · L_t + s_t / 2}.
 *
 * <p>The log-variances {@code s_t} are plain Java numbers: their gradient {@code ∂L/∂s_t =
 * -exp(-s_t) · L_t + 1/2} is known in closed form, so they are learned with a scalar Adam step after
 * each optimizer step and never enter native memory. Only {@code exp(-s_t) · L_t} reaches the network's
 * backward pass (the {@code s_t / 2} term has no gradient there). At the optimum
 * {@code exp(-s_t) = 1 / (2 L_t)}: a task with a larger loss gets a smaller weight.
 */
final class UncertaintyCombiner implements LossCombiner {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final Map<String, double[]> state = new LinkedHashMap<>(); // task -> {s, m, v, t}

    UncertaintyCombiner(Collection<String> tasks, double learningRate) {
        this.learningRate = learningRate;
        for (String task : tasks) {
            state.put(task, new double[4]);
        }
    }

    @Override
    public MultiTaskLoss.Result combine(Map<String, NDArray> taskLosses) {
        StaticCombiner.requireLosses(taskLosses);
        NDArray total = null;
        for (Map.Entry<String, NDArray> e : taskLosses.entrySet()) {
            NDArray term = e.getValue().mul(Scalars.of(e.getValue(), (float) weight(e.getKey())));
            total = total == null ? term : total.add(term);
        }
        return new MultiTaskLoss.Result(total, Collections.unmodifiableMap(new LinkedHashMap<>(taskLosses)));
    }

    @Override
    public void update(Map<String, Double> taskLosses) {
        taskLosses.forEach((task, loss) -> {
            double[] s = stateOf(task);
            if (!Double.isFinite(loss)) {
                return;
            }
            double gradient = -Math.exp(-s[0]) * loss + 0.5;
            s[3]++;
            s[1] = BETA1 * s[1] + (1 - BETA1) * gradient;
            s[2] = BETA2 * s[2] + (1 - BETA2) * gradient * gradient;
            double mHat = s[1] / (1 - Math.pow(BETA1, s[3]));
            double vHat = s[2] / (1 - Math.pow(BETA2, s[3]));
            s[0] -= learningRate * mHat / (Math.sqrt(vHat) + EPSILON);
        });
    }

    private double weight(String task) {
        return Math.exp(-stateOf(task)[0]);
    }

    private double[] stateOf(String task) {
        double[] s = state.get(task);
        if (s == null) {
            throw new IllegalArgumentException("task '" + task + "' has no uncertainty weight; known tasks: "
                    + state.keySet());
        }
        return s;
    }

    @Override
    public Map<String, Double> currentWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        state.forEach((task, s) -> weights.put(task, Math.exp(-s[0])));
        return weights;
    }

    @Override
    public Map<String, Double> learnedState() {
        Map<String, Double> values = new LinkedHashMap<>();
        state.forEach((task, s) -> values.put("log_var." + task, s[0]));
        return values;
    }

    private static final String[] PARTS = {"log_var", "adam_m", "adam_v", "adam_t"};

    @Override
    public Map<String, Double> exportState() {
        Map<String, Double> values = new LinkedHashMap<>();
        state.forEach((task, s) -> {
            for (int i = 0; i < PARTS.length; i++) {
                values.put(PARTS[i] + "." + task, s[i]);
            }
        });
        return values;
    }

    @Override
    public void importState(Map<String, Double> values) {
        state.forEach((task, s) -> {
            for (int i = 0; i < PARTS.length; i++) {
                Double value = values.get(PARTS[i] + "." + task);
                if (value == null) {
                    throw new IllegalArgumentException("uncertainty weighting state lacks '" + PARTS[i] + "." + task
                            + "'; has: " + values.keySet());
                }
                s[i] = value;
            }
        });
    }
}
