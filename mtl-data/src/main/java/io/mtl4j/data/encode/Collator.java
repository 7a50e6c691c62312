package io.mtl4j.data.encode;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.Labels;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pads encoded examples into a {@link Batch} of shape {@code [B, T]}: to the longest example of the
 * batch (dynamic padding, the default) or to a fixed length ({@link #fixedLength(int)}).
 *
 * <p>Padding positions hold the pad id in {@code inputIds}, 0 in the attention mask and token types,
 * and {@link Labels#IGNORE_INDEX} in token labels. Sentence tasks get labels {@code [B, 1]}, token
 * tasks {@code [B, T]}. A task no example of the batch is labelled for is absent from
 * {@link Batch#labels()}; an example lacking a task that others have gets a row of
 * {@link Labels#IGNORE_INDEX} (partial labels).
 *
 * <p>Immutable and thread-safe.
 */
public final class Collator {

    /** The pad token id of BERT-family vocabularies ({@code [PAD]}). */
    public static final long DEFAULT_PAD_ID = 0;

    private final Map<String, TaskSpec> tasks;
    private final long padId;
    private final int fixedLength;

    /**
     * A dynamic-padding collator with pad id {@value #DEFAULT_PAD_ID}.
     *
     * @param tasks the tasks whose labels batches may carry
     */
    public Collator(List<TaskSpec> tasks) {
        this(tasks, DEFAULT_PAD_ID);
    }

    /**
     * A dynamic-padding collator.
     *
     * @param tasks the tasks whose labels batches may carry; names unique
     * @param padId the token id written at padding positions
     */
    public Collator(List<TaskSpec> tasks, long padId) {
        this(index(tasks), padId, 0);
    }

    private Collator(Map<String, TaskSpec> tasks, long padId, int fixedLength) {
        this.tasks = tasks;
        this.padId = padId;
        this.fixedLength = fixedLength;
    }

    /**
     * A collator like this one that pads every batch to exactly {@code length} tokens.
     *
     * @param length the padded length T; examples must not be longer
     * @return the fixed-length collator
     */
    public Collator fixedLength(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("fixed length must be positive, but is: " + length);
        }
        return new Collator(tasks, padId, length);
    }

    /** @return the fixed padded length, or 0 for dynamic padding */
    public int fixedLength() {
        return fixedLength;
    }

    /** @return the token id written at padding positions */
    public long padId() {
        return padId;
    }

    /**
     * Pads examples into one batch.
     *
     * @param examples the examples, at least one
     * @return the batch, rows in the order given
     * @throws IllegalArgumentException if the list is empty, an example is longer than the fixed
     *     length, labels an unknown task, or has labels of the wrong length
     */
    public Batch collate(List<EncodedExample> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("cannot collate an empty list of examples");
        }
        int size = examples.size();
        int length = paddedLength(examples);
        long[] inputIds = new long[size * length];
        long[] attention = new long[size * length];
        long[] types = new long[size * length];
        Arrays.fill(inputIds, padId);
        Map<String, int[]> labelValues = new HashMap<>();
        for (int b = 0; b < size; b++) {
            EncodedExample example = examples.get(b);
            int n = example.tokens().length();
            System.arraycopy(example.tokens().ids(), 0, inputIds, b * length, n);
            System.arraycopy(example.tokens().typeIds(), 0, types, b * length, n);
            Arrays.fill(attention, b * length, b * length + n, 1L);
            for (Map.Entry<String, int[]> entry : example.labels().entrySet()) {
                TaskSpec task = tasks.get(entry.getKey());
                if (task == null) {
                    throw new IllegalArgumentException("example " + b + " has labels for unknown task '"
                            + entry.getKey() + "'; known tasks: " + tasks.keySet());
                }
                int width = task.type() == TaskType.SEQUENCE_CLASSIFICATION ? 1 : length;
                int expected = task.type() == TaskType.SEQUENCE_CLASSIFICATION ? 1 : n;
                int[] values = entry.getValue();
                if (values.length != expected) {
                    throw new IllegalArgumentException("example " + b + " has " + values.length
                            + " labels for task '" + task.name() + "', expected " + expected);
                }
                int[] rows = labelValues.computeIfAbsent(task.name(), k -> ignored(size * width));
                System.arraycopy(values, 0, rows, b * width, values.length);
            }
        }
        Map<String, TaskLabels> labels = new HashMap<>();
        labelValues.forEach((name, rows) -> labels.put(name, new TaskLabels(rows, rows.length / size)));
        return new Batch(size, length, inputIds, attention, types, labels);
    }

    private int paddedLength(List<EncodedExample> examples) {
        int longest = 0;
        for (int b = 0; b < examples.size(); b++) {
            int n = examples.get(b).tokens().length();
            if (fixedLength > 0 && n > fixedLength) {
                throw new IllegalArgumentException("example " + b + " has " + n
                        + " tokens, more than the fixed length " + fixedLength);
            }
            longest = Math.max(longest, n);
        }
        return fixedLength > 0 ? fixedLength : longest;
    }

    private static int[] ignored(int count) {
        int[] values = new int[count];
        Arrays.fill(values, Labels.IGNORE_INDEX);
        return values;
    }

    private static Map<String, TaskSpec> index(List<TaskSpec> tasks) {
        Map<String, TaskSpec> map = new LinkedHashMap<>();
        for (TaskSpec task : tasks) {
            Objects.requireNonNull(task, "task");
            if (map.put(task.name(), task) != null) {
                throw new IllegalArgumentException("task names must be unique, but '" + task.name() + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
