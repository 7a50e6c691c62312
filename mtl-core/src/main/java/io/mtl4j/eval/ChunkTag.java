package io.mtl4j.eval;

/**
 * A tag split as conlleval.pl splits it: everything before the first {@code '-'} is the prefix, the
 * rest is the type (types may contain hyphens); a tag without {@code '-'} is a prefix with an empty
 * type.
 */
record ChunkTag(String prefix, String type) {

    /** The outside tag, also used before the first and after the last word. */
    static final ChunkTag OUTSIDE = new ChunkTag("O", "");

    static ChunkTag parse(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? new ChunkTag(tag, "") : new ChunkTag(tag.substring(0, dash), tag.substring(dash + 1));
    }
}
