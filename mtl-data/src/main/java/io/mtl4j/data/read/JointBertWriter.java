package io.mtl4j.data.read;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.Word;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes pre-tokenized examples in the JointBERT layout read by {@link JointBertReader}: a folder
 * with {@code seq.in}, {@code seq.out} and {@code label}, one example a line.
 */
public final class JointBertWriter {

    private JointBertWriter() {}

    /**
     * Writes examples to a folder, creating it if needed and replacing the three files. The files are
     * written under temporary names and renamed into place once all examples are written, so an
     * invalid example leaves the folder as it was.
     *
     * @param dir the folder
     * @param examples the examples; each must have words, a label for {@code sentenceTask} and
     *     tags for {@code tagTask}
     * @param sentenceTask the task written to {@code label}
     * @param tagTask the task written to {@code seq.out}
     * @throws IllegalArgumentException if an example has no words, lacks a label or tags, or a word,
     *     tag or label contains whitespace (it would not read back as one field)
     * @throws UncheckedIOException if the files cannot be written
     */
    public static void write(Path dir, List<LabeledExample> examples, String sentenceTask, String tagTask) {
        try {
            Files.createDirectories(dir);
            try (StagedFiles staged = new StagedFiles()) {
                try (BufferedWriter texts = staged.open(dir.resolve(JointBertReader.TEXT_FILE));
                        BufferedWriter tags = staged.open(dir.resolve(JointBertReader.TAG_FILE));
                        BufferedWriter labels = staged.open(dir.resolve(JointBertReader.LABEL_FILE))) {
                    for (LabeledExample example : examples) {
                        writeExample(example, sentenceTask, tagTask, texts, tags, labels);
                    }
                }
                staged.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JointBERT files in " + dir, e);
        }
    }

    private static void writeExample(LabeledExample example, String sentenceTask, String tagTask,
            BufferedWriter texts, BufferedWriter tags, BufferedWriter labels) throws IOException {
        if (example.words().isEmpty()) {
            throw new IllegalArgumentException(example.origin() + ": expected a pre-tokenized example, but found no words");
        }
        String label = example.sentenceLabels().get(sentenceTask);
        List<String> tagList = example.wordTags().get(tagTask);
        if (label == null || tagList == null) {
            throw new IllegalArgumentException(example.origin() + ": expected a label for task '" + sentenceTask
                    + "' and tags for task '" + tagTask + "', but found labels " + example.sentenceLabels().keySet()
                    + " and tags " + example.wordTags().keySet());
        }
        texts.write(join(example.words().stream().map(Word::text).toList(), example));
        texts.write('\n');
        tags.write(join(tagList, example));
        tags.write('\n');
        labels.write(join(List.of(label), example));
        labels.write('\n');
    }

    private static String join(List<String> fields, LabeledExample example) {
        for (String field : fields) {
            if (field.isEmpty() || !Fields.split(field).equals(List.of(field))) {
                throw new IllegalArgumentException(example.origin() + ": expected fields without whitespace, but found '"
                        + field + "'");
            }
        }
        return String.join(" ", fields);
    }

}
