package io.mtl4j.data;

/**
 * A word of a pre-tokenized example and where it stands in the example's text.
 *
 * @param text the word
 * @param start start index (inclusive, UTF-16) in the example text
 * @param end end index (exclusive)
 */
public record Word(String text, int start, int end) {

    /**
     * Validates the span.
     *
     * @param text the word
     * @param start start index (inclusive, UTF-16) in the example text
     * @param end end index (exclusive)
     */
    public Word {
        if (start < 0 || end < start || end - start != text.length()) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for word '" + text + "'");
        }
    }
}
