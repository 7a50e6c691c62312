package io.mtl4j.predict;

import io.mtl4j.head.Logits;
import io.mtl4j.text.TextTokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in encoder pass with known outputs. The token task {@code place} (O, B-LOC, I-LOC) tags the
 * tokens of given words; tokens within {@code blindEdge} content positions of a window's edge are tagged
 * O, as a model that lacks context there might. The sentence task {@code mood} (bad, good) has logits
 * (number of "bad" tokens, number of "good" tokens) in the window. Every batch's shape is recorded.
 */
final class KeywordForwardPass implements ForwardPass {

    private final Map<Long, Integer> tagOfToken = new LinkedHashMap<>();
    private final long badToken;
    private final long goodToken;
    private final int blindEdge;
    final List<int[]> batchShapes = Collections.synchronizedList(new ArrayList<>());
    final List<long[]> batchLengths = Collections.synchronizedList(new ArrayList<>());

    KeywordForwardPass(TextTokenizer tokenizer, Map<String, Integer> tags, int blindEdge) {
        tags.forEach((word, tag) -> tagOfToken.put(singleToken(tokenizer, word), tag));
        this.badToken = singleToken(tokenizer, "bad");
        this.goodToken = singleToken(tokenizer, "good");
        this.blindEdge = blindEdge;
    }

    static long singleToken(TextTokenizer tokenizer, String word) {
        long[] ids = tokenizer.tokenize(word).ids();
        if (ids.length != 3) {
            throw new IllegalArgumentException("'" + word + "' is not one token");
        }
        return ids[1];
    }

    @Override
    public PassOutput run(PaddedBatch batch, boolean embeddings) {
        int b = batch.batch();
        int t = batch.length();
        batchShapes.add(new int[] {b, t});
        long[] lengths = new long[b];
        float[] place = new float[b * t * 3];
        float[] mood = new float[b * 2];
        for (int i = 0; i < b; i++) {
            int length = 0;
            while (length < t && batch.attentionMask()[i * t + length] == 1) {
                length++;
            }
            lengths[i] = length;
            for (int p = 0; p < length; p++) {
                long id = batch.inputIds()[i * t + p];
                boolean blind = p <= blindEdge || p >= length - 1 - blindEdge;
                int tag = blind ? 0 : tagOfToken.getOrDefault(id, 0);
                place[(i * t + p) * 3 + tag] = 5f;
                mood[i * 2] += id == badToken ? 1 : 0;
                mood[i * 2 + 1] += id == goodToken ? 1 : 0;
            }
        }
        batchLengths.add(lengths);
        float[] embedding = null;
        if (embeddings) {
            embedding = new float[b * 2];
            System.arraycopy(mood, 0, embedding, 0, mood.length);
        }
        return new PassOutput(Map.of("mood", new Logits(mood, b, 1, 2), "place", new Logits(place, b, t, 3)),
                embedding, 2);
    }
}
