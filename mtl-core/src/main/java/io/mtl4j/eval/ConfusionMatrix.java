package io.mtl4j.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable square table of counts: row = expected class, column = predicted class, both in the
 * order of {@link #classes()}.
 */
public final class ConfusionMatrix {

    private final List<String> classes;
    private final Map<String, Integer> index;
    private final long[][] counts;

    /**
     * @param classes the class names, unique, in row and column order
     * @param counts {@code counts[gold][predicted]}, square with one row per class, non-negative
     *     (copied)
     * @throws IllegalArgumentException if a class repeats, the table is not square of that size, or a
     *     count is negative
     */
    public ConfusionMatrix(List<String> classes, long[][] counts) {
        this.classes = List.copyOf(classes);
        Objects.requireNonNull(counts, "counts");
        this.index = new HashMap<>();
        for (int i = 0; i < this.classes.size(); i++) {
            if (index.put(this.classes.get(i), i) != null) {
                throw new IllegalArgumentException(
                        "classes must be unique, but '" + this.classes.get(i) + "' appears twice");
            }
        }
        int n = this.classes.size();
        if (counts.length != n) {
            throw new IllegalArgumentException(
                    "counts must have " + n + " rows, one per class, but has: " + counts.length);
        }
        this.counts = new long[n][];
        for (int i = 0; i < n; i++) {
            if (counts[i].length != n) {
                throw new IllegalArgumentException(
                        "counts row " + i + " must have " + n + " columns, but has: " + counts[i].length);
            }
            for (int j = 0; j < n; j++) {
                if (counts[i][j] < 0) {
                    throw new IllegalArgumentException(
                            "counts[" + i + "][" + j + "] must not be negative, but is: " + counts[i][j]);
                }
            }
            this.counts[i] = counts[i].clone();
        }
    }

    /** @return the class names in row and column order (unmodifiable) */
    public List<String> classes() {
        return classes;
    }

    /**
     * @param gold row index
     * @param predicted column index
     * @return how often class {@code gold} was predicted as class {@code predicted}
     */
    public long count(int gold, int predicted) {
        return counts[gold][predicted];
    }

    /**
     * @param gold an expected class
     * @param predicted a predicted class
     * @return how often {@code gold} was predicted as {@code predicted}
     * @throws IllegalArgumentException if a class is not in {@link #classes()}
     */
    public long count(String gold, String predicted) {
        return counts[indexOf(gold)][indexOf(predicted)];
    }

    private int indexOf(String label) {
        Integer i = index.get(label);
        if (i == null) {
            throw new IllegalArgumentException("unknown class '" + label + "'; classes: " + classes);
        }
        return i;
    }

    /**
     * @param gold row index
     * @return how often class {@code gold} was expected (the row sum)
     */
    public long goldCount(int gold) {
        return Arrays.stream(counts[gold]).sum();
    }

    /**
     * @param predicted column index
     * @return how often class {@code predicted} was predicted (the column sum)
     */
    public long predictedCount(int predicted) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[predicted];
        }
        return sum;
    }

    /** @return the number of examples (sum of all cells) */
    public long total() {
        return Arrays.stream(counts).mapToLong(row -> Arrays.stream(row).sum()).sum();
    }

    /** @return the number of correctly predicted examples (the diagonal) */
    public long correct() {
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += counts[i][i];
        }
        return sum;
    }

    /** @return a copy of the table, {@code [gold][predicted]} */
    public long[][] toArray() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && classes.equals(other.classes)
                && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classes.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + classes + Arrays.deepToString(counts);
    }
}
