package io.mtl4j.data.read;

import io.mtl4j.data.LabeledExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a data split in the JointBERT layout (as used for SNIPS and ATIS): a folder holding
 * {@code seq.in} (one whitespace-tokenized utterance a line), {@code seq.out} (one tag per token,
 * same line) and {@code label} (one sentence label a line).
 *
 * <p>{@code seq.in} is required; when {@code seq.out} or {@code label} is absent the matching task
 * is simply unlabelled (a folder by either name is refused, not taken for an absent file). Lines
 * are split on runs of spaces and tabs, so trailing spaces (present in the distributed SNIPS files)
 * do no harm, a tab separates tokens as a space does, and no token, tag or label contains either: a
 * label line with a space ({@code Play Music}) is refused. The three files are read side by side,
 * line by line, with the checks every reader of the package makes (UTF-8, byte order mark ignored,
 * {@code \r\n} read as {@code \n}, lines up to 1 MiB); each example's origin is
 * {@code <folder>/seq.in:<line>}.
 *
 * <pre>{@code
 * List<LabeledExample> train = JointBertReader.builder().build().read(Path.of("snips/train"));
 * }</pre>
 */
public final class JointBertReader {

    /** The default task name of the sentence labels in {@code label}. */
    public static final String DEFAULT_SENTENCE_TASK = "intent";

    /** The default task name of the word tags in {@code seq.out}. */
    public static final String DEFAULT_TAG_TASK = "slots";

    /** The file of whitespace-tokenized texts. */
    public static final String TEXT_FILE = "seq.in";

    /** The file of word tags. */
    public static final String TAG_FILE = "seq.out";

    /** The file of sentence labels. */
    public static final String LABEL_FILE = "label";

    private final String sentenceTask;
    private final String tagTask;

    private JointBertReader(Builder builder) {
        this.sentenceTask = builder.sentenceTask;
        this.tagTask = builder.tagTask;
    }

    /**
     * Creates a builder with the default task names.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads one split.
     *
     * @param dir the folder holding {@code seq.in} and optionally {@code seq.out} and {@code label}
     * @return the examples in file order
     * @throws DataFormatException if the folder or {@code seq.in} is missing, {@code seq.in} is
     *     empty, the files have different line counts, a line is blank, a line of {@code seq.out} has
     *     not one tag per token, or a line of {@code label} not exactly one label
     */
    public List<LabeledExample> read(Path dir) {
        List<LabeledExample> examples = new ArrayList<>();
        try (Split split = open(dir, true)) {
            for (LabeledExample example = split.next(); example != null; example = split.next()) {
                examples.add(example);
            }
        }
        return examples;
    }

    /**
     * Streams one split: the three files are read side by side only as the stream is consumed, so a
     * split of any size is read in constant memory. Lines are checked as by {@link #read(Path)}, and
     * a bad line throws its {@link DataFormatException} when the stream reaches it (the examples
     * before it have been delivered); different line counts are reported at the end of the stream.
     * Unlike {@link #read(Path)}, an empty {@code seq.in} gives an empty stream. Close the stream
     * (try-with-resources) to close the files.
     *
     * @param dir the folder holding {@code seq.in} and optionally {@code seq.out} and {@code label}
     * @return a lazy, ordered, sequential stream of one example per line of {@code seq.in}
     * @throws DataFormatException if the folder or {@code seq.in} is missing
     */
    public Stream<LabeledExample> stream(Path dir) {
        return ExampleStreams.of(open(dir, false));
    }

    private Split open(Path dir, boolean requireExample) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, "expected a JointBERT folder (seq.in, seq.out, label), but found "
                    + (Files.exists(dir) ? "a file" : "none"));
        }
        Path textFile = dir.resolve(TEXT_FILE);
        Path tagFile = dir.resolve(TAG_FILE);
        Path labelFile = dir.resolve(LABEL_FILE);
        if (!Files.exists(textFile)) {
            throw new DataFormatException(textFile, "expected a file of whitespace-tokenized texts, but found none");
        }
        LineReader texts = LineReader.open(textFile);
        LineReader tags = null;
        try {
            tags = Files.exists(tagFile) ? LineReader.open(tagFile) : null;
            LineReader labels = Files.exists(labelFile) ? LineReader.open(labelFile) : null;
            return new Split(texts, tags, labels, requireExample);
        } catch (RuntimeException e) {
            texts.close();
            if (tags != null) {
                tags.close();
            }
            throw e;
        }
    }

    /** Reads the three files of a split side by side, one example at a time. */
    private final class Split implements ExampleStreams.Source {

        private final LineReader texts;
        private final LineReader tags;
        private final LineReader labels;
        private final boolean requireExample;

        Split(LineReader texts, LineReader tags, LineReader labels, boolean requireExample) {
            this.texts = texts;
            this.tags = tags;
            this.labels = labels;
            this.requireExample = requireExample;
        }

        @Override
        public LabeledExample next() {
            String line = texts.next();
            if (line != null) {
                return readExample(texts, line, tags, labels);
            }
            if (requireExample && texts.lineNumber() == 0) {
                throw new DataFormatException(texts.file(), "expected at least one line of tokens, but found an empty file");
            }
            requireEnd(tags, texts);
            requireEnd(labels, texts);
            return null;
        }

        @Override
        public void close() {
            try {
                texts.close();
            } finally {
                try {
                    if (tags != null) {
                        tags.close();
                    }
                } finally {
                    if (labels != null) {
                        labels.close();
                    }
                }
            }
        }
    }

    private LabeledExample readExample(LineReader texts, String line, LineReader tags, LineReader labels) {
        List<String> words = Fields.split(line);
        if (words.isEmpty()) {
            throw new DataFormatException(texts.file(), texts.lineNumber(), "expected at least one token, but found a blank line");
        }
        Map<String, List<String>> wordTags = Map.of();
        if (tags != null) {
            List<String> tagList = Fields.split(nextLine(tags, texts));
            if (tagList.size() != words.size()) {
                throw new DataFormatException(tags.file(), tags.lineNumber(), "expected " + words.size()
                        + " tags, one per token of " + texts.origin() + ", but found " + tagList.size());
            }
            wordTags = Map.of(tagTask, tagList);
        }
        Map<String, String> sentenceLabels = Map.of();
        if (labels != null) {
            String labelLine = nextLine(labels, texts);
            List<String> fields = Fields.split(labelLine);
            if (fields.isEmpty()) {
                throw new DataFormatException(labels.file(), labels.lineNumber(), "expected one label, but found a blank line");
            }
            if (fields.size() != 1) {
                throw new DataFormatException(labels.file(), labels.lineNumber(), "expected one label, but found "
                        + fields.size() + " fields in '" + labelLine.strip() + "' (labels cannot contain spaces or tabs)");
            }
            sentenceLabels = Map.of(sentenceTask, fields.get(0));
        }
        return LabeledExample.ofWords(texts.origin(), words, sentenceLabels, wordTags);
    }

    private static String nextLine(LineReader reader, LineReader texts) {
        String line = reader.next();
        if (line == null) {
            throw new DataFormatException(reader.file(), reader.lineNumber() + 1, "expected a line for "
                    + texts.origin() + ", but found the end of the file after " + reader.lineNumber() + " lines");
        }
        return line;
    }

    private static void requireEnd(LineReader reader, LineReader texts) {
        if (reader != null && reader.next() != null) {
            throw new DataFormatException(reader.file(), reader.lineNumber(), "expected the end of the file, as "
                    + texts.file() + " has " + texts.lineNumber() + " lines, but found more lines");
        }
    }

    /** Configures a {@link JointBertReader}. */
    public static final class Builder {

        private String sentenceTask = DEFAULT_SENTENCE_TASK;
        private String tagTask = DEFAULT_TAG_TASK;

        private Builder() {}

        /**
         * Sets the task name of the labels in {@code label}.
         *
         * @param name the task name, {@value JointBertReader#DEFAULT_SENTENCE_TASK} by default
         * @return this builder
         */
        public Builder optSentenceTask(String name) {
            this.sentenceTask = name;
            return this;
        }

        /**
         * Sets the task name of the tags in {@code seq.out}.
         *
         * @param name the task name, {@value JointBertReader#DEFAULT_TAG_TASK} by default
         * @return this builder
         */
        public Builder optTagTask(String name) {
            this.tagTask = name;
            return this;
        }

        /**
         * Validates the configuration and builds the reader.
         *
         * @return the reader
         * @throws IllegalArgumentException if a task name is blank or both are equal
         */
        public JointBertReader build() {
            Fields.requireTaskName(sentenceTask, "sentenceTask");
            Fields.requireTaskName(tagTask, "tagTask");
            if (sentenceTask.equals(tagTask)) {
                throw new IllegalArgumentException("sentenceTask and tagTask must differ, but both are: '" + tagTask + "'");
            }
            return new JointBertReader(this);
        }
    }
}
