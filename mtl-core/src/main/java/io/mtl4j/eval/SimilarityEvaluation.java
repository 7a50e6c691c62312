package io.mtl4j.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How well embeddings rank sentence pairs by similarity, as the STS Benchmark measures it: the Spearman
 * (and Pearson) correlation between the cosine similarity of each pair's embeddings and its gold score,
 * reported ×100 as sentence-transformers' {@code EmbeddingSimilarityEvaluator} does.
 *
 * @param pairs the number of pairs
 * @param spearman Spearman's rank correlation ×100 (ties get their average rank)
 * @param pearson Pearson's correlation ×100
 */
public record SimilarityEvaluation(int pairs, double spearman, double pearson) {

    /**
     * Embeds both sides of every pair and correlates their cosine similarities with the gold scores.
     *
     * @param embedder texts to their embeddings, in order (e.g. {@code texts -> model.encode(texts, false)})
     * @param firsts the first sentence of each pair
     * @param seconds the second sentence of each pair
     * @param gold the gold score of each pair
     * @return the correlations
     * @throws IllegalArgumentException if the lists differ in length, there are fewer than 2 pairs, or the
     *     embedder returns another number of embeddings
     */
    public static SimilarityEvaluation evaluate(Function<List<String>, List<float[]>> embedder, List<String> firsts,
            List<String> seconds, double[] gold) {
        Objects.requireNonNull(embedder, "embedder");
        if (firsts.size() != seconds.size() || firsts.size() != gold.length) {
            throw new IllegalArgumentException("got " + firsts.size() + " first sentences, " + seconds.size()
                    + " second sentences and " + gold.length + " scores; they must be pairs");
        }
        List<float[]> a = embedder.apply(firsts);
        List<float[]> b = embedder.apply(seconds);
        if (a.size() != firsts.size() || b.size() != seconds.size()) {
            throw new IllegalArgumentException("the embedder returned " + a.size() + " and " + b.size()
                    + " embeddings for " + firsts.size() + " pairs");
        }
        double[] cosines = new double[gold.length];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = cosine(a.get(i), b.get(i));
        }
        return of(cosines, gold);
    }

    /**
     * @param predicted a similarity per pair
     * @param gold the gold score per pair
     * @return the correlations between them
     * @throws IllegalArgumentException if the arrays differ in length or hold fewer than 2 values
     */
    public static SimilarityEvaluation of(double[] predicted, double[] gold) {
        if (predicted.length != gold.length) {
            throw new IllegalArgumentException("got " + predicted.length + " similarities for " + gold.length
                    + " gold scores");
        }
        if (gold.length < 2) {
            throw new IllegalArgumentException("a correlation needs at least 2 pairs, but got " + gold.length);
        }
        return new SimilarityEvaluation(gold.length, 100 * pearson(ranks(predicted), ranks(gold)),
                100 * pearson(predicted, gold));
    }

    /**
     * @param a a vector
     * @param b a vector of the same length
     * @return their cosine similarity, 0 if either is all zeros
     */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot compare embeddings of " + a.length + " and " + b.length
                    + " dimensions");
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** 1-based ranks; tied values share the mean of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double mean = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = mean;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** Pearson's correlation; 0 when either side is constant (no ordering to agree with). */
    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
