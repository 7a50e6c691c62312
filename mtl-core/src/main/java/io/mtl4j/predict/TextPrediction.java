package io.mtl4j.predict;

import java.util.Map;

/**
 * Every head's prediction for one input text, from one encoder pass.
 *
 * @param text the input text
 * @param tasks predictions by task name, in the model's head order; empty for an empty or blank text
 * @param truncated whether some task did not see the end of the text (it was longer than the encoder's
 *     maximum length and was truncated rather than read in sliding windows); each task's
 *     {@link TaskPrediction#coverage()} says how it read the text
 * @param windows the number of encoder windows the text was read in: 1 when it fit, 0 for a blank text
 */
public record TextPrediction(String text, Map<String, TaskPrediction> tasks, boolean truncated, int windows) {

    /**
     * Copies the map, keeping its order.
     *
     * @param text the input text
     * @param tasks predictions by task name, in the model's head order; empty for an empty or blank text
     * @param truncated whether some task did not see the end of the text (it was longer than the encoder's
     *     maximum length and was truncated rather than read in sliding windows); each task's
     *     {@link TaskPrediction#coverage()} says how it read the text
     * @param windows the number of encoder windows the text was read in: 1 when it fit, 0 for a blank text
     */
    public TextPrediction {
        java.util.Objects.requireNonNull(text, "text");
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
        if (windows < 0) {
            throw new IllegalArgumentException("windows must be >= 0, but is: " + windows);
        }
    }

    /**
     * A prediction read in one window.
     *
     * @param text the input text
     * @param tasks predictions by task name
     * @param truncated whether the text was truncated
     */
    public TextPrediction(String text, Map<String, TaskPrediction> tasks, boolean truncated) {
        this(text, tasks, truncated, tasks.isEmpty() ? 0 : 1);
    }

    /**
     * @param task a task name
     * @return that task's sentence-level prediction
     * @throws IllegalArgumentException if the task is unknown or not a classification task
     */
    public TaskPrediction.Classification classification(String task) {
        if (tasks.get(task) instanceof TaskPrediction.Classification c) {
            return c;
        }
        throw new IllegalArgumentException("no classification task '" + task + "' in " + tasks.keySet());
    }

    /**
     * @param task a task name
     * @return that task's token-level prediction
     * @throws IllegalArgumentException if the task is unknown or not a tagging task
     */
    public TaskPrediction.Tagging tagging(String task) {
        if (tasks.get(task) instanceof TaskPrediction.Tagging t) {
            return t;
        }
        throw new IllegalArgumentException("no tagging task '" + task + "' in " + tasks.keySet());
    }
}
