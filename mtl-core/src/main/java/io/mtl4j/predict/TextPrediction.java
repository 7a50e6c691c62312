package io.mtl4j.predict;

import java.util.Map;

/**
 * Every head's prediction for one input text, from one encoder pass.
 *
 * @param text the input text
 * @param tasks predictions by task name, in the model's head order; empty for an empty or blank text
 * @param truncated whether the text was longer than the encoder's maximum length and its end was
 *     not seen by the model
 */
public record TextPrediction(String text, Map<String, TaskPrediction> tasks, boolean truncated) {

    /** Copies the map, keeping its order. */
    public TextPrediction {
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
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
