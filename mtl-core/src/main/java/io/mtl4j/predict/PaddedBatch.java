package io.mtl4j.predict;

import io.mtl4j.text.TokenizedText;
import java.util.List;

/**
 * Token sequences padded to the longest of the batch, as the row-major {@code [batch, length]} int64
 * inputs every encoder runtime takes. Padding positions have id 0, type 0 and mask 0.
 *
 * @param inputIds token ids
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param tokenTypeIds segment ids
 * @param batch the number of sequences
 * @param length the padded length: the longest sequence's token count
 */
public record PaddedBatch(long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int batch, int length) {

    /**
     * Validates the sizes.
     *
     * @param inputIds token ids
     * @param attentionMask 1 for real tokens, 0 for padding
     * @param tokenTypeIds segment ids
     * @param batch the number of sequences
     * @param length the padded length: the longest sequence's token count
     */
    public PaddedBatch {
        long size = (long) batch * length;
        if (inputIds.length != size || attentionMask.length != size || tokenTypeIds.length != size) {
            throw new IllegalArgumentException("each input must hold batch * length = " + size + " values");
        }
    }

    /**
     * Pads tokenized texts to the longest one; never to a fixed length.
     *
     * @param texts the texts, at least one
     * @return the padded inputs
     */
    public static PaddedBatch of(List<TokenizedText> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one text");
        }
        int length = texts.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        int size = texts.size();
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        for (int b = 0; b < size; b++) {
            TokenizedText t = texts.get(b);
            System.arraycopy(t.ids(), 0, ids, b * length, t.length());
            System.arraycopy(t.typeIds(), 0, types, b * length, t.length());
            java.util.Arrays.fill(mask, b * length, b * length + t.length(), 1L);
        }
        return new PaddedBatch(ids, mask, types, size, length);
    }
}
