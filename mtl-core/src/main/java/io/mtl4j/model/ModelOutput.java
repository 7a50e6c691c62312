package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Map;

/**
 * The result of one forward pass: the encoder's outputs and each requested head's logits. The arrays
 * belong to the caller's per-batch scope.
 *
 * @param encoderOutput {@code NDList(sequence [B, T, H], pooled [B, H])}
 * @param logits logits by task name, in head order
 */
public record ModelOutput(NDList encoderOutput, Map<String, NDArray> logits) {
}
