package io.mtl4j.head.crf;

import java.util.Arrays;
import java.util.Objects;

/**
 * A decoded label sequence over the scored positions of one text, with its score.
 *
 * @param labels {@code [n]} one label index per scored position, in order (copied in and out)
 * @param score the path's unnormalised score: start + emissions + transitions + end ({@code 0} for
 *     an empty path)
 */
public record CrfPath(int[] labels, double score) {

    /**
     * Copies the labels.
     *
     * @param labels {@code [n]} one label index per scored position, in order (copied in and out)
     * @param score the path's unnormalised score: start + emissions + transitions + end ({@code 0} for
     *     an empty path)
     */
    public CrfPath {
        labels = Objects.requireNonNull(labels, "labels").clone();
    }

    /** @return a copy of the label indices */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** @return the number of positions */
    public int length() {
        return labels.length;
    }

    /**
     * @param position a position in {@code [0, length())}
     * @return the label there
     */
    public int label(int position) {
        return labels[position];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrfPath other
                && Arrays.equals(labels, other.labels)
                && Double.compare(score, other.score) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Double.hashCode(score);
    }

    @Override
    public String toString() {
        return "CrfPath{labels=" + Arrays.toString(labels) + ", score=" + score + "}";
    }
}
