package io.mtl4j.head.crf;

import java.util.Arrays;
import java.util.Objects;

/**
 * A plain-Java copy of a CRF's transition scores, read from the engine once so that decoding a
 * batch makes no native call per step. Immutable: arrays are copied in and out.
 *
 * @param transitions {@code [L, L]}, {@code transitions[from][to]}: score of label {@code to} right
 *     after label {@code from}
 * @param start {@code [L]}, score of starting a sequence with each label
 * @param end {@code [L]}, score of ending a sequence with each label
 */
public record CrfWeights(float[][] transitions, float[] start, float[] end) {

    /**
     * Validates the shapes and copies the arrays.
     *
     * @param transitions {@code [L, L]}, {@code transitions[from][to]}: score of label {@code to} right
     *     after label {@code from}
     * @param start {@code [L]}, score of starting a sequence with each label
     * @param end {@code [L]}, score of ending a sequence with each label
     */
    public CrfWeights {
        Objects.requireNonNull(transitions, "transitions");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        int n = start.length;
        if (n == 0) {
            throw new IllegalArgumentException("start must have at least one label, but has length 0");
        }
        if (end.length != n) {
            throw new IllegalArgumentException("end must have length " + n + ", but has: " + end.length);
        }
        if (transitions.length != n) {
            throw new IllegalArgumentException(
                    "transitions must have " + n + " rows, but has: " + transitions.length);
        }
        float[][] copy = new float[n][];
        for (int from = 0; from < n; from++) {
            if (transitions[from] == null || transitions[from].length != n) {
                throw new IllegalArgumentException("transitions must be " + n + " x " + n + ", but row " + from
                        + " has length " + (transitions[from] == null ? "null" : transitions[from].length));
            }
            copy[from] = transitions[from].clone();
        }
        transitions = copy;
        start = start.clone();
        end = end.clone();
    }

    /** @return L, the number of labels */
    public int numLabels() {
        return start.length;
    }

    /** @return a copy of the {@code [L, L]} transition scores */
    @Override
    public float[][] transitions() {
        float[][] copy = new float[transitions.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = transitions[i].clone();
        }
        return copy;
    }

    /** @return a copy of the {@code [L]} start scores */
    @Override
    public float[] start() {
        return start.clone();
    }

    /** @return a copy of the {@code [L]} end scores */
    @Override
    public float[] end() {
        return end.clone();
    }

    /**
     * @param from the previous label
     * @param to the next label
     * @return the score of {@code to} right after {@code from}
     */
    public float transition(int from, int to) {
        return transitions[from][to];
    }

    /**
     * @param label a label
     * @return the score of starting a sequence with it
     */
    public float start(int label) {
        return start[label];
    }

    /**
     * @param label a label
     * @return the score of ending a sequence with it
     */
    public float end(int label) {
        return end[label];
    }

    /**
     * The unconstrained score of a label path: start + emissions + transitions + end.
     *
     * @param emissions {@code [n, L]} per-position label scores
     * @param labels {@code [n]} the path, {@code n >= 1}
     * @return the path score (0 for an empty path)
     */
    public double pathScore(float[][] emissions, int[] labels) {
        if (emissions.length != labels.length) {
            throw new IllegalArgumentException("emissions has " + emissions.length
                    + " positions but labels has " + labels.length);
        }
        if (labels.length == 0) {
            return 0.0;
        }
        double score = (double) start[labels[0]] + emissions[0][labels[0]];
        for (int i = 1; i < labels.length; i++) {
            score += (double) transitions[labels[i - 1]][labels[i]] + emissions[i][labels[i]];
        }
        return score + end[labels[labels.length - 1]];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrfWeights other
                && Arrays.deepEquals(transitions, other.transitions)
                && Arrays.equals(start, other.start)
                && Arrays.equals(end, other.end);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(transitions) + Arrays.hashCode(start)) + Arrays.hashCode(end);
    }

    @Override
    public String toString() {
        return "CrfWeights{transitions=" + Arrays.deepToString(transitions) + ", start=" + Arrays.toString(start)
                + ", end=" + Arrays.toString(end) + "}";
    }
}
