package io.mtl4j.eval;

import java.util.Objects;

/**
 * An entity (chunk) found in a tag sequence, by word indices.
 *
 * @param type the entity type, the part of the tag after the first {@code '-'} (for example
 *     {@code PER} for {@code B-PER}); empty for tags without a type
 * @param start index of the first word (inclusive)
 * @param end index after the last word (exclusive)
 */
public record EntitySpan(String type, int start, int end) {

    /**
     * Validates that {@code 0 <= start < end}.
     *
     * @param type the entity type, the part of the tag after the first {@code '-'} (for example
     *     {@code PER} for {@code B-PER}); empty for tags without a type
     * @param start index of the first word (inclusive)
     * @param end index after the last word (exclusive)
     */
    public EntitySpan {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException(
                    "entity span must satisfy 0 <= start < end, but is: [" + start + ", " + end + ")");
        }
    }

    /** @return the number of words in the span */
    public int length() {
        return end - start;
    }
}
