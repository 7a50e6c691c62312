package io.mtl4j.data.read;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file does not have the expected format.
 *
 * <p>Raised while reading, before any training starts. The message always starts with the file
 * and, when the problem sits on one line, its 1-based line number ({@code data/train.tsv:12: ...}),
 * followed by what was expected and what was found.
 */
public class DataFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The 1-based line number, or 0 when the problem concerns the whole file. */
    private final long line;

    /**
     * Creates an exception about one line of a file.
     *
     * @param file the file
     * @param line the 1-based line number
     * @param problem what was expected and what was found
     */
    public DataFormatException(Path file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
    }

    /**
     * Creates an exception about a whole file (a file name, a missing file, a folder layout).
     *
     * @param file the file
     * @param problem what was expected and what was found
     */
    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.line = 0;
    }

    /**
     * Returns the file.
     *
     * @return the file the problem was found in
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the line.
     *
     * @return the 1-based line number, or 0 when the problem concerns the whole file
     */
    public long line() {
        return line;
    }
}
