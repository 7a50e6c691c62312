package io.mtl4j.eval;

/**
 * Counts of true positives, false positives and false negatives, with the precision, recall and F1
 * they give. Counts from several sentences, batches or shards are merged with {@link #plus}.
 *
 * <p>As in conlleval and seqeval, a ratio whose denominator is zero is 0 (not NaN): precision is 0
 * when nothing was predicted, recall is 0 when nothing was expected, F1 is 0 when both are 0.
 *
 * @param truePositives items both expected and predicted
 * @param falsePositives items predicted but not expected
 * @param falseNegatives items expected but not predicted
 */
public record PrecisionRecallF1(long truePositives, long falsePositives, long falseNegatives) {

    /** All counts zero: the neutral element of {@link #plus}. */
    public static final PrecisionRecallF1 ZERO = new PrecisionRecallF1(0, 0, 0);

    /**
     * Validates that no count is negative.
     *
     * @param truePositives items both expected and predicted
     * @param falsePositives items predicted but not expected
     * @param falseNegatives items expected but not predicted
     */
    public PrecisionRecallF1 {
        requireNonNegative("truePositives", truePositives);
        requireNonNegative("falsePositives", falsePositives);
        requireNonNegative("falseNegatives", falseNegatives);
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, but is: " + value);
        }
    }

    /** @return {@code tp / (tp + fp)}, or 0 when nothing was predicted */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** @return {@code tp / (tp + fn)}, or 0 when nothing was expected */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /**
     * @return the harmonic mean of precision and recall, computed as {@code 2tp / (2tp + fp + fn)}
     *     (the same value without the intermediate rounding), or 0 when it is undefined
     */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /** @return the number of expected items, {@code tp + fn} */
    public long support() {
        return truePositives + falseNegatives;
    }

    /** @return the number of predicted items, {@code tp + fp} */
    public long predicted() {
        return truePositives + falsePositives;
    }

    /**
     * @param other counts to add
     * @return the element-wise sum of both counts
     */
    public PrecisionRecallF1 plus(PrecisionRecallF1 other) {
        return new PrecisionRecallF1(
                truePositives + other.truePositives,
                falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
