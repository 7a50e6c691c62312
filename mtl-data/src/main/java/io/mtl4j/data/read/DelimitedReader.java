package io.mtl4j.data.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.mtl4j.data.LabeledExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads sentence-classification data from a CSV or TSV file with a header row: one column holds
 * the text, and one column per task holds that task's label.
 *
 * <p>Parsing is done by Jackson's CSV module. {@link Format#CSV} is comma-separated with
 * RFC 4180 double-quote quoting; {@link Format#TSV} is tab-separated with no quote character at
 * all, as in GLUE files such as SST-2, whose sentences contain quote characters as plain text.
 * Text and label values are stripped of surrounding whitespace and kept otherwise as they are (a
 * label may contain spaces, {@code "Play Music"}); empty lines are skipped. Each example's origin is
 * the {@code file:line} where its row starts. The file is read through the same line checks as the
 * other readers: UTF-8 only, a byte order mark ignored, {@code \r\n} read as {@code \n}, no line
 * longer than 1 MiB.
 *
 * <pre>{@code
 * DelimitedReader reader = DelimitedReader.builder()
 *         .optFormat(DelimitedReader.Format.TSV)
 *         .setTextColumn("sentence")
 *         .addLabelColumn("sentiment", "label")
 *         .build();
 * List<LabeledExample> train = reader.read(Path.of("sst2/train.tsv"));
 * }</pre>
 */
public final class DelimitedReader {

    /** The dialect of a delimited file. */
    public enum Format {
        /** Comma-separated, fields may be quoted with {@code "} (doubled inside a quoted field). */
        CSV(','),
        /** Tab-separated, no quoting: every character but tab and line breaks is plain text. */
        TSV('\t');

        private final char separator;

        Format(char separator) {
            this.separator = separator;
        }

        /**
         * Returns the column separator.
         *
         * @return {@code ,} or a tab
         */
        public char separator() {
            return separator;
        }
    }

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private final Format format;
    private final String textColumn;
    private final Map<String, String> labelColumns;

    private DelimitedReader(Builder builder) {
        this.format = builder.format;
        this.textColumn = builder.textColumn;
        this.labelColumns = Collections.unmodifiableMap(new LinkedHashMap<>(builder.labelColumns));
    }

    /**
     * Creates a builder: CSV format, no text column yet, no label columns.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a file.
     *
     * @param file the file, UTF-8, header row first
     * @return one example per row, in file order
     * @throws DataFormatException if the file is missing, empty or has no row after the header, is
     *     not UTF-8, has a line over 1 MiB, a configured column is not in the header, a row has not as
     *     many values as the header, or a used value is empty
     */
    public List<LabeledExample> read(Path file) {
        List<LabeledExample> examples = new ArrayList<>();
        try (Rows rows = new Rows(file)) {
            for (LabeledExample example = rows.next(); example != null; example = rows.next()) {
                examples.add(example);
            }
            if (examples.isEmpty()) {
                throw new DataFormatException(file, "expected at least one row after the header on line "
                        + rows.headerLine + ", but found none");
            }
        }
        return examples;
    }

    /**
     * Streams a file: the header is read at once, the rows only as the stream is consumed, so a file
     * of any size is read in constant memory. Rows are checked as by {@link #read(Path)}, and a bad
     * row throws its {@link DataFormatException} when the stream reaches it (the rows before it have
     * been delivered). Unlike {@link #read(Path)}, a header with no row after it gives an empty
     * stream. Close the stream (try-with-resources) to close the file.
     *
     * @param file the file, UTF-8, header row first
     * @return a lazy, ordered, sequential stream of one example per row
     * @throws DataFormatException if the file is missing, has no header row, or a configured column
     *     is not in the header
     */
    public Stream<LabeledExample> stream(Path file) {
        return ExampleStreams.of(new Rows(file));
    }

    /** Reads the header of a file when opened, then its rows one at a time. */
    private final class Rows implements ExampleStreams.Source {

        private final Path file;
        private final LineReader lines;
        private final CsvParser parser;
        private final List<String> header;
        private final long headerLine;
        private final int textIndex;
        private final Map<String, Integer> labelIndex = new LinkedHashMap<>();

        Rows(Path file) {
            this.file = file;
            CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(format.separator());
            schema = format == Format.TSV ? schema.withoutQuoteChar().withoutEscapeChar() : schema.withQuoteChar('"');
            this.lines = LineReader.open(file);
            try {
                this.parser = MAPPER.getFactory().createParser(new LinesAsReader(lines));
            } catch (IOException | RuntimeException e) {
                lines.close();
                throw failure(e);
            }
            try {
                parser.setSchema(schema);
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new DataFormatException(file, "expected a header row, but found "
                            + (lines.lineNumber() == 0 ? "an empty file" : "only blank lines"));
                }
                Row headerRow = readRow(parser);
                this.headerLine = headerRow.line();
                this.header = headerRow.values();
                this.textIndex = columnIndex(file, headerLine, header, textColumn);
                for (Map.Entry<String, String> e : labelColumns.entrySet()) {
                    labelIndex.put(e.getKey(), columnIndex(file, headerLine, header, e.getValue()));
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw failure(e);
            }
        }

        @Override
        public LabeledExample next() {
            try {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
                Row parsed = readRow(parser);
                long line = parsed.line();
                List<String> row = parsed.values();
                if (row.size() != header.size()) {
                    throw new DataFormatException(file, line, "expected " + header.size() + " values as in the header "
                            + header + ", but found " + row.size() + ": " + row);
                }
                String text = value(file, line, row, textIndex, textColumn);
                Map<String, String> labels = new LinkedHashMap<>();
                for (Map.Entry<String, Integer> e : labelIndex.entrySet()) {
                    labels.put(e.getKey(), value(file, line, row, e.getValue(), labelColumns.get(e.getKey())));
                }
                return LabeledExample.ofText(file + ":" + line, text, labels, Map.of());
            } catch (IOException e) {
                throw failure(e);
            }
        }

        /** Maps a parse failure to a {@link DataFormatException} at its line, other I/O failures to unchecked. */
        private RuntimeException failure(Exception e) {
            if (e instanceof RuntimeException runtime) {
                return runtime;
            }
            if (e instanceof JsonProcessingException json) {
                JsonLocation where = json.getLocation();
                String problem = "expected " + format + " data, but parsing failed: " + json.getOriginalMessage();
                return where == null ? new DataFormatException(file, problem)
                        : new DataFormatException(file, where.getLineNr(), problem);
            }
            return new UncheckedIOException("cannot read " + file, (IOException) e);
        }

        @Override
        public void close() {
            try {
                if (parser != null) {
                    parser.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            } finally {
                lines.close();
            }
        }
    }

    /** Reads the values of a row, after its START_ARRAY, and the line where its first value starts. */
    private static Row readRow(CsvParser parser) throws IOException {
        List<String> values = new ArrayList<>();
        long line = parser.currentLocation().getLineNr();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (values.isEmpty()) {
                line = parser.currentTokenLocation().getLineNr();
            }
            values.add(parser.getText());
        }
        return new Row(line, values);
    }

    /** A parsed row. */
    private record Row(long line, List<String> values) {}

    private static int columnIndex(Path file, long headerLine, List<String> header, String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new DataFormatException(file, headerLine, "expected a column '" + column
                    + "' in the header, but found only " + header);
        }
        return index;
    }

    private static String value(Path file, long line, List<String> row, int index, String column) {
        String value = row.get(index).strip();
        if (value.isEmpty()) {
            throw new DataFormatException(file, line, "expected a value in column '" + column + "', but found none");
        }
        return value;
    }

    /** Configures a {@link DelimitedReader}. */
    public static final class Builder {

        private Format format = Format.CSV;
        private String textColumn;
        private final Map<String, String> labelColumns = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the dialect.
         *
         * @param format {@link Format#CSV} (the default) or {@link Format#TSV}
         * @return this builder
         */
        public Builder optFormat(Format format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets the header name of the text column (required).
         *
         * @param column the column name
         * @return this builder
         */
        public Builder setTextColumn(String column) {
            this.textColumn = column;
            return this;
        }

        /**
         * Adds a sentence task whose label is read from a column.
         *
         * @param task the task name
         * @param column the header name of its label column
         * @return this builder
         */
        public Builder addLabelColumn(String task, String column) {
            Fields.requireTaskName(task, "task");
            if (column == null || column.isEmpty()) {
                throw new IllegalArgumentException("column of task '" + task + "' must be non-empty, but is: "
                        + (column == null ? "null" : "''"));
            }
            if (labelColumns.putIfAbsent(task, column) != null) {
                throw new IllegalArgumentException("task '" + task + "' already has label column '"
                        + labelColumns.get(task) + "'");
            }
            return this;
        }

        /**
         * Validates the configuration and builds the reader. No label column is allowed (the
         * examples are then unlabelled, e.g. for prediction).
         *
         * @return the reader
         * @throws IllegalArgumentException if the text column is not set
         */
        public DelimitedReader build() {
            if (textColumn == null || textColumn.isEmpty()) {
                throw new IllegalArgumentException("textColumn must be set to a column name, but is: "
                        + (textColumn == null ? "null" : "''"));
            }
            return new DelimitedReader(this);
        }
    }
}
