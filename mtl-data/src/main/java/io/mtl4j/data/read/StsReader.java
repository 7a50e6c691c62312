package io.mtl4j.data.read;

import io.mtl4j.data.ScoredPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the STS Benchmark's tab-separated files ({@code sts-train.csv}, {@code sts-dev.csv},
 * {@code sts-test.csv}): genre, file, year, id, score, sentence 1, sentence 2, and on some lines further
 * columns naming the pair's source, which are ignored. There is no header and no quoting: sentences hold
 * quote characters as plain text.
 *
 * <p>Every line must parse: a line with fewer than 7 columns, a score that is not a number or lies outside
 * {@code [0, 5]}, or a blank sentence is refused with the file and line. Read through the same line checks
 * as the other readers (strict UTF-8, {@code \r\n}, a byte order mark, lines of at most 1 MiB).
 */
public final class StsReader {

    /** The largest gold score. */
    public static final float MAX_SCORE = 5f;
    private static final int COLUMNS = 7;
    private static final int SCORE = 4;
    private static final int FIRST = 5;
    private static final int SECOND = 6;

    /** Creates a reader; it holds no state. */
    public StsReader() {
    }

    /**
     * Reads a file.
     *
     * @param file an STS Benchmark file, UTF-8
     * @return its pairs in file order
     * @throws DataFormatException naming the file and line of a malformed line, or the file if it is
     *     missing or holds no pair
     */
    public List<ScoredPair> read(Path file) {
        List<ScoredPair> pairs = new ArrayList<>();
        try (LineReader lines = LineReader.open(file)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    pairs.add(parse(line, lines.file(), lines.lineNumber()));
                }
            }
            if (pairs.isEmpty()) {
                throw new DataFormatException(file, "expected at least one sentence pair, but found "
                        + (lines.lineNumber() == 0 ? "an empty file" : "only blank lines"));
            }
        }
        return pairs;
    }

    private static ScoredPair parse(String line, Path file, long number) {
        String[] columns = line.split("\t", -1);
        if (columns.length < COLUMNS) {
            throw new DataFormatException(file, number, "expected at least " + COLUMNS
                    + " tab-separated columns (genre, file, year, id, score, sentence 1, sentence 2), but found "
                    + columns.length);
        }
        String scoreText = columns[SCORE].strip();
        float score;
        try {
            score = Float.parseFloat(scoreText);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, number, "score (column 5) must be a number, but is: '"
                    + scoreText + "'");
        }
        if (!(score >= 0 && score <= MAX_SCORE)) {
            throw new DataFormatException(file, number, "score (column 5) must be in [0, 5], but is: " + scoreText);
        }
        String first = columns[FIRST].strip();
        String second = columns[SECOND].strip();
        if (first.isEmpty() || second.isEmpty()) {
            throw new DataFormatException(file, number, "sentence " + (first.isEmpty() ? 1 : 2)
                    + " (column " + (first.isEmpty() ? FIRST + 1 : SECOND + 1) + ") is blank");
        }
        return new ScoredPair(first, second, score, file + ":" + number);
    }
}
