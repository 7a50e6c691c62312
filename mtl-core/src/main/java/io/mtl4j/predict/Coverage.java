package io.mtl4j.predict;

/** How much of a text a task's prediction is based on. */
public enum Coverage {
    /** The text fit in one encoder window: the prediction saw all of it. */
    WHOLE,
    /** The text was longer than the encoder's maximum; only its beginning was read. */
    TRUNCATED,
    /** A sentence task over a long text: the mean of the logits of every sliding window. */
    WINDOWS_AVERAGED,
    /** A token task over a long text: every word tagged by the sliding window where it sits most central. */
    WINDOWS_STITCHED
}
