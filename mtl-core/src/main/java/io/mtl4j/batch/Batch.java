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
 * @param pairScores for sentence-pair objectives (see {@code io.mtl4j.objective.SimilarityObjective}): rows
 *     {@code 2i} and {@code 2i + 1} form pair {@code i}, and each named array holds one gold score per pair;
 *     empty for batches of single sentences
 */
public record Batch(
        int size, int length, long[] inputIds, long[] attentionMask, long[] tokenTypeIds, Map<String, TaskLabels> labels,
        Map<String, float[]> pairScores) {

    /**
     * Validates shapes.
     *
     * @param size the number of examples B
     * @param length the padded length T
     * @param inputIds token ids, {@code B * T}
     * @param attentionMask 1 for tokens, 0 for padding, {@code B * T}
     * @param tokenTypeIds segment ids, {@code B * T}
     * @param labels labels per task name; a task absent here has no labels in this batch
     * @param pairScores gold scores per sentence-pair objective, one per pair of rows {@code 2i, 2i + 1}
     */
    public Batch {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(pairScores, "pairScores");
        labels = Map.copyOf(labels);
        pairScores = Map.copyOf(pairScores);
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
        for (Map.Entry<String, float[]> e : pairScores.entrySet()) {
            if (size % 2 != 0 || e.getValue().length * 2 != size) {
                throw new IllegalArgumentException("pair scores of '" + e.getKey() + "' cover " + e.getValue().length
                        + " pairs, but a batch of " + size + " rows holds " + (size % 2 == 0 ? size / 2 + " pairs"
                        : "no whole number of pairs"));
            }
        }
    }

    /**
     * A batch of single sentences, with no pair scores.
     *
     * @param size the number of examples B
     * @param length the padded length T
     * @param inputIds token ids, {@code B * T}
     * @param attentionMask 1 for tokens, 0 for padding, {@code B * T}
     * @param tokenTypeIds segment ids, {@code B * T}
     * @param labels labels per task name
     */
    public Batch(int size, int length, long[] inputIds, long[] attentionMask, long[] tokenTypeIds,
            Map<String, TaskLabels> labels) {
        this(size, length, inputIds, attentionMask, tokenTypeIds, labels, Map.of());
    }

    /** @return the names of everything this batch trains: its labelled tasks and its pair-score objectives */
    public java.util.Set<String> objectives() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(labels.keySet());
        names.addAll(pairScores.keySet());
        return names;
    }
}
