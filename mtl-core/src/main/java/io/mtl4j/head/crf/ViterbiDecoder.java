package io.mtl4j.head.crf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the highest-scoring label path of a linear-chain CRF, in plain Java (no native calls).
 *
 * <p>Disallowed steps (see {@link TransitionConstraints}) score {@code -∞}. If no path at all is
 * allowed (impossible with {@link TransitionConstraints#bio BIO} constraints over a tag set holding
 * {@code O}, but possible with hand-made tables), the decoder falls back to the best unconstrained
 * path rather than returning nothing. Ties are broken towards the lowest label index. Stateless
 * and thread-safe.
 */
public final class ViterbiDecoder {

    private ViterbiDecoder() {
    }

    /**
     * Decodes several sequences with the same weights.
     *
     * @param emissions per sequence {@code [n, L]} label scores at its scored positions (already
     *     compacted; {@code n} may differ between sequences and may be 0)
     * @param weights the CRF's transition scores
     * @param constraints the allowed paths, over the same {@code L} labels
     * @return one path per sequence, in order
     */
    public static List<CrfPath> decode(float[][][] emissions, CrfWeights weights, TransitionConstraints constraints) {
        Objects.requireNonNull(emissions, "emissions");
        List<CrfPath> paths = new ArrayList<>(emissions.length);
        for (float[][] sequence : emissions) {
            paths.add(decode(sequence, weights, constraints));
        }
        return paths;
    }

    /**
     * Decodes one sequence.
     *
     * @param emissions {@code [n, L]} label scores at the sequence's scored positions; {@code n}
     *     may be 0 (the result is then an empty path with score 0)
     * @param weights the CRF's transition scores
     * @param constraints the allowed paths, over the same {@code L} labels
     * @return the best allowed path and its score
     * @throws IllegalArgumentException if sizes disagree, or if no path has a finite score (NaN or
     *     infinite inputs)
     */
    public static CrfPath decode(float[][] emissions, CrfWeights weights, TransitionConstraints constraints) {
        Objects.requireNonNull(emissions, "emissions");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(constraints, "constraints");
        int numLabels = weights.numLabels();
        if (constraints.numLabels() != numLabels) {
            throw new IllegalArgumentException("constraints have " + constraints.numLabels()
                    + " labels but the weights have " + numLabels);
        }
        for (int i = 0; i < emissions.length; i++) {
            if (emissions[i] == null || emissions[i].length != numLabels) {
                throw new IllegalArgumentException("emissions[" + i + "] must have length " + numLabels
                        + ", but has: " + (emissions[i] == null ? "null" : emissions[i].length));
            }
        }
        if (emissions.length == 0) {
            return new CrfPath(new int[0], 0.0);
        }
        CrfPath path = viterbi(emissions, weights, constraints);
        if (path == null) {
            path = viterbi(emissions, weights, TransitionConstraints.none(numLabels));
        }
        if (path == null) {
            throw new IllegalArgumentException("no label path has a finite score: emissions and CRF weights must be finite");
        }
        return path;
    }

    /** @return the best path, or null if every path scores -∞ */
    private static CrfPath viterbi(float[][] emissions, CrfWeights weights, TransitionConstraints constraints) {
        int n = emissions.length;
        int numLabels = weights.numLabels();
        double[] score = new double[numLabels];
        double[] next = new double[numLabels];
        int[][] backPointers = new int[n][numLabels];
        for (int label = 0; label < numLabels; label++) {
            score[label] = constraints.isAllowedStart(label)
                    ? (double) weights.start(label) + emissions[0][label]
                    : Double.NEGATIVE_INFINITY;
        }
        for (int i = 1; i < n; i++) {
            for (int to = 0; to < numLabels; to++) {
                double best = Double.NEGATIVE_INFINITY;
                int argBest = -1;
                for (int from = 0; from < numLabels; from++) {
                    if (constraints.isAllowed(from, to)) {
                        double candidate = score[from] + weights.transition(from, to);
                        if (candidate > best) {
                            best = candidate;
                            argBest = from;
                        }
                    }
                }
                next[to] = best + emissions[i][to];
                backPointers[i][to] = argBest;
            }
            double[] swap = score;
            score = next;
            next = swap;
        }
        double best = Double.NEGATIVE_INFINITY;
        int last = -1;
        for (int label = 0; label < numLabels; label++) {
            if (constraints.isAllowedEnd(label)) {
                double candidate = score[label] + weights.end(label);
                if (candidate > best) {
                    best = candidate;
                    last = label;
                }
            }
        }
        if (last < 0 || !Double.isFinite(best)) {
            return null;
        }
        int[] labels = new int[n];
        labels[n - 1] = last;
        for (int i = n - 1; i > 0; i--) {
            labels[i - 1] = backPointers[i][labels[i]];
        }
        return new CrfPath(labels, best);
    }
}
