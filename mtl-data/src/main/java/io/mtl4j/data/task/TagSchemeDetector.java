package io.mtl4j.data.task;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.eval.TagScheme;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Detects the tag scheme of one token task's word tags ({@code example.wordTags().get(task)}).
 *
 * <p>An <em>entity tag</em> is {@code B-}, {@code I-}, {@code E-} or {@code S-} followed by a
 * non-empty type; other tags ({@code O}, or tags of a non-entity task such as POS tags) are ignored.
 * The scheme is
 * <ul>
 *   <li>{@link TagScheme#BIOES} if any tag is {@code E-T} or {@code S-T};
 *   <li>otherwise {@link TagScheme#IOB1} if any {@code I-T} starts an entity: at the start of the
 *       sentence, or after a tag that is not an entity tag of type {@code T};
 *   <li>otherwise {@link TagScheme#BIO} if there is any entity tag;
 *   <li>otherwise none ({@link TagSchemeDetection#NONE}).
 * </ul>
 * The result carries the first tag proving IOB1 or BIOES. Examples not labelling the task are
 * skipped; entities given as character spans have no tag scheme.
 */
public final class TagSchemeDetector {

    private TagSchemeDetector() {
    }

    /**
     * Detects the scheme of a task's word tags.
     *
     * @param examples the examples, in order (the evidence is the first proving tag in this order)
     * @param task the token task
     * @return the scheme and its evidence
     */
    public static TagSchemeDetection detect(List<LabeledExample> examples, String task) {
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(task, "task");
        TagEvidence iob1 = null;
        boolean entityTags = false;
        for (LabeledExample example : examples) {
            List<String> tags = example.wordTags().get(task);
            if (tags == null) {
                continue;
            }
            String previousType = null;
            for (int i = 0; i < tags.size(); i++) {
                String tag = tags.get(i);
                String type = entityType(tag);
                if (type != null) {
                    entityTags = true;
                    char prefix = tag.charAt(0);
                    if (prefix == 'E') {
                        return bioes(example, i, tag, "marks the end of an entity");
                    }
                    if (prefix == 'S') {
                        return bioes(example, i, tag, "marks a one-word entity");
                    }
                    if (iob1 == null && prefix == 'I' && !type.equals(previousType)) {
                        iob1 = new TagEvidence(example.origin(), i, tag, "starts an entity");
                    }
                }
                previousType = type;
            }
        }
        if (iob1 != null) {
            return new TagSchemeDetection(Optional.of(TagScheme.IOB1), Optional.of(iob1));
        }
        return entityTags ? new TagSchemeDetection(Optional.of(TagScheme.BIO), Optional.empty())
                : TagSchemeDetection.NONE;
    }

    private static TagSchemeDetection bioes(LabeledExample example, int word, String tag, String reason) {
        return new TagSchemeDetection(Optional.of(TagScheme.BIOES),
                Optional.of(new TagEvidence(example.origin(), word, tag, reason)));
    }

    /** @return the type of an entity tag ({@code B|I|E|S} {@code -} type), or null for any other tag */
    static String entityType(String tag) {
        if (tag.length() < 3 || tag.charAt(1) != '-' || "BIES".indexOf(tag.charAt(0)) < 0) {
            return null;
        }
        return tag.substring(2);
    }
}
