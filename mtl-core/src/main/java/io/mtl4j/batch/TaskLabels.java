package io.mtl4j.batch;

/**
 * A task's labels for one batch, row-major: {@code [B, width]} where width is 1 for a sentence task
 * and the padded sequence length for a token task. Unlabelled positions hold
 * {@link io.mtl4j.label.Labels#IGNORE_INDEX}.
 *
 * @param values the label indices, {@code batchSize * width} of them
 * @param width entries per example
 */
public record TaskLabels(int[] values, int width) {

    /**
     * Validates the shape.
     *
     * @param values the label indices, {@code batchSize * width} of them
     * @param width entries per example
     */
    public TaskLabels {
        if (width <= 0 || values.length % width != 0) {
            throw new IllegalArgumentException(
                    "values length " + values.length + " is not a multiple of width " + width);
        }
    }

    /** @return the number of examples */
    public int batchSize() {
        return values.length / width;
    }

    /**
     * @param example an example index in the batch
     * @param position a position (0 for a sentence task)
     * @return the label index there
     */
    public int get(int example, int position) {
        return values[example * width + position];
    }
}
