package io.mtl4j.batch;

import java.util.Map;
import java.util.Objects;

/**
 * A padded batch in plain Java arrays, row-major {@code [B, T]}: token ids, attention mask (1 for
 * real tokens, 0 for padding) and token type ids, plus each task's labels. Conversion to
 * {@code NDArray}s happens inside the training step, under a per-batch manager.
 *
 * @param size the number of examples B
 * @param length the padded length T
 * @param inputIds token ids, {@code B * T}
 * @param attentionMask 1 for tokens, 0 for padding, {@code B * T}
 * @param tokenTypeIds segment ids, {@code B * T}
 * @param labels labels per task name; a task absent here has no labels in this batch
 */
public record Batch(
        int size, int length, long[] inputIds, long[] attentionMask, long[] tokenTypeIds, Map<String, TaskLabels> labels) {

    /**
     * Validates shapes.
     *
     * @param size the number of examples B
     * @param length the padded length T
     * @param inputIds token ids, {@code B * T}
     * @param attentionMask 1 for tokens, 0 for padding, {@code B * T}
     * @param tokenTypeIds segment ids, {@code B * T}
     * @param labels labels per task name; a task absent here has no labels in this batch
     */
    public Batch {
        Objects.requireNonNull(labels, "labels");
        labels = Map.copyOf(labels);
        int n = size * length;
        if (size <= 0 || length <= 0) {
            throw new IllegalArgumentException("a batch needs size and length > 0, got " + size + "x" + length);
        }
        if (inputIds.length != n || attentionMask.length != n || tokenTypeIds.length != n) {
            throw new IllegalArgumentException("token arrays must hold size*length = " + n + " entries");
        }
        for (Map.Entry<String, TaskLabels> e : labels.entrySet()) {
            if (e.getValue().batchSize() != size) {
                throw new IllegalArgumentException("labels of task '" + e.getKey() + "' cover "
                        + e.getValue().batchSize() + " examples, batch has " + size);
            }
        }
    }
}
