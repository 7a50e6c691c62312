package io.mtl4j.data.read;

import io.mtl4j.data.LabeledExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Large Movie Review Dataset (Maas et al., 2011) from its distributed layout:
 * {@code aclImdb/{train,test}/{pos,neg}/ID_RATING.txt}, one review per file.
 *
 * <p>Each review becomes a raw-text example labelled {@code pos} or {@code neg}. HTML line breaks
 * ({@code <br />}, {@code <br/>}, {@code <br>}) are replaced by a space and runs of whitespace
 * collapsed to one space. The rating in each file name is checked against its folder ({@code pos}
 * needs 7 to 10, {@code neg} 1 to 4). Files are taken in order of their numeric ID (then name), so a per-class limit
 * gives the same balanced subset on every run; the examples come as all {@code pos} reviews, then
 * all {@code neg} reviews. Each example's origin is {@code <file>:1}. Review files are read with the
 * checks every reader of the package makes: UTF-8 (an undecodable byte is refused at its line), a
 * byte order mark ignored, lines up to 1 MiB.
 *
 * <pre>{@code
 * AclImdbReader reader = AclImdbReader.builder().optLimitPerClass(1000).build();
 * List<LabeledExample> train = reader.read(Path.of("aclImdb"), AclImdbReader.Split.TRAIN);
 * }</pre>
 */
public final class AclImdbReader {

    /** The default task name of the labels. */
    public static final String DEFAULT_TASK = "sentiment";

    /** The label, and folder, of positive reviews. */
    public static final String POSITIVE = "pos";

    /** The label, and folder, of negative reviews. */
    public static final String NEGATIVE = "neg";

    private static final Pattern FILE_NAME = Pattern.compile("(\\d{1,18})_(\\d{1,2})\\.txt");

    /** A split of the data set, named as its folder. */
    public enum Split {
        /** The {@code train} folder. */
        TRAIN,
        /** The {@code test} folder. */
        TEST;

        /**
         * Returns the folder name.
         *
         * @return {@code train} or {@code test}
         */
        public String folder() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String task;
    private final int limitPerClass;

    private AclImdbReader(Builder builder) {
        this.task = builder.task;
        this.limitPerClass = builder.limitPerClass;
    }

    /**
     * Creates a builder: task {@value #DEFAULT_TASK}, no limit.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads one split.
     *
     * @param root the {@code aclImdb} folder
     * @param split the split to read
     * @return the {@code pos} examples then the {@code neg} examples, each in ID order
     * @throws DataFormatException if the root, split or a class folder is missing or a file, a class
     *     folder is empty, a file name is not {@code ID_RATING.txt}, a rating does not fit its folder,
     *     or a review is a folder, blank or not UTF-8
     */
    public List<LabeledExample> read(Path root, Split split) {
        requireFolder(root, "the aclImdb folder");
        Path splitDir = root.resolve(split.folder());
        requireFolder(splitDir, "a folder of the '" + split.folder() + "' split");
        List<LabeledExample> examples = new ArrayList<>();
        readClass(splitDir.resolve(POSITIVE), POSITIVE, examples);
        readClass(splitDir.resolve(NEGATIVE), NEGATIVE, examples);
        return examples;
    }

    private void readClass(Path dir, String label, List<LabeledExample> out) {
        List<Path> files = listReviews(dir, label);
        int count = Math.min(files.size(), limitPerClass);
        for (Path file : files.subList(0, count)) {
            String raw = readText(file);
            String text = clean(raw);
            if (text.isEmpty()) {
                throw new DataFormatException(file, "expected the text of a review, but found "
                        + (raw.isEmpty() ? "an empty file" : "only whitespace and line breaks"));
            }
            out.add(LabeledExample.ofText(file + ":1", text, Map.of(task, label), Map.of()));
        }
    }

    /** Lists and checks the file names of one class folder, sorted by ID. */
    private static List<Path> listReviews(Path dir, String label) {
        requireFolder(dir, "a folder of '" + label + "' reviews");
        List<Review> reviews = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                reviews.add(checkName(file, label));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (reviews.isEmpty()) {
            throw new DataFormatException(dir, "expected review files ID_RATING.txt, but found an empty folder");
        }
        reviews.sort(Comparator.comparingLong(Review::id).thenComparing(r -> r.file().getFileName().toString()));
        return reviews.stream().map(Review::file).toList();
    }

    private static Review checkName(Path file, String label) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new DataFormatException(file, "expected a file name ID_RATING.txt (e.g. 123_8.txt), but found '"
                    + file.getFileName() + "'");
        }
        int rating = Integer.parseInt(m.group(2));
        boolean fits = label.equals(POSITIVE) ? rating >= 7 && rating <= 10 : rating >= 1 && rating <= 4;
        if (!fits) {
            throw new DataFormatException(file, "expected a rating " + (label.equals(POSITIVE) ? "from 7 to 10" : "from 1 to 4")
                    + " in folder '" + label + "', but found " + rating);
        }
        return new Review(Long.parseLong(m.group(1)), file);
    }

    /** A review file and the ID in its name. */
    private record Review(long id, Path file) {}

    private static void requireFolder(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, "expected " + what + ", but found " + (Files.exists(dir) ? "a file" : "none"));
        }
    }

    /** Reads a review's lines, joined by {@code \n}. */
    private static String readText(Path file) {
        StringBuilder text = new StringBuilder();
        try (LineReader lines = LineReader.open(file)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (lines.lineNumber() > 1) {
                    text.append('\n');
                }
                text.append(line);
            }
        }
        return text.toString();
    }

    /**
     * Replaces HTML line breaks ({@code <br />}, {@code <br/>}, {@code <br>}, any case) by spaces
     * and collapses runs of whitespace to one space, as done to every review. One pass, no regular
     * expressions: the full data set has 50,000 reviews.
     *
     * @param review the review as stored
     * @return the cleaned text, without leading or trailing whitespace
     */
    public static String clean(String review) {
        StringBuilder out = new StringBuilder(review.length());
        boolean pendingSpace = false;
        int n = review.length();
        for (int i = 0; i < n; i++) {
            char c = review.charAt(i);
            int breakEnd = c == '<' ? lineBreakEnd(review, i) : -1;
            if (breakEnd > 0 || Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
                i = Math.max(i, breakEnd - 1);
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Returns the index after a line break tag starting at {@code i}, or -1 if there is none. */
    private static int lineBreakEnd(String text, int i) {
        if (!text.regionMatches(true, i, "<br", 0, 3)) {
            return -1;
        }
        int j = i + 3;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        if (j < text.length() && text.charAt(j) == '/') {
            j++;
        }
        return j < text.length() && text.charAt(j) == '>' ? j + 1 : -1;
    }

    /** Configures an {@link AclImdbReader}. */
    public static final class Builder {

        private String task = DEFAULT_TASK;
        private int limitPerClass = Integer.MAX_VALUE;

        private Builder() {}

        /**
         * Sets the task name of the labels.
         *
         * @param name the task name, {@value AclImdbReader#DEFAULT_TASK} by default
         * @return this builder
         */
        public Builder optTask(String name) {
            this.task = name;
            return this;
        }

        /**
         * Limits how many reviews are read per class, taking those with the smallest IDs.
         *
         * @param limit the number of {@code pos} and of {@code neg} reviews, at least 1; unlimited
         *     by default
         * @return this builder
         */
        public Builder optLimitPerClass(int limit) {
            this.limitPerClass = limit;
            return this;
        }

        /**
         * Validates the configuration and builds the reader.
         *
         * @return the reader
         * @throws IllegalArgumentException if the task name is blank or the limit not positive
         */
        public AclImdbReader build() {
            Fields.requireTaskName(task, "task");
            if (limitPerClass < 1) {
                throw new IllegalArgumentException("limitPerClass must be positive, but is: " + limitPerClass);
            }
            return new AclImdbReader(this);
        }
    }
}
