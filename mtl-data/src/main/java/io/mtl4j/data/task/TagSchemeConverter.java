package io.mtl4j.data.task;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.eval.EntityExtractor;
import io.mtl4j.eval.TagScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rewrites one token task's word tags as BIO (IOB2) without changing any entity: from IOB1 an
 * {@code I-T} that starts an entity becomes {@code B-T}; from BIOES {@code S-T} becomes {@code B-T}
 * and {@code E-T} becomes {@code I-T}.
 *
 * <p>The conversion is {@link EntityExtractor#convert}: the entities are read with the CoNLL rules
 * and written again, so the entities {@link EntityExtractor#extract} finds are the same before and
 * after, also for sequences that are not well-formed (such as {@code E-T} directly followed by
 * {@code I-T}).
 */
public final class TagSchemeConverter {

    private TagSchemeConverter() {
    }

    /**
     * Converts one sentence's tags to BIO.
     *
     * @param tags one tag per word, each {@code O} or valid in {@code from}
     * @param from the scheme of the tags
     * @return the BIO tags, one per word ({@code tags} itself when {@code from} is BIO)
     * @throws IllegalArgumentException naming the index and tag of a tag not valid in {@code from}
     */
    public static List<String> toBio(List<String> tags, TagScheme from) {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(from, "from");
        return from == TagScheme.BIO ? tags : EntityExtractor.convert(tags, from, TagScheme.BIO);
    }

    /**
     * Converts a task's word tags to BIO in every example that has them; other labels and examples
     * are kept as they are.
     *
     * @param examples the examples
     * @param task the token task
     * @param from the scheme of the task's tags
     * @return the examples in the same order; an example whose tags do not change is the same instance
     * @throws IllegalArgumentException starting with the example's origin and the task if a tag is not
     *     valid in {@code from}
     */
    public static List<LabeledExample> toBio(List<LabeledExample> examples, String task, TagScheme from) {
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(from, "from");
        List<LabeledExample> converted = new ArrayList<>(examples.size());
        for (LabeledExample example : examples) {
            converted.add(toBio(example, task, from));
        }
        return List.copyOf(converted);
    }

    private static LabeledExample toBio(LabeledExample example, String task, TagScheme from) {
        List<String> tags = example.wordTags().get(task);
        if (tags == null) {
            return example;
        }
        List<String> bio;
        try {
            bio = toBio(tags, from);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(example.origin() + ": task '" + task + "': " + e.getMessage(), e);
        }
        if (bio.equals(tags)) {
            return example;
        }
        Map<String, List<String>> wordTags = new LinkedHashMap<>(example.wordTags());
        wordTags.put(task, bio);
        return new LabeledExample(example.origin(), example.text(), example.words(), example.sentenceLabels(),
                wordTags, example.entities());
    }
}
