package io.mtl4j.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * A head's logits for one batch as plain Java floats, row-major {@code [batch, positions, classes]}:
 * {@code positions} is 1 for sentence heads and the padded token count for token heads.
 *
 * <p>Decoding works on this form, so every runtime (DJL, ONNX Runtime) shares one decoding code path and
 * returns identical result objects.
 *
 * @param values the logits, {@code batch * positions * classes} of them
 * @param batch the number of texts
 * @param positions token positions per text (1 for sentence logits)
 * @param classes the number of labels
 */
public record Logits(float[] values, int batch, int positions, int classes) {

    /**
     * Validates the sizes.
     *
     * @param values the logits, {@code batch * positions * classes} of them
     * @param batch the number of texts
     * @param positions token positions per text (1 for sentence logits)
     * @param classes the number of labels
     */
    public Logits {
        Objects.requireNonNull(values, "values");
        if (batch < 0 || positions < 1 || classes < 1) {
            throw new IllegalArgumentException("batch must be >= 0 and positions, classes >= 1, but are: "
                    + batch + ", " + positions + ", " + classes);
        }
        if ((long) batch * positions * classes != values.length) {
            throw new IllegalArgumentException("logits of shape [" + batch + ", " + positions + ", " + classes
                    + "] need " + (long) batch * positions * classes + " values, but got " + values.length);
        }
    }

    /**
     * Copies an array of shape {@code [B, C]} or {@code [B, T, C]} to the JVM.
     *
     * @param logits the array
     * @return its values
     */
    public static Logits of(NDArray logits) {
        Shape shape = logits.getShape();
        float[] values = logits.toFloatArray();
        return switch (shape.dimension()) {
            case 2 -> new Logits(values, Math.toIntExact(shape.get(0)), 1, Math.toIntExact(shape.get(1)));
            case 3 -> new Logits(values, Math.toIntExact(shape.get(0)), Math.toIntExact(shape.get(1)),
                    Math.toIntExact(shape.get(2)));
            default -> throw new IllegalArgumentException("logits must be [B, C] or [B, T, C], but are " + shape);
        };
    }

    /**
     * @param example the text's index in the batch
     * @param position the token position (0 for sentence logits)
     * @return the index of that row's first class in {@link #values()}
     */
    public int offset(int example, int position) {
        return (example * positions + position) * classes;
    }
}
