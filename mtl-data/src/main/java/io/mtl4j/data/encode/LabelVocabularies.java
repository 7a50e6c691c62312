package io.mtl4j.data.encode;

import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

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
     * Finds every task labelled in the examples and builds its vocabulary, in one pass.
     *
     * @param training the training examples
     * @return one spec per task, sorted by task name
     * @throws IllegalArgumentException naming the example if a task is labelled both per sentence and
     *     per word
     */
    public static List<TaskSpec> taskSpecs(Iterable<LabeledExample> training) {
        Observed observed = new Observed();
        training.forEach(observed::add);
        return observed.taskSpecs();
    }

    /**
     * Finds every task labelled in a stream of examples and builds its vocabulary, in one pass that
     * keeps only the distinct labels: the way to get the vocabularies of a data set too large for
     * memory ({@code try (Stream<LabeledExample> s = reader.stream(file)) { specs = taskSpecs(s); }}).
     * The result is the same as {@link #taskSpecs(Iterable)} on the same examples. The stream is
     * consumed but not closed.
     *
     * @param training the training examples
     * @return one spec per task, sorted by task name
     * @throws IllegalArgumentException naming the example if a task is labelled both per sentence and
     *     per word
     */
    public static List<TaskSpec> taskSpecs(Stream<LabeledExample> training) {
        Observed observed = new Observed();
        training.forEachOrdered(observed::add);
        return observed.taskSpecs();
    }

    /**
     * Builds a sentence task's vocabulary from the labels the examples give it.
     *
     * @param training the training examples
     * @param task the task name
     * @return the vocabulary
     * @throws IllegalArgumentException if no example labels the task
     */
    public static LabelVocabulary sentenceVocabulary(Iterable<LabeledExample> training, String task) {
        Objects.requireNonNull(task, "task");
        Set<String> observed = new HashSet<>();
        for (LabeledExample example : training) {
            addSentenceLabel(observed, example, task);
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
    public static LabelVocabulary tokenVocabulary(Iterable<LabeledExample> training, String task) {
        Objects.requireNonNull(task, "task");
        Set<String> observed = new HashSet<>();
        for (LabeledExample example : training) {
            addTokenLabels(observed, example, task);
        }
        return build(observed, task, "token");
    }

    private static void addSentenceLabel(Set<String> observed, LabeledExample example, String task) {
        String label = example.sentenceLabels().get(task);
        if (label != null) {
            observed.add(label);
        }
    }

    private static void addTokenLabels(Set<String> observed, LabeledExample example, String task) {
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

    /** The task types and distinct labels seen so far, gathered example by example. */
    private static final class Observed {

        private final Map<String, TaskType> types = new TreeMap<>();
        private final Map<String, Set<String>> labels = new HashMap<>();

        void add(LabeledExample example) {
            for (String task : example.sentenceLabels().keySet()) {
                recordType(types, task, TaskType.SEQUENCE_CLASSIFICATION, example);
                addSentenceLabel(labels.computeIfAbsent(task, k -> new HashSet<>()), example, task);
            }
            for (String task : example.wordTags().keySet()) {
                recordType(types, task, TaskType.TOKEN_CLASSIFICATION, example);
            }
            for (String task : example.entities().keySet()) {
                recordType(types, task, TaskType.TOKEN_CLASSIFICATION, example);
            }
            for (String task : example.wordTags().keySet()) {
                addTokenLabels(labels.computeIfAbsent(task, k -> new HashSet<>()), example, task);
            }
            for (String task : example.entities().keySet()) {
                if (!example.wordTags().containsKey(task)) {
                    addTokenLabels(labels.computeIfAbsent(task, k -> new HashSet<>()), example, task);
                }
            }
        }

        List<TaskSpec> taskSpecs() {
            List<TaskSpec> specs = new ArrayList<>(types.size());
            types.forEach((task, type) -> specs.add(new TaskSpec(task, type, build(labels.get(task), task,
                    type == TaskType.SEQUENCE_CLASSIFICATION ? "sentence" : "token"))));
            return List.copyOf(specs);
        }
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
