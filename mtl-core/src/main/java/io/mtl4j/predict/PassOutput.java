package io.mtl4j.predict;

import io.mtl4j.head.Logits;
import java.util.Map;

/**
 * What one encoder pass over a padded batch gives: every head's logits and, when asked for, the pooled
 * sentence embeddings.
 *
 * @param logits logits by task name ({@code [B, C]} or {@code [B, T, C]} with T the padded length)
 * @param embeddings the pooled embeddings, row-major {@code [B, H]}, or null when not requested
 * @param hiddenSize H
 */
public record PassOutput(Map<String, Logits> logits, float[] embeddings, int hiddenSize) {

    /**
     * Copies the map.
     *
     * @param logits logits by task name ({@code [B, C]} or {@code [B, T, C]} with T the padded length)
     * @param embeddings the pooled embeddings, row-major {@code [B, H]}, or null when not requested
     * @param hiddenSize H
     */
    public PassOutput {
        logits = Map.copyOf(logits);
    }
}
