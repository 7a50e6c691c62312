package io.mtl4j.data.encode;

import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds label vocabularies from training examples, with {@link LabelVocabulary#fromObserved}: sorted,
 * {@code "O"} first, so the result does not depend on reading order.
 *
 * <p>Sentence tasks take the values of {@link LabeledExample#sentenceLabels()}; token tasks the values
 * of {@link LabeledExample#wordTags()} and, for entity spans, the BIO tags {@code O}, {@code B-X} and
 * {@code I-X} for each entity type {@code X} seen.
 */
public final class LabelVocabularies {

    /** The tag of words outside every entity. */
    public static final String OUTSIDE = "O";

    private LabelVocabularies() {
    }

    /**
     * Finds every task labelled in the examples and builds its vocabulary.
     *
     * @param training the training examples
     * @return one spec per task, sorted by task name
     * @throws IllegalArgumentException naming the example if a task is labelled both per sentence and
     *     per word
     */
    public static List<TaskSpec> taskSpecs(List<LabeledExample> training) {
        Map<String, TaskType> types = new TreeMap<>();
        for (LabeledExample example : training) {
            for (String task : example.sentenceLabels().keySet()) {
                recordType(types, task, TaskType.SEQUENCE_CLASSIFICATION, example);
            }
            for (String task : example.wordTags().keySet()) {
                recordType(types, task, TaskType.TOKEN_CLASSIFICATION, example);
            }
            for (String task : example.entities().keySet()) {
                recordType(types, task, TaskType.TOKEN_CLASSIFICATION, example);
            }
        }
        List<TaskSpec> specs = new ArrayList<>(types.size());
        types.forEach((task, type) -> specs.add(new TaskSpec(task, type, type == TaskType.SEQUENCE_CLASSIFICATION
                ? sentenceVocabulary(training, task)
                : tokenVocabulary(training, task))));
        return List.copyOf(specs);
    }

    /**
     * Builds a sentence task's vocabulary from the labels the examples give it.
     *
     * @param training the training examples
     * @param task the task name
     * @return the vocabulary
     * @throws IllegalArgumentException if no example labels the task
     */
    public static LabelVocabulary sentenceVocabulary(List<LabeledExample> training, String task) {
        Objects.requireNonNull(task, "task");
        Set<String> observed = new HashSet<>();
        for (LabeledExample example : training) {
            String label = example.sentenceLabels().get(task);
            if (label != null) {
                observed.add(label);
            }
        }
        return build(observed, task, "sentence");
    }

    /**
     * Builds a token task's vocabulary from the word tags and entity spans the examples give it.
     *
     * @param training the training examples
     * @param task the task name
     * @return the vocabulary
     * @throws IllegalArgumentException if no example labels the task
     */
    public static LabelVocabulary tokenVocabulary(List<LabeledExample> training, String task) {
        Objects.requireNonNull(task, "task");
        Set<String> observed = new HashSet<>();
        for (LabeledExample example : training) {
            List<String> tags = example.wordTags().get(task);
            if (tags != null) {
                observed.addAll(tags);
            }
            List<EntityAnnotation> entities = example.entities().get(task);
            if (entities != null) {
                observed.add(OUTSIDE);
                for (EntityAnnotation entity : entities) {
                    observed.add(BioTags.begin(entity.label()));
                    observed.add(BioTags.inside(entity.label()));
                }
            }
        }
        return build(observed, task, "token");
    }

    private static LabelVocabulary build(Set<String> observed, String task, String kind) {
        if (observed.isEmpty()) {
            throw new IllegalArgumentException("no training example gives " + kind + " labels for task '" + task + "'");
        }
        return LabelVocabulary.fromObserved(observed);
    }

    private static void recordType(Map<String, TaskType> types, String task, TaskType type, LabeledExample example) {
        TaskType previous = types.putIfAbsent(task, type);
        if (previous != null && previous != type) {
            throw new IllegalArgumentException(example.origin() + ": task '" + task + "' is labelled as "
                    + type + " here but as " + previous + " in an earlier example");
        }
    }
}
