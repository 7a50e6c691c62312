package io.mtl4j.label;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An immutable, ordered mapping between a task's label strings and the class indices a head predicts.
 *
 * <p>Vocabularies are built from training data ({@link #fromObserved(Collection)}: sorted, so the
 * order does not depend on reading order) and frozen before training; they are saved with the model.
 * A label that is not in the vocabulary (for example one met only in a test file) maps to
 * {@link #UNKNOWN_ID} through {@link #idOrUnknown(String)}, so callers can count and report it.
 */
public final class LabelVocabulary {

    /** Index returned by {@link #idOrUnknown(String)} for a label outside the vocabulary. */
    public static final int UNKNOWN_ID = -1;

    private final List<String> labels;
    private final Map<String, Integer> ids;

    private LabelVocabulary(List<String> labels) {
        this.labels = List.copyOf(labels);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < this.labels.size(); i++) {
            String label = this.labels.get(i);
            if (label.isBlank()) {
                throw new IllegalArgumentException("labels must not be blank, but label " + i + " is: '" + label + "'");
            }
            if (map.put(label, i) != null) {
                throw new IllegalArgumentException("labels must be unique, but '" + label + "' appears twice");
            }
        }
        if (this.labels.isEmpty()) {
            throw new IllegalArgumentException("a label vocabulary needs at least one label");
        }
        this.ids = Map.copyOf(map);
    }

    /**
     * Creates a vocabulary with exactly the given labels, in the given order.
     *
     * @param labels the labels; non-empty, unique, non-blank
     * @return the vocabulary
     */
    public static LabelVocabulary of(List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        return new LabelVocabulary(labels);
    }

    /**
     * Creates a vocabulary from labels observed in training data: distinct values, sorted
     * lexicographically (deterministic whatever the reading order). For tag sets, {@code "O"} is put
     * first when present.
     *
     * @param observed labels as read (duplicates allowed)
     * @return the vocabulary
     */
    public static LabelVocabulary fromObserved(Collection<String> observed) {
        TreeSet<String> sorted = new TreeSet<>(observed);
        List<String> ordered = new ArrayList<>(sorted.size());
        if (sorted.remove("O")) {
            ordered.add("O");
        }
        ordered.addAll(sorted);
        return new LabelVocabulary(ordered);
    }

    /** @return the number of labels */
    public int size() {
        return labels.size();
    }

    /** @return the labels in index order (unmodifiable) */
    public List<String> labels() {
        return labels;
    }

    /**
     * @param id a class index
     * @return its label
     * @throws IndexOutOfBoundsException if the index is not in {@code [0, size())}
     */
    public String label(int id) {
        return labels.get(id);
    }

    /**
     * @param label a label
     * @return its index
     * @throws IllegalArgumentException naming the label and the valid choices if it is unknown
     */
    public int id(String label) {
        Integer id = ids.get(label);
        if (id == null) {
            throw new IllegalArgumentException("unknown label '" + label + "'; known labels: " + labels);
        }
        return id;
    }

    /**
     * @param label a label
     * @return its index, or {@link #UNKNOWN_ID} when it is not in the vocabulary
     */
    public int idOrUnknown(String label) {
        return ids.getOrDefault(label, UNKNOWN_ID);
    }

    /**
     * @param label a label
     * @return whether the vocabulary holds it
     */
    public boolean contains(String label) {
        return ids.containsKey(label);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelVocabulary other && labels.equals(other.labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        return "LabelVocabulary" + labels;
    }
}
