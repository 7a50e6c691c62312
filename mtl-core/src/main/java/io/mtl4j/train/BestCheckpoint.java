package io.mtl4j.train;

import ai.djl.nn.Parameter;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.model.EvaluationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the best dev evaluation and a copy of the weights that produced it, and counts evaluations
 * without improvement for early stopping. The copy lives on the Java heap, so restoring it needs no
 * file and survives any number of later steps.
 */
final class BestCheckpoint {

    private final String metric;
    private final int patience;
    private final List<EvaluationResult> history = new ArrayList<>();
    private EvaluationResult best;
    private int bestStep = -1;
    private double bestScore = Double.NaN;
    private Map<String, float[]> weights;
    private int sinceImprovement;

    BestCheckpoint(String metric, int patience) {
        this.metric = metric;
        this.patience = patience;
    }

    /**
     * Records an evaluation; snapshots the weights if it is the best so far.
     *
     * @return whether early stopping should end training now
     */
    boolean offer(EvaluationResult result, int step, Map<String, Parameter> parameters) {
        history.add(result);
        if (bestStep < 0 || result.metric(metric) > bestScore) {
            best = result;
            bestScore = result.metric(metric);
            bestStep = step;
            weights = new LinkedHashMap<>();
            parameters.forEach((name, p) -> weights.put(name, p.getArray().toFloatArray()));
            sinceImprovement = 0;
            return false;
        }
        sinceImprovement++;
        return patience > 0 && sinceImprovement >= patience;
    }

    /** Copies the best weights back into the parameters (no-op when nothing was evaluated). */
    void restore(Map<String, Parameter> parameters) {
        if (weights == null) {
            return;
        }
        try (NoGradient noGradient = new NoGradient()) {
            parameters.forEach((name, p) -> p.getArray().set(weights.get(name)));
        }
    }

    /** Sets the best evaluation after a resume, which restores its score but not the evaluation itself. */
    void setBest(EvaluationResult result) {
        best = result;
    }

    /**
     * Restores the state of a checkpoint.
     *
     * @param step the best step, -1 for none
     * @param score its score
     * @param since evaluations without improvement since
     * @param bestWeights the best weights by parameter name, null for none
     */
    void restore(int step, double score, int since, Map<String, float[]> bestWeights) {
        bestStep = step;
        bestScore = score;
        sinceImprovement = since;
        weights = bestWeights == null ? null : new LinkedHashMap<>(bestWeights);
        best = null;
    }

    double bestScore() {
        return bestScore;
    }

    /** @return the best weights by parameter name, null before the first evaluation */
    Map<String, float[]> weights() {
        return weights;
    }

    EvaluationResult best() {
        return best;
    }

    int bestStep() {
        return bestStep;
    }

    int sinceImprovement() {
        return sinceImprovement;
    }

    List<EvaluationResult> history() {
        return List.copyOf(history);
    }
}
