package io.mtl4j.batch;

import io.mtl4j.text.TokenizedText;
import java.util.Map;
import java.util.Objects;

/**
 * One example after tokenization and label alignment, ready for collation.
 *
 * <p>For each task the example is labelled for, {@code labels} holds label indices: one entry for a
 * sentence task, one per token for a token task (the word's label on its first sub-word,
 * {@link io.mtl4j.label.Labels#IGNORE_INDEX} elsewhere). A task missing from the map contributes no
 * loss for this example (partial labels).
 *
 * @param tokens the tokenized text
 * @param labels label indices per task name
 */
public record EncodedExample(TokenizedText tokens, Map<String, int[]> labels) {

    /**
     * Copies the label map and checks token-task lengths lie within the token count.
     *
     * @param tokens the tokenized text
     * @param labels label indices per task name
     */
    public EncodedExample {
        Objects.requireNonNull(tokens, "tokens");
        labels = Map.copyOf(labels);
    }
}
