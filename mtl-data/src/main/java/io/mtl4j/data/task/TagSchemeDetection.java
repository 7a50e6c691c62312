package io.mtl4j.data.task;

import io.mtl4j.eval.TagScheme;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TagSchemeDetector} found: the scheme of a task's word tags, if it has entity tags at
 * all, and the first tag that proves it.
 *
 * @param scheme the scheme; empty when no example has an entity tag for the task
 * @param evidence the first tag proving {@link TagScheme#IOB1} or {@link TagScheme#BIOES}; empty for
 *     {@link TagScheme#BIO}, the scheme assumed when nothing contradicts it, and for no scheme
 */
public record TagSchemeDetection(Optional<TagScheme> scheme, Optional<TagEvidence> evidence) {

    /** The result for a task without entity tags. */
    public static final TagSchemeDetection NONE = new TagSchemeDetection(Optional.empty(), Optional.empty());

    /**
     * Validates that evidence comes only with a scheme.
     *
     * @param scheme the scheme; empty when no example has an entity tag for the task
     * @param evidence the first tag proving {@link TagScheme#IOB1} or {@link TagScheme#BIOES}; empty for
     *     {@link TagScheme#BIO}, the scheme assumed when nothing contradicts it, and for no scheme
     */
    public TagSchemeDetection {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(evidence, "evidence");
        if (scheme.isEmpty() && evidence.isPresent()) {
            throw new IllegalArgumentException("evidence without a scheme: " + evidence.get());
        }
    }

    /** @return the scheme's name, {@code IOB1}, {@code BIO} or {@code BIOES}, or {@code NONE} */
    public String schemeName() {
        return scheme.map(TagScheme::name).orElse("NONE");
    }

    /** @return the scheme's name followed by the evidence if there is one, for messages */
    public String describe() {
        return schemeName() + evidence.map(e -> " (first evidence " + e + ")").orElse("");
    }
}
