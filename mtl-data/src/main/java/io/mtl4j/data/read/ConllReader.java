package io.mtl4j.data.read;

import io.mtl4j.data.LabeledExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a CoNLL-style column file (CoNLL-2003 and the like): one word a line with its columns
 * separated by whitespace, the word in the first column and the tag in a configurable one, and a
 * blank line between sentences. {@code -DOCSTART-} lines are skipped.
 *
 * <p>Columns are separated by any run of spaces and tabs, and may mix both; a word or a tag
 * therefore never contains a space or a tab. Every word line must have as many columns as the
 * first one, so that a word or tag that does contain a space ({@code New York}) is refused instead
 * of being read as two columns with one of them silently dropped.
 *
 * <p>Optionally converts IOB1 tags (where an entity may start with {@code I-}, and {@code B-} only
 * separates two adjacent entities of one type) to BIO, also called IOB2: an {@code I-X} that does
 * not continue an entity of type {@code X} becomes {@code B-X}. Each example's origin is the
 * {@code file:line} of its first word.
 *
 * <pre>{@code
 * ConllReader reader = ConllReader.builder().optConvertIob1ToBio(true).build();
 * List<LabeledExample> train = reader.read(Path.of("conll2003/train.txt"));
 * }</pre>
 */
public final class ConllReader {

    /** The default task name of the tags. */
    public static final String DEFAULT_TASK = "ner";

    /** The value of {@code tagColumn} that stands for the last column of each line. */
    public static final int LAST_COLUMN = -1;

    private static final String DOCSTART = "-DOCSTART-";

    private final int tagColumn;
    private final String task;
    private final boolean convertIob1;

    private ConllReader(Builder builder) {
        this.tagColumn = builder.tagColumn;
        this.task = builder.task;
        this.convertIob1 = builder.convertIob1;
    }

    /**
     * Creates a builder: tag in the last column, task {@value #DEFAULT_TASK}, tags kept as they are.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a file of sentences.
     *
     * @param file the file
     * @return one example per sentence, in file order
     * @throws DataFormatException if the file is missing or holds no sentence, a line has too few
     *     columns or not as many as the first word line, or, when converting IOB1, a tag is neither
     *     {@code O} nor {@code B-}/{@code I-} followed by a type
     */
    public List<LabeledExample> read(Path file) {
        List<LabeledExample> examples = new ArrayList<>();
        try (Sentences sentences = new Sentences(LineReader.open(file))) {
            for (LabeledExample example = sentences.next(); example != null; example = sentences.next()) {
                examples.add(example);
            }
            if (examples.isEmpty()) {
                throw new DataFormatException(file, "expected at least one sentence, but found "
                        + (sentences.lines.lineNumber() == 0 ? "an empty file"
                                : sentences.sawDocStart ? "only -DOCSTART- and blank lines" : "only blank lines"));
            }
        }
        return examples;
    }

    /**
     * Streams a file of sentences: lines are read only as the stream is consumed, so a file of any
     * size is read in constant memory. Lines are checked as by {@link #read(Path)}, and a bad line
     * throws its {@link DataFormatException} when the stream reaches the sentence holding it (the
     * sentences before it have been delivered). Unlike {@link #read(Path)}, a file with no sentence
     * gives an empty stream. Close the stream (try-with-resources) to close the file.
     *
     * @param file the file
     * @return a lazy, ordered, sequential stream of one example per sentence
     * @throws DataFormatException if the file is missing or is a folder
     */
    public Stream<LabeledExample> stream(Path file) {
        return ExampleStreams.of(new Sentences(LineReader.open(file)));
    }

    /** Reads the sentences of a file one at a time. */
    private final class Sentences implements ExampleStreams.Source {

        private final LineReader lines;
        private final List<String> words = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private String origin;
        private int columnCount;
        private long columnCountLine;
        private boolean sawDocStart;

        Sentences(LineReader lines) {
            this.lines = lines;
        }

        @Override
        public LabeledExample next() {
            for (String line = lines.next(); line != null; line = lines.next()) {
                List<String> columns = Fields.split(line);
                if (columns.isEmpty()) {
                    if (!words.isEmpty()) {
                        return takeSentence();
                    }
                    continue;
                }
                if (columns.get(0).equals(DOCSTART)) {
                    sawDocStart = true;
                    continue;
                }
                addWord(columns);
            }
            return words.isEmpty() ? null : takeSentence();
        }

        private void addWord(List<String> columns) {
            Path file = lines.file();
            int minColumns = tagColumn == LAST_COLUMN ? 2 : tagColumn + 1;
            if (columns.size() < minColumns) {
                throw new DataFormatException(file, lines.lineNumber(), "expected at least " + minColumns
                        + (tagColumn == LAST_COLUMN ? " columns (word and tag)" : " columns (tag in column " + tagColumn + ")")
                        + ", but found " + columns.size());
            }
            if (columnCount == 0) {
                columnCount = columns.size();
                columnCountLine = lines.lineNumber();
            } else if (columns.size() != columnCount) {
                throw new DataFormatException(file, lines.lineNumber(), "expected " + columnCount
                        + " columns as on line " + columnCountLine + ", but found " + columns.size() + ": "
                        + columns + " (columns are separated by spaces or tabs, so a word or tag cannot contain one)");
            }
            String tag = columns.get(tagColumn == LAST_COLUMN ? columns.size() - 1 : tagColumn);
            if (convertIob1) {
                tag = iob1ToBio(tag, tags.isEmpty() ? "O" : tags.get(tags.size() - 1), lines);
            }
            if (words.isEmpty()) {
                origin = lines.origin();
            }
            words.add(columns.get(0));
            tags.add(tag);
        }

        private LabeledExample takeSentence() {
            LabeledExample sentence = LabeledExample.ofWords(origin, words, Map.of(), Map.of(task, tags));
            words.clear();
            tags.clear();
            return sentence;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** Converts one IOB1 tag given the previous (already converted) tag of the sentence. */
    private static String iob1ToBio(String tag, String previous, LineReader lines) {
        if (tag.equals("O")) {
            return tag;
        }
        if (tag.length() < 3 || tag.charAt(1) != '-' || (tag.charAt(0) != 'B' && tag.charAt(0) != 'I')) {
            throw new DataFormatException(lines.file(), lines.lineNumber(),
                    "expected an IOB1 tag (O, B-<type> or I-<type>), but found '" + tag + "'");
        }
        if (tag.charAt(0) == 'B') {
            return tag;
        }
        String type = tag.substring(2);
        boolean continues = !previous.equals("O") && previous.substring(2).equals(type);
        return continues ? tag : "B-" + type;
    }

    /** Configures a {@link ConllReader}. */
    public static final class Builder {

        private int tagColumn = LAST_COLUMN;
        private String task = DEFAULT_TASK;
        private boolean convertIob1;

        private Builder() {}

        /**
         * Sets the column holding the tag.
         *
         * @param column the 0-based column index (at least 1, as column 0 holds the word), or
         *     {@link #LAST_COLUMN} (the default) for the last column of each line
         * @return this builder
         */
        public Builder optTagColumn(int column) {
            this.tagColumn = column;
            return this;
        }

        /**
         * Sets the task name of the tags.
         *
         * @param name the task name, {@value ConllReader#DEFAULT_TASK} by default
         * @return this builder
         */
        public Builder optTask(String name) {
            this.task = name;
            return this;
        }

        /**
         * Sets whether IOB1 tags are converted to BIO (IOB2).
         *
         * @param convert {@code true} to convert; {@code false} (the default) keeps tags as read
         * @return this builder
         */
        public Builder optConvertIob1ToBio(boolean convert) {
            this.convertIob1 = convert;
            return this;
        }

        /**
         * Validates the configuration and builds the reader.
         *
         * @return the reader
         * @throws IllegalArgumentException if the tag column or task name is invalid
         */
        public ConllReader build() {
            if (tagColumn != LAST_COLUMN && tagColumn < 1) {
                throw new IllegalArgumentException(
                        "tagColumn must be at least 1 or LAST_COLUMN (-1), but is: " + tagColumn);
            }
            Fields.requireTaskName(task, "task");
            return new ConllReader(this);
        }
    }
}
