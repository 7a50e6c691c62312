package io.mtl4j.predict;

/** What a predictor does with a text longer than the encoder's maximum length. */
public enum LongTextPolicy {
    /** Read only the beginning; every task reports {@link Coverage#TRUNCATED}. */
    TRUNCATE,
    /**
     * Read the whole text in overlapping windows. Token tasks tag every word from the window where it sits
     * most central ({@link Coverage#WINDOWS_STITCHED}); sentence tasks follow the configured
     * {@link SentenceWindowing}.
     */
    SLIDING_WINDOWS
}
