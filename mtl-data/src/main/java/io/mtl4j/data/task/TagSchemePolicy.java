package io.mtl4j.data.task;

/** What to do about a token task whose tags are not all written in BIO. */
public enum TagSchemePolicy {
    /**
     * Rewrite IOB1 and BIOES tags as BIO (IOB2), keeping every entity, and record each conversion so
     * it can be logged.
     */
    CONVERT_TO_BIO,
    /**
     * Keep the tags as they are, but fail when the parts of the data (splits, data sets) use
     * different schemes.
     */
    REJECT_MIXED
}
