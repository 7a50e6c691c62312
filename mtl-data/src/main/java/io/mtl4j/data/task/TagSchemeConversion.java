package io.mtl4j.data.task;

import io.mtl4j.eval.TagScheme;
import java.util.Objects;
import java.util.Optional;

/**
 * A record of one split's tags rewritten as BIO, for the training log.
 *
 * @param dataSet the data set's name
 * @param task the token task
 * @param split the split
 * @param source where the split came from, e.g. {@code train.txt} (the origin of its first example
 *     labelling the task, without the line number)
 * @param from the scheme converted from
 * @param evidence the first tag that proved {@code from}, if any
 * @param examples the number of examples whose tags changed
 * @param tags the number of tags that changed
 */
public record TagSchemeConversion(String dataSet, String task, Split split, String source, TagScheme from,
        Optional<TagEvidence> evidence, int examples, int tags) {

    /**
     * Validates that nothing is missing.
     *
     * @param dataSet the data set's name
     * @param task the token task
     * @param split the split
     * @param source where the split came from, e.g. {@code train.txt} (the origin of its first example
     *     labelling the task, without the line number)
     * @param from the scheme converted from
     * @param evidence the first tag that proved {@code from}, if any
     * @param examples the number of examples whose tags changed
     * @param tags the number of tags that changed
     */
    public TagSchemeConversion {
        Objects.requireNonNull(dataSet, "dataSet");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * @return for example {@code data set 'conll' task 'ner': converted train (train.txt) from IOB1
     *     to BIO, 3 tags changed in 2 examples (first evidence train.txt:5, word 2 'I-LOC' starts an
     *     entity)}
     */
    public String describe() {
        return "data set '" + dataSet + "' task '" + task + "': converted " + split.label() + " (" + source
                + ") from " + from + " to BIO, " + tags + " tags changed in " + examples + " examples"
                + evidence.map(e -> " (first evidence " + e + ")").orElse("");
    }
}
