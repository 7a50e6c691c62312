package io.mtl4j.data.encode;

import io.mtl4j.batch.Batch;
import io.mtl4j.data.ScoredPair;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.text.TokenizedText;
import io.mtl4j.train.BatchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Training batches of scored sentence pairs for a {@code SimilarityObjective}: each batch holds its pairs'
 * sentences as rows {@code 2i} (first) and {@code 2i + 1} (second), padded to the batch's longest sentence,
 * and their scores in {@link Batch#pairScores()} under the objective's name. Pairs are planned like
 * examples ({@link BatchPlanner}: shuffled per epoch, bucketed by the longer sentence of each pair), and
 * each epoch's batches are built as they are read, so an epoch is never held in memory at once.
 */
public final class PairBatches implements BatchSource {

    private final String name;
    private final long padId;
    private final long[][] ids;
    private final float[] scores;
    private final int[] pairLengths;
    private final BatchPlanner planner;
    private final int batchesPerEpoch;

    /**
     * Tokenizes the pairs.
     *
     * @param name the similarity objective's name
     * @param pairs the pairs, at least one
     * @param tokenizer the model's tokenizer (sentences longer than its maximum are truncated)
     * @param planner how pairs are batched; its batch size counts pairs (a batch holds twice as many rows)
     * @param padId the padding token id
     * @throws IllegalArgumentException if there are no pairs
     */
    public PairBatches(String name, List<ScoredPair> pairs, TextTokenizer tokenizer, BatchPlanner planner, long padId) {
        this.name = Objects.requireNonNull(name, "name");
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("there are no sentence pairs for '" + name + "'");
        }
        List<String> texts = new ArrayList<>(pairs.size() * 2);
        for (ScoredPair pair : pairs) {
            texts.add(pair.first());
            texts.add(pair.second());
        }
        List<TokenizedText> tokens = tokenizer.tokenize(texts);
        this.ids = new long[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).ids();
        }
        this.scores = new float[pairs.size()];
        this.pairLengths = new int[pairs.size()];
        for (int p = 0; p < scores.length; p++) {
            scores[p] = pairs.get(p).score();
            pairLengths[p] = Math.max(ids[2 * p].length, ids[2 * p + 1].length);
        }
        this.planner = Objects.requireNonNull(planner, "planner");
        this.padId = padId;
        this.batchesPerEpoch = planner.plan(pairLengths, 0).size();
    }

    /** @return the number of pairs */
    public int pairCount() {
        return scores.length;
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public List<Batch> epoch(int epoch) {
        return EncodedBatches.lazy(planner.plan(pairLengths, epoch), this::collate);
    }

    private Batch collate(int[] pairIndices) {
        int rows = pairIndices.length * 2;
        int length = 0;
        for (int p : pairIndices) {
            length = Math.max(length, pairLengths[p]);
        }
        long[] inputIds = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] types = new long[rows * length];
        Arrays.fill(inputIds, padId);
        float[] batchScores = new float[pairIndices.length];
        for (int k = 0; k < pairIndices.length; k++) {
            int p = pairIndices[k];
            batchScores[k] = scores[p];
            for (int side = 0; side < 2; side++) {
                long[] row = ids[2 * p + side];
                int offset = (2 * k + side) * length;
                System.arraycopy(row, 0, inputIds, offset, row.length);
                Arrays.fill(mask, offset, offset + row.length, 1L);
            }
        }
        return new Batch(rows, length, inputIds, mask, types, Map.of(), Map.of(name, batchScores));
    }
}
