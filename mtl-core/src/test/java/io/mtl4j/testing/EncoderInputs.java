package io.mtl4j.testing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mtl4j.text.TokenizedText;
import java.util.List;

/** Builds padded encoder inputs for tests. */
public final class EncoderInputs {

    private EncoderInputs() {
    }

    /**
     * Pads token ids to the longest text (or {@code minLength}) with id 0 and mask 0.
     *
     * @param manager the owner of the arrays
     * @param texts the tokenized texts
     * @param minLength the minimum padded length T
     * @return {@code NDList(inputIds [B, T], attentionMask [B, T], tokenTypeIds [B, T])}, int64
     */
    public static NDList of(NDManager manager, List<TokenizedText> texts, int minLength) {
        long[][][] arrays = arrays(texts, minLength);
        int b = texts.size();
        int t = arrays[0][0].length;
        Shape shape = new Shape(b, t);
        return new NDList(manager.create(flat(arrays[0]), shape), manager.create(flat(arrays[1]), shape),
                manager.create(flat(arrays[2]), shape));
    }

    /**
     * @param texts the tokenized texts
     * @param minLength the minimum padded length T
     * @return {@code {inputIds, attentionMask, tokenTypeIds}}, each {@code [B][T]}
     */
    public static long[][][] arrays(List<TokenizedText> texts, int minLength) {
        int t = minLength;
        for (TokenizedText text : texts) {
            t = Math.max(t, text.length());
        }
        long[][] ids = new long[texts.size()][t];
        long[][] mask = new long[texts.size()][t];
        long[][] types = new long[texts.size()][t];
        for (int i = 0; i < texts.size(); i++) {
            TokenizedText text = texts.get(i);
            for (int j = 0; j < text.length(); j++) {
                ids[i][j] = text.ids()[j];
                mask[i][j] = 1;
                types[i][j] = text.typeIds()[j];
            }
        }
        return new long[][][] {ids, mask, types};
    }

    private static long[] flat(long[][] rows) {
        int t = rows[0].length;
        long[] out = new long[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * t, t);
        }
        return out;
    }
}
