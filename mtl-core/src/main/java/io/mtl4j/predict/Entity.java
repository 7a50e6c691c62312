package io.mtl4j.predict;

/**
 * An entity found in a text. {@code text} always equals {@code original.substring(start, end)}.
 *
 * @param text the entity's text, exactly as in the original string
 * @param label the entity type, e.g. {@code PER}
 * @param start start index (inclusive, UTF-16) in the original string
 * @param end end index (exclusive)
 * @param score mean probability of the tags that make up the entity, in [0, 1]
 */
public record Entity(String text, String label, int start, int end, double score) {
}
