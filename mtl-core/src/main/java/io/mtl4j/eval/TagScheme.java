package io.mtl4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How entity tags mark the words of an entity of type {@code T}.
 *
 * <p>Reading is the same for all schemes ({@link EntityExtractor#extract}); the scheme matters when
 * tags are written ({@link #encode}) and for validating input ({@link #isValidTag}).
 */
public enum TagScheme {

    /**
     * IOB1 (CoNLL-2003 as distributed): every word {@code I-T}; {@code B-T} only on the first word of
     * an entity that directly follows another entity of the same type.
     */
    IOB1(List.of("I", "B")),

    /** IOB2, usually called BIO: {@code B-T} on the first word, {@code I-T} on the others. */
    BIO(List.of("B", "I")),

    /**
     * BIOES (also IOBES): {@code S-T} for a one-word entity, otherwise {@code B-T}, then {@code I-T},
     * and {@code E-T} on the last word.
     */
    BIOES(List.of("B", "I", "E", "S"));

    private final List<String> prefixes;

    TagScheme(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    /**
     * Parses a scheme name, ignoring case: {@code IOB1}, {@code BIO} or {@code IOB2}, {@code BIOES} or
     * {@code IOBES}. (BILOU is not accepted: it uses other prefixes, {@code L} and {@code U}.)
     *
     * @param name the name
     * @return the scheme
     * @throws IllegalArgumentException naming the value and the valid choices if it is unknown
     */
    public static TagScheme parse(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "IOB1" -> IOB1;
            case "BIO", "IOB2" -> BIO;
            case "BIOES", "IOBES" -> BIOES;
            default -> throw new IllegalArgumentException("unknown tag scheme '" + name
                    + "'; valid choices: IOB1, BIO (or IOB2), BIOES (or IOBES)");
        };
    }

    /** @return the prefixes (other than {@code O}) this scheme writes, for example {@code B, I} */
    public List<String> prefixes() {
        return prefixes;
    }

    /**
     * @param tag a tag
     * @return whether it is {@code O} or one of this scheme's prefixes, {@code '-'} and a non-empty
     *     type (sequence-level well-formedness, such as BIO's {@code I-} after {@code O}, is not checked)
     */
    public boolean isValidTag(String tag) {
        if (tag.equals("O")) {
            return true;
        }
        int dash = tag.indexOf('-');
        return dash > 0 && dash < tag.length() - 1 && prefixes.contains(tag.substring(0, dash));
    }

    /**
     * Writes entities as tags in this scheme.
     *
     * @param spans entities in order of position, non-overlapping, each with a non-empty type
     * @param length the number of words
     * @return one tag per word, {@code O} outside the entities
     * @throws IllegalArgumentException if a span overlaps the previous one, ends after {@code length}
     *     or has an empty type
     */
    public List<String> encode(List<EntitySpan> spans, int length) {
        Objects.requireNonNull(spans, "spans");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, but is: " + length);
        }
        List<String> tags = new ArrayList<>(length);
        EntitySpan previous = null;
        for (EntitySpan span : spans) {
            validate(span, previous, length);
            while (tags.size() < span.start()) {
                tags.add("O");
            }
            boolean adjacentSameType = previous != null && previous.end() == span.start()
                    && previous.type().equals(span.type());
            for (int i = span.start(); i < span.end(); i++) {
                tags.add(prefix(span, i, adjacentSameType) + "-" + span.type());
            }
            previous = span;
        }
        while (tags.size() < length) {
            tags.add("O");
        }
        return tags;
    }

    private String prefix(EntitySpan span, int i, boolean adjacentSameType) {
        boolean first = i == span.start();
        boolean last = i == span.end() - 1;
        return switch (this) {
            case IOB1 -> first && adjacentSameType ? "B" : "I";
            case BIO -> first ? "B" : "I";
            case BIOES -> first && last ? "S" : first ? "B" : last ? "E" : "I";
        };
    }

    private static void validate(EntitySpan span, EntitySpan previous, int length) {
        if (span.type().isEmpty()) {
            throw new IllegalArgumentException("span type must not be empty, but span is: " + span);
        }
        if (span.end() > length) {
            throw new IllegalArgumentException("span must end within " + length + " words, but is: " + span);
        }
        if (previous != null && span.start() < previous.end()) {
            throw new IllegalArgumentException(
                    "spans must be ordered and not overlap, but " + span + " follows " + previous);
        }
    }
}
