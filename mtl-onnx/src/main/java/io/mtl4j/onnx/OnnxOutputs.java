package io.mtl4j.onnx;

import io.mtl4j.encoder.weights.FloatTensor;
import io.mtl4j.head.Logits;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The outputs of one {@link OnnxRunner} call, copied to the Java heap: {@code embedding [B, H]} and
 * {@code logits.<task>} ({@code [B, C]} or {@code [B, T, C]}) for each task. Immutable; the arrays inside
 * the {@link FloatTensor}s are shared, not copied, and must not be modified.
 */
public final class OnnxOutputs {

    private final Map<String, FloatTensor> outputs;
    private final int batch;

    /**
     * @param outputs the tensors by output name, in graph order
     * @param batch the number of texts
     */
    OnnxOutputs(Map<String, FloatTensor> outputs, int batch) {
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.batch = batch;
    }

    /** @return the number of texts (rows) */
    public int batch() {
        return batch;
    }

    /** @return the output names, in graph order */
    public Set<String> names() {
        return outputs.keySet();
    }

    /**
     * @param name an output name, e.g. {@code embedding} or {@code logits.ner}
     * @return its values and shape
     * @throws IllegalArgumentException listing the outputs if there is no such output
     */
    public FloatTensor get(String name) {
        FloatTensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no output '" + name + "'; outputs: " + outputs.keySet());
        }
        return t;
    }

    /** @return the pooled sentence embeddings, {@code [B, H]} (not normalised) */
    public FloatTensor embedding() {
        return get(MultiTaskGraph.EMBEDDING);
    }

    /**
     * @param row a text's index in the batch
     * @return that text's embedding, a copy
     */
    public float[] embedding(int row) {
        FloatTensor e = embedding();
        int hidden = Math.toIntExact(e.shape()[1]);
        if (row < 0 || row >= batch) {
            throw new IndexOutOfBoundsException("row must be in [0, " + batch + "), but is: " + row);
        }
        return Arrays.copyOfRange(e.data(), row * hidden, (row + 1) * hidden);
    }

    /**
     * A task's logits in the form every head decodes ({@code TaskHead.predict(Logits, texts, topK)}).
     *
     * @param task the task name
     * @return {@code [B, 1, C]} for sentence tasks, {@code [B, T, C]} for token tasks
     * @throws IllegalArgumentException listing the outputs if the task has none
     */
    public Logits logits(String task) {
        FloatTensor t = get(MultiTaskGraph.LOGITS_PREFIX + task);
        long[] shape = t.shape();
        return switch (shape.length) {
            case 2 -> new Logits(t.data(), Math.toIntExact(shape[0]), 1, Math.toIntExact(shape[1]));
            case 3 -> new Logits(t.data(), Math.toIntExact(shape[0]), Math.toIntExact(shape[1]),
                    Math.toIntExact(shape[2]));
            default -> throw new IllegalStateException("logits of task '" + task + "' must be [B, C] or [B, T, C], "
                    + "but are " + Arrays.toString(shape));
        };
    }
}
