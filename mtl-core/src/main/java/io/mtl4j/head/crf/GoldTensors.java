package io.mtl4j.head.crf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The constant tensors a CRF loss needs for one batch, built in Java and created in the batch's
 * manager. W is the largest number of scored positions in a sequence.
 *
 * @param gather {@code [B, W, T]}: 1 at {@code [b, w, t]} iff {@code t} is the {@code w}-th scored
 *     position of sequence {@code b}
 * @param mask {@code [B, W]}: 1 where {@code w} is a real scored position
 * @param labels {@code [B, W, L]}: one-hot gold labels at real positions
 * @param transitionCounts {@code [B, L, L]}: how often the gold path of {@code b} steps {@code from → to}
 * @param startOneHot {@code [B, L]}: the first gold label
 * @param endOneHot {@code [B, L]}: the last gold label
 * @param valid {@code [B]}: 1 for sequences with at least one scored position
 * @param validCount the number of such sequences, at least 1
 */
record GoldTensors(
        NDArray gather,
        NDArray mask,
        NDArray labels,
        NDArray transitionCounts,
        NDArray startOneHot,
        NDArray endOneHot,
        NDArray valid,
        int validCount) {

    /**
     * @param scored the scored positions (with {@code maxCount() > 0})
     * @param goldLabels row-major {@code [B * T]} labels, validated by {@code scored}
     * @param length T
     * @param numLabels L
     * @param manager the batch's manager, which will own the tensors
     * @return the tensors
     */
    static GoldTensors of(ScoredPositions scored, int[] goldLabels, int length, int numLabels, NDManager manager) {
        int batchSize = scored.batchSize();
        int width = scored.maxCount();
        float[] gather = new float[batchSize * width * length];
        float[] mask = new float[batchSize * width];
        float[] oneHot = new float[batchSize * width * numLabels];
        float[] counts = new float[batchSize * numLabels * numLabels];
        float[] start = new float[batchSize * numLabels];
        float[] end = new float[batchSize * numLabels];
        float[] valid = new float[batchSize];
        int validCount = 0;
        for (int b = 0; b < batchSize; b++) {
            int count = scored.count(b);
            int previous = -1;
            for (int w = 0; w < count; w++) {
                int t = scored.position(b, w);
                int label = goldLabels[b * length + t];
                gather[(b * width + w) * length + t] = 1f;
                mask[b * width + w] = 1f;
                oneHot[(b * width + w) * numLabels + label] = 1f;
                if (previous >= 0) {
                    counts[(b * numLabels + previous) * numLabels + label] += 1f;
                }
                previous = label;
            }
            if (count > 0) {
                start[b * numLabels + goldLabels[b * length + scored.position(b, 0)]] = 1f;
                end[b * numLabels + previous] = 1f;
                valid[b] = 1f;
                validCount++;
            }
        }
        return new GoldTensors(
                manager.create(gather, new Shape(batchSize, width, length)),
                manager.create(mask, new Shape(batchSize, width)),
                manager.create(oneHot, new Shape(batchSize, width, numLabels)),
                manager.create(counts, new Shape(batchSize, numLabels, numLabels)),
                manager.create(start, new Shape(batchSize, numLabels)),
                manager.create(end, new Shape(batchSize, numLabels)),
                manager.create(valid, new Shape(batchSize)),
                validCount);
    }
}
