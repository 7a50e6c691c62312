package io.mtl4j.head.crf;

import io.mtl4j.label.Labels;
import java.util.Arrays;

/**
 * The scored positions of each sequence in a batch: {@code positions[b][w]} is the time step of the
 * {@code w}-th scored position of sequence {@code b}. Package-private plumbing shared by training
 * and decoding.
 */
final class ScoredPositions {

    private final int[][] positions;
    private final int maxCount;

    private ScoredPositions(int[][] positions) {
        this.positions = positions;
        int max = 0;
        for (int[] p : positions) {
            max = Math.max(max, p.length);
        }
        this.maxCount = max;
    }

    /**
     * @param labels row-major {@code [B, T]} label indices, {@link Labels#IGNORE_INDEX} where unscored
     * @param batchSize B
     * @param length T
     * @param numLabels L; every other label must lie in {@code [0, L)}
     * @return the scored positions
     * @throws IllegalArgumentException naming the example, position and value of a bad label
     */
    static ScoredPositions fromLabels(int[] labels, int batchSize, int length, int numLabels) {
        checkLength("labels", labels.length, batchSize, length);
        int[][] positions = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            int count = 0;
            int[] row = new int[length];
            for (int t = 0; t < length; t++) {
                int label = labels[b * length + t];
                if (label == Labels.IGNORE_INDEX) {
                    continue;
                }
                if (label < 0 || label >= numLabels) {
                    throw new IllegalArgumentException("labels[" + b + ", " + t + "] must be in [0, " + numLabels
                            + ") or " + Labels.IGNORE_INDEX + ", but is: " + label);
                }
                row[count++] = t;
            }
            positions[b] = Arrays.copyOf(row, count);
        }
        return new ScoredPositions(positions);
    }

    /**
     * @param scored row-major {@code [B, T]}, true where a label is predicted
     * @param batchSize B
     * @param length T
     * @return the scored positions
     */
    static ScoredPositions fromMask(boolean[] scored, int batchSize, int length) {
        checkLength("scored", scored.length, batchSize, length);
        int[][] positions = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            int count = 0;
            int[] row = new int[length];
            for (int t = 0; t < length; t++) {
                if (scored[b * length + t]) {
                    row[count++] = t;
                }
            }
            positions[b] = Arrays.copyOf(row, count);
        }
        return new ScoredPositions(positions);
    }

    /** @return B */
    int batchSize() {
        return positions.length;
    }

    /** @return W, the largest number of scored positions in one sequence */
    int maxCount() {
        return maxCount;
    }

    /**
     * @param example b
     * @return the number of scored positions of sequence {@code b}
     */
    int count(int example) {
        return positions[example].length;
    }

    /**
     * @param example b
     * @param index w, in {@code [0, count(b))}
     * @return the time step of the {@code w}-th scored position of sequence {@code b}
     */
    int position(int example, int index) {
        return positions[example][index];
    }

    private static void checkLength(String name, int actual, int batchSize, int length) {
        if ((long) batchSize * length != actual) {
            throw new IllegalArgumentException(name + " must have B * T = " + batchSize + " * " + length + " = "
                    + (long) batchSize * length + " entries, but has: " + actual);
        }
    }
}
