package io.mtl4j.data.encode;

import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import java.util.Objects;

/**
 * The data side's view of a task: its name (the key of its labels in examples and batches), what it
 * predicts, and its frozen label vocabulary.
 *
 * @param name the task name, as used in {@link io.mtl4j.data.LabeledExample} label maps
 * @param type sentence or token classification
 * @param labels the label vocabulary
 */
public record TaskSpec(String name, TaskType type, LabelVocabulary labels) {

    /**
     * Validates that nothing is missing and the name is not blank.
     *
     * @param name the task name, as used in {@link io.mtl4j.data.LabeledExample} label maps
     * @param type sentence or token classification
     * @param labels the label vocabulary
     */
    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(labels, "labels");
        if (name.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank, but is: '" + name + "'");
        }
    }
}
