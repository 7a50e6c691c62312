package io.mtl4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text after sub-word tokenization, with everything needed to map tokens back to the original
 * string.
 *
 * <p>All arrays have one entry per token, special tokens ({@code [CLS]}, {@code [SEP]}) included.
 * {@code starts}/{@code ends} are UTF-16 indices into {@link #text()} (what {@link String#substring}
 * takes), {@code -1} for special tokens. {@code wordIds} number the tokenizer's pre-tokenized words
 * (whitespace and punctuation split) from 0, {@code -1} for special tokens.
 *
 * @param text the original text
 * @param ids token ids
 * @param typeIds token type (segment) ids
 * @param wordIds word index of each token, -1 for special tokens
 * @param starts start (inclusive, UTF-16) of each token in {@code text}, -1 for special tokens
 * @param ends end (exclusive, UTF-16) of each token in {@code text}, -1 for special tokens
 * @param truncated whether the text was longer than the encoder's maximum and tokens were dropped
 */
public record TokenizedText(
        String text, long[] ids, long[] typeIds, int[] wordIds, int[] starts, int[] ends, boolean truncated) {

    /**
     * Validates that every array has one entry per token.
     *
     * @param text the original text
     * @param ids token ids
     * @param typeIds token type (segment) ids
     * @param wordIds word index of each token, -1 for special tokens
     * @param starts start (inclusive, UTF-16) of each token in {@code text}, -1 for special tokens
     * @param ends end (exclusive, UTF-16) of each token in {@code text}, -1 for special tokens
     * @param truncated whether the text was longer than the encoder's maximum and tokens were dropped
     */
    public TokenizedText {
        Objects.requireNonNull(text, "text");
        int n = ids.length;
        if (typeIds.length != n || wordIds.length != n || starts.length != n || ends.length != n) {
            throw new IllegalArgumentException("all token arrays must have length " + n);
        }
    }

    /** @return the number of tokens, special tokens included */
    public int length() {
        return ids.length;
    }

    /**
     * Indices of the first token of each pre-tokenized word, in word order: the positions at which a
     * token-classification head predicts a word's label.
     *
     * @return one token index per word
     */
    public int[] firstTokenOfEachWord() {
        List<Integer> firsts = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < wordIds.length; i++) {
            if (wordIds[i] >= 0 && wordIds[i] != previous) {
                firsts.add(i);
                previous = wordIds[i];
            }
        }
        return firsts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The character span of a pre-tokenized word: from the start of its first token to the end of its
     * last token.
     *
     * @param firstToken the index of the word's first token (see {@link #firstTokenOfEachWord()})
     * @return {@code {start, end}} in UTF-16 indices
     */
    public int[] wordSpan(int firstToken) {
        int word = wordIds[firstToken];
        int end = ends[firstToken];
        for (int i = firstToken + 1; i < wordIds.length && wordIds[i] == word; i++) {
            end = ends[i];
        }
        return new int[] {starts[firstToken], end};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedText t
                && text.equals(t.text)
                && Arrays.equals(ids, t.ids)
                && Arrays.equals(typeIds, t.typeIds)
                && Arrays.equals(wordIds, t.wordIds)
                && Arrays.equals(starts, t.starts)
                && Arrays.equals(ends, t.ends)
                && truncated == t.truncated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, Arrays.hashCode(ids), Arrays.hashCode(starts), truncated);
    }

    @Override
    public String toString() {
        return "TokenizedText[text=" + text + ", tokens=" + ids.length + ", truncated=" + truncated + "]";
    }
}
