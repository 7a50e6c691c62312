package io.mtl4j.model;

import io.mtl4j.eval.TaskEvaluation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's scores on a data set.
 *
 * @param tasks each task's evaluation, in head order (tasks without labels in the data are absent)
 * @param sentenceAccuracy the fraction of examples labelled for every task whose every task is
 *     predicted exactly right (JointBERT's "sentence accuracy"); NaN when no example is labelled for all
 * @param examples the number of examples evaluated
 * @param loss the mean weighted training loss over batches, NaN if not computed
 */
public record EvaluationResult(Map<String, TaskEvaluation> tasks, double sentenceAccuracy, int examples, double loss) {

    /**
     * Flattens every metric to {@code task.metric} (plus {@code sentence_accuracy} and {@code mean}, the
     * mean of each task's primary metric).
     *
     * @return the metrics, fractions in [0, 1]
     */
    public Map<String, Double> flatten() {
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, TaskEvaluation> e : tasks.entrySet()) {
            e.getValue().metrics().forEach((k, v) -> out.put(e.getKey() + "." + k, v));
            sum += e.getValue().primary();
        }
        out.put("mean", tasks.isEmpty() ? Double.NaN : sum / tasks.size());
        if (!Double.isNaN(sentenceAccuracy)) {
            out.put("sentence_accuracy", sentenceAccuracy);
        }
        return out;
    }

    /**
     * @param metric {@code mean}, {@code sentence_accuracy} or {@code task.metric}
     * @return its value
     * @throws IllegalArgumentException listing the available metrics
     */
    public double metric(String metric) {
        Double value = flatten().get(metric);
        if (value == null) {
            throw new IllegalArgumentException("no metric '" + metric + "'; available: " + flatten().keySet());
        }
        return value;
    }
}
