package io.mtl4j.data.task;

import java.util.Objects;

/**
 * The tag that proves a tag scheme, so messages can point at the file and line.
 *
 * @param origin the {@link io.mtl4j.data.LabeledExample#origin() origin} of the example holding the
 *     tag, e.g. {@code train.txt:5}
 * @param word the 0-based index of the word in the example (in CoNLL files, where the origin is the
 *     line of the first word, the tag stands on line {@code origin line + word})
 * @param tag the tag, e.g. {@code I-LOC}
 * @param reason why it proves the scheme, e.g. {@code starts an entity}
 */
public record TagEvidence(String origin, int word, String tag, String reason) {

    /**
     * Validates that nothing is missing and the word index is not negative.
     *
     * @param origin the {@link io.mtl4j.data.LabeledExample#origin() origin} of the example holding the
     *     tag, e.g. {@code train.txt:5}
     * @param word the 0-based index of the word in the example (in CoNLL files, where the origin is the
     *     line of the first word, the tag stands on line {@code origin line + word})
     * @param tag the tag, e.g. {@code I-LOC}
     * @param reason why it proves the scheme, e.g. {@code starts an entity}
     */
    public TagEvidence {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(reason, "reason");
        if (word < 0) {
            throw new IllegalArgumentException("word index must not be negative, but is: " + word);
        }
    }

    /** @return for example {@code train.txt:5, word 2 'I-LOC' starts an entity} */
    @Override
    public String toString() {
        return origin + ", word " + word + " '" + tag + "' " + reason;
    }
}
