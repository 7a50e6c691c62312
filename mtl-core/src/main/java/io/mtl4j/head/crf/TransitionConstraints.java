package io.mtl4j.head.crf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which label sequences a CRF decoder may produce: allowed transitions {@code from → to}, allowed
 * first labels and allowed last labels, over {@code L} labels. Immutable.
 *
 * <p>Constraints apply to decoding only (see {@link ConditionalRandomField}); a decoder treats a
 * disallowed step as a score of {@code -∞}.
 */
public final class TransitionConstraints {

    private final boolean[][] allowed;
    private final boolean[] allowedStart;
    private final boolean[] allowedEnd;

    private TransitionConstraints(boolean[][] allowed, boolean[] allowedStart, boolean[] allowedEnd) {
        this.allowed = allowed;
        this.allowedStart = allowedStart;
        this.allowedEnd = allowedEnd;
    }

    /**
     * Creates constraints from explicit tables (copied).
     *
     * @param allowed {@code [L, L]}, {@code allowed[from][to]}
     * @param allowedStart {@code [L]}, whether a sequence may start with each label
     * @param allowedEnd {@code [L]}, whether a sequence may end with each label
     * @return the constraints
     * @throws IllegalArgumentException if the tables are empty or their sizes disagree
     */
    public static TransitionConstraints of(boolean[][] allowed, boolean[] allowedStart, boolean[] allowedEnd) {
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(allowedStart, "allowedStart");
        Objects.requireNonNull(allowedEnd, "allowedEnd");
        int n = allowed.length;
        if (n == 0) {
            throw new IllegalArgumentException("allowed must have at least one label, but has 0 rows");
        }
        boolean[][] copy = new boolean[n][];
        for (int from = 0; from < n; from++) {
            if (allowed[from] == null || allowed[from].length != n) {
                throw new IllegalArgumentException("allowed must be " + n + " x " + n + ", but row " + from
                        + " has length " + (allowed[from] == null ? "null" : allowed[from].length));
            }
            copy[from] = allowed[from].clone();
        }
        if (allowedStart.length != n) {
            throw new IllegalArgumentException(
                    "allowedStart must have length " + n + ", but has: " + allowedStart.length);
        }
        if (allowedEnd.length != n) {
            throw new IllegalArgumentException(
                    "allowedEnd must have length " + n + ", but has: " + allowedEnd.length);
        }
        return new TransitionConstraints(copy, allowedStart.clone(), allowedEnd.clone());
    }

    /**
     * @param numLabels L, positive
     * @return constraints allowing every sequence of {@code numLabels} labels
     */
    public static TransitionConstraints none(int numLabels) {
        if (numLabels <= 0) {
            throw new IllegalArgumentException("numLabels must be positive, but is: " + numLabels);
        }
        boolean[][] allowed = new boolean[numLabels][numLabels];
        for (boolean[] row : allowed) {
            Arrays.fill(row, true);
        }
        boolean[] all = new boolean[numLabels];
        Arrays.fill(all, true);
        return new TransitionConstraints(allowed, all, all.clone());
    }

    /**
     * BIO (IOB2) constraints: {@code I-X} may only follow {@code B-X} or {@code I-X}, and a sequence
     * cannot start with {@code I-X}. Everything else is allowed; in particular any label may end a
     * sequence.
     *
     * <p>A label that is neither {@code O} nor of the form {@code B-X} / {@code I-X} (for example
     * {@code "MISC"}) adds no constraint of its own: it may start or end a sequence and follow or
     * precede any label, except that it cannot precede an {@code I-X} (which still needs {@code B-X}
     * or {@code I-X} before it).
     *
     * @param labels the labels in index order, e.g. {@code [O, B-PER, I-PER]}
     * @return the constraints
     */
    public static TransitionConstraints bio(List<String> labels) {
        Tag[] tags = parse(labels);
        int n = tags.length;
        boolean[][] allowed = new boolean[n][n];
        boolean[] start = new boolean[n];
        boolean[] end = new boolean[n];
        for (int to = 0; to < n; to++) {
            start[to] = tags[to].prefix != 'I';
            end[to] = true;
            for (int from = 0; from < n; from++) {
                allowed[from][to] = tags[to].prefix != 'I' || tags[from].inside(tags[to].type, 'B', 'I');
            }
        }
        return new TransitionConstraints(allowed, start, end);
    }

    /**
     * BIOES constraints: a multi-word entity is {@code B-X (I-X)* E-X}, a one-word entity is
     * {@code S-X}. So {@code I-X} and {@code E-X} may only follow {@code B-X} or {@code I-X};
     * {@code B-X} and {@code I-X} may only be followed by {@code I-X} or {@code E-X}; a sequence
     * cannot start with {@code I-X} or {@code E-X}, nor end with {@code B-X} or {@code I-X}.
     *
     * <p>A label that is neither {@code O} nor of the form {@code B-X}, {@code I-X}, {@code E-X},
     * {@code S-X} adds no constraint of its own (it is treated like {@code O}).
     *
     * @param labels the labels in index order
     * @return the constraints
     */
    public static TransitionConstraints bioes(List<String> labels) {
        Tag[] tags = parse(labels);
        int n = tags.length;
        boolean[][] allowed = new boolean[n][n];
        boolean[] start = new boolean[n];
        boolean[] end = new boolean[n];
        for (int to = 0; to < n; to++) {
            boolean continues = tags[to].prefix == 'I' || tags[to].prefix == 'E';
            start[to] = !continues;
            end[to] = tags[to].prefix != 'B' && tags[to].prefix != 'I';
            for (int from = 0; from < n; from++) {
                boolean fromOpen = tags[from].prefix == 'B' || tags[from].prefix == 'I';
                allowed[from][to] = fromOpen ? continues && tags[to].type.equals(tags[from].type) : !continues;
            }
        }
        return new TransitionConstraints(allowed, start, end);
    }

    /** @return L, the number of labels */
    public int numLabels() {
        return allowedStart.length;
    }

    /**
     * @param from the previous label
     * @param to the next label
     * @return whether {@code to} may directly follow {@code from}
     */
    public boolean isAllowed(int from, int to) {
        return allowed[from][to];
    }

    /**
     * @param label a label
     * @return whether a sequence may start with it
     */
    public boolean isAllowedStart(int label) {
        return allowedStart[label];
    }

    /**
     * @param label a label
     * @return whether a sequence may end with it
     */
    public boolean isAllowedEnd(int label) {
        return allowedEnd[label];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransitionConstraints other
                && Arrays.deepEquals(allowed, other.allowed)
                && Arrays.equals(allowedStart, other.allowedStart)
                && Arrays.equals(allowedEnd, other.allowedEnd);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(allowed) + Arrays.hashCode(allowedStart)) + Arrays.hashCode(allowedEnd);
    }

    @Override
    public String toString() {
        return "TransitionConstraints{allowed=" + Arrays.deepToString(allowed) + ", allowedStart="
                + Arrays.toString(allowedStart) + ", allowedEnd=" + Arrays.toString(allowedEnd) + "}";
    }

    private static Tag[] parse(List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        Tag[] tags = new Tag[labels.size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = Tag.parse(Objects.requireNonNull(labels.get(i), "labels[" + i + "]"));
        }
        return tags;
    }

    /** A tag split into its scheme prefix ({@code B}, {@code I}, {@code E}, {@code S}, or 0) and its type. */
    private record Tag(char prefix, String type) {

        static Tag parse(String label) {
            if (label.length() >= 2 && label.charAt(1) == '-' && "BIES".indexOf(label.charAt(0)) >= 0) {
                return new Tag(label.charAt(0), label.substring(2));
            }
            return new Tag((char) 0, "");
        }

        boolean inside(String entityType, char first, char second) {
            return (prefix == first || prefix == second) && type.equals(entityType);
        }
    }
}
