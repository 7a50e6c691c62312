package io.mtl4j.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accumulates a confusion matrix for one sentence-classification task over one evaluation run.
 *
 * <p>Predictions must come from the label list the evaluator was built with (a head can only
 * predict labels of its vocabulary). An expected (gold) label outside that list, for example one met
 * only in a test file, is accepted: it is appended to the classes in order of first appearance and
 * every example carrying it counts as a miss; {@link ClassificationEvaluation#unknownGoldLabels()}
 * reports it.
 *
 * <p>A mutable accumulator: create one per evaluation run. Not thread-safe.
 */
public final class ClassificationEvaluator {

    private final int labelCount;
    private final List<String> classes;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<long[]> rows = new ArrayList<>();

    /**
     * @param labels the labels the model can predict, in vocabulary order; non-empty and unique
     * @throws IllegalArgumentException if the list is empty or a label repeats
     */
    public ClassificationEvaluator(List<String> labels) {
        List<String> copy = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        this.labelCount = copy.size();
        this.classes = new ArrayList<>(copy);
        for (int i = 0; i < copy.size(); i++) {
            if (index.put(copy.get(i), i) != null) {
                throw new IllegalArgumentException("labels must be unique, but '" + copy.get(i) + "' appears twice");
            }
            rows.add(new long[labelCount]);
        }
    }

    /**
     * Adds one example.
     *
     * @param gold the expected label; may be outside the label list (then it is a miss)
     * @param predicted the predicted label, from the label list
     * @throws IllegalArgumentException if {@code predicted} is not in the label list
     */
    public void add(String gold, String predicted) {
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(predicted, "predicted");
        Integer column = index.get(predicted);
        if (column == null || column >= labelCount) {
            throw new IllegalArgumentException("predicted label '" + predicted + "' is not in the label list "
                    + classes.subList(0, labelCount));
        }
        Integer row = index.get(gold);
        if (row == null) {
            row = classes.size();
            classes.add(gold);
            index.put(gold, row);
            rows.add(new long[labelCount]);
        }
        rows.get(row)[column]++;
    }

    /** @return the figures for the examples added so far (the evaluator can keep accumulating) */
    public ClassificationEvaluation result() {
        int n = classes.size();
        long[][] counts = new long[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, counts[i], 0, labelCount);
        }
        return new ClassificationEvaluation(classes.subList(0, labelCount), new ConfusionMatrix(classes, counts));
    }
}
