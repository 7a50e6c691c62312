package io.mtl4j.data;

import java.util.Objects;

/**
 * An entity marked by character offsets in an example's text.
 *
 * @param start start index (inclusive, UTF-16)
 * @param end end index (exclusive)
 * @param label the entity type, e.g. {@code PER}
 */
public record EntityAnnotation(int start, int end, String label) {

    /**
     * Validates the span (bounds against the text are checked by the example).
     *
     * @param start start index (inclusive, UTF-16)
     * @param end end index (exclusive)
     * @param label the entity type, e.g. {@code PER}
     */
    public EntityAnnotation {
        Objects.requireNonNull(label, "label");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("entity span must satisfy 0 <= start < end, got [" + start + ", " + end + ")");
        }
    }
}
