package io.mtl4j.predict;

/**
 * A word of the input with the tag a token-classification head predicts for it.
 *
 * @param text the word, exactly as in the original string
 * @param start start index (inclusive, UTF-16) in the original string
 * @param end end index (exclusive)
 * @param tag the predicted tag, e.g. {@code B-PER}
 * @param probability the tag's softmax probability
 */
public record TaggedWord(String text, int start, int end, String tag, double probability) {
}
