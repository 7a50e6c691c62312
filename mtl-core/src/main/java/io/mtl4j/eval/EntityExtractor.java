package io.mtl4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the entities (chunks) in a tag sequence with the rules of the CoNLL evaluation script
 * {@code conlleval.pl} (Tjong Kim Sang, version 2004-01-26), and converts tag sequences between
 * schemes.
 *
 * <h2>Tags</h2>
 * A tag is split at its first {@code '-'}: {@code B-PER} has prefix {@code B} and type {@code PER};
 * {@code I-MISC-X} has type {@code MISC-X}. A tag without {@code '-'} is a prefix with an empty type.
 *
 * <h2>Chunk rules</h2>
 * Like conlleval, IOB1, IOB2 (BIO) and IOBES are read with the <em>same</em> rules, so an entity may
 * begin with {@code I-} (IOB1 data, or a BIO prediction with an {@code I-} after {@code O}).
 * Between the previous word (prefix {@code p}, type {@code pt}) and the current one ({@code t},
 * {@code tt}) a chunk <em>ends</em> when
 * <ul>
 *   <li>{@code p} is {@code B} or {@code I} and {@code t} is {@code B}, {@code S} or {@code O}; or
 *       {@code p} is {@code E} or {@code S} and {@code t} is {@code B}, {@code I}, {@code E},
 *       {@code S} or {@code O};
 *   <li>{@code p} is neither {@code O} nor {@code .} and {@code pt != tt};
 *   <li>{@code p} is {@code [} or {@code ]} (one-word chunks),
 * </ul>
 * and a chunk <em>starts</em> when
 * <ul>
 *   <li>{@code t} is {@code B} or {@code S} and {@code p} is {@code B}, {@code I}, {@code E},
 *       {@code S} or {@code O}; or {@code t} is {@code I} or {@code E} and {@code p} is {@code E},
 *       {@code S} or {@code O};
 *   <li>{@code t} is neither {@code O} nor {@code .} and {@code pt != tt};
 *   <li>{@code t} is {@code [} or {@code ]}.
 * </ul>
 * Each sentence is read as if preceded and followed by {@code O}, so chunks never cross sentences.
 * For tags with prefixes {@code B}, {@code I} and {@code O} these are exactly conlleval.pl's
 * {@code startOfChunk}/{@code endOfChunk}. The pairs with {@code S}, and {@code E} followed by
 * {@code B}, are the IOBES extension found in IOBES versions of conlleval (for prefixes
 * {@code B, I, E, S, O} the rules then agree with seqeval's default mode); the 2004 script predates
 * IOBES and would merge {@code E-X B-X} into one chunk.
 *
 * <h2>Unusual tags</h2>
 * As in conlleval (without its {@code -r} option), a bare tag such as {@code PER} is the prefix
 * {@code PER} with an empty type, not {@code I-PER}: after {@code O} it starts nothing (it counts as
 * outside), but after a typed chunk it starts a chunk of empty type that only a type change ends.
 * Such tags, and {@code [}, {@code ]} and {@code .}, can make a chunk start before the previous one
 * has ended, or never end. conlleval then leaves the earlier chunk open; here a chunk still open when
 * another starts, or at the end of the sentence, is closed there. Chunk starts (entities found) are
 * the same as conlleval's, but conlleval's running "correct so far" flag can credit such overlapping
 * chunks differently from exact span matching. With tags {@code O} and {@code P-TYPE}, {@code P}
 * one of {@code B, I, E, S}, this cannot happen and {@link EntityEvaluator} counts exactly what
 * conlleval.pl counts.
 */
public final class EntityExtractor {

    private EntityExtractor() {
    }

    /**
     * Finds the entities of one sentence.
     *
     * @param tags one tag per word, for example {@code [B-PER, I-PER, O, B-LOC]}
     * @return the entities in order of position, non-overlapping (for the example
     *     {@code [PER [0, 2), LOC [3, 4)]})
     * @throws NullPointerException if the list or one of its tags is null
     */
    public static List<EntitySpan> extract(List<String> tags) {
        Objects.requireNonNull(tags, "tags");
        List<EntitySpan> spans = new ArrayList<>();
        ChunkTag previous = ChunkTag.OUTSIDE;
        int chunkStart = -1;
        String chunkType = "";
        for (int i = 0; i <= tags.size(); i++) {
            ChunkTag current = i < tags.size() ? ChunkTag.parse(tagAt(tags, i)) : ChunkTag.OUTSIDE;
            boolean ends = endOfChunk(previous, current);
            boolean starts = startOfChunk(previous, current);
            if (chunkStart >= 0 && (ends || starts || i == tags.size())) {
                spans.add(new EntitySpan(chunkType, chunkStart, i));
                chunkStart = -1;
            }
            if (starts) {
                chunkStart = i;
                chunkType = current.type();
            }
            previous = current;
        }
        return spans;
    }

    /**
     * Rewrites a tag sequence in another scheme, keeping the entities {@link #extract} finds:
     * {@code extract(convert(tags, from, to))} equals {@code extract(tags)}. Ill-formed sequences that
     * are valid in {@code from} (such as a BIO {@code I-} after {@code O}) are read as
     * {@link #extract} reads them, so the output is well-formed in {@code to}.
     *
     * @param tags one tag per word; each must be valid in {@code from} ({@link TagScheme#isValidTag})
     * @param from the scheme of {@code tags}
     * @param to the scheme to write
     * @return the tags in {@code to}, one per word
     * @throws IllegalArgumentException naming the index and the tag if a tag is not valid in
     *     {@code from}
     */
    public static List<String> convert(List<String> tags, TagScheme from, TagScheme to) {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        for (int i = 0; i < tags.size(); i++) {
            String tag = tagAt(tags, i);
            if (!from.isValidTag(tag)) {
                throw new IllegalArgumentException("tag " + i + " is not a valid " + from + " tag, but is: '" + tag
                        + "' (expected O or one of " + from.prefixes() + " followed by '-' and a type)");
            }
        }
        return to.encode(extract(tags), tags.size());
    }

    private static String tagAt(List<String> tags, int i) {
        return Objects.requireNonNull(tags.get(i), () -> "tag " + i + " must not be null");
    }

    /** conlleval.pl's endOfChunk with the IOBES rules: does a chunk end between previous and current? */
    static boolean endOfChunk(ChunkTag previous, ChunkTag current) {
        String p = previous.prefix();
        String t = current.prefix();
        boolean ends = switch (p) {
            case "B", "I" -> t.equals("B") || t.equals("O") || t.equals("S");
            case "E", "S" -> t.equals("B") || t.equals("I") || t.equals("E") || t.equals("S") || t.equals("O");
            case "[", "]" -> true;
            default -> false;
        };
        return ends || !p.equals("O") && !p.equals(".") && !previous.type().equals(current.type());
    }

    /** conlleval.pl's startOfChunk with the IOBES rules: does a chunk start at current? */
    static boolean startOfChunk(ChunkTag previous, ChunkTag current) {
        String p = previous.prefix();
        String t = current.prefix();
        boolean starts = switch (t) {
            case "B", "S" -> p.equals("B") || p.equals("I") || p.equals("E") || p.equals("S") || p.equals("O");
            case "I", "E" -> p.equals("E") || p.equals("S") || p.equals("O");
            case "[", "]" -> true;
            default -> false;
        };
        return starts || !t.equals("O") && !t.equals(".") && !previous.type().equals(current.type());
    }
}
