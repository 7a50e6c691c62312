package io.mtl4j.label;

/** Constants shared by collation, losses and decoding. */
public final class Labels {

    /**
     * Label index meaning "no label here": padding, special tokens, non-first sub-words, and tasks an
     * example carries no label for. Losses ignore these positions; so do metrics.
     */
    public static final int IGNORE_INDEX = -100;

    private Labels() {
    }
}
