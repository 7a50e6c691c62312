package io.mtl4j.head.crf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Reference CRF quantities computed by enumerating every one of the L^n label paths, in double. */
final class BruteForce {

    private BruteForce() {
    }

    /** @return every path of length n over L labels, in lexicographic order */
    static List<int[]> allPaths(int n, int numLabels) {
        List<int[]> paths = new ArrayList<>();
        int[] path = new int[n];
        int total = (int) Math.pow(numLabels, n);
        for (int code = 0; code < total; code++) {
            int rest = code;
            for (int i = n - 1; i >= 0; i--) {
                path[i] = rest % numLabels;
                rest /= numLabels;
            }
            paths.add(path.clone());
        }
        return paths;
    }

    /** @return log of the sum over all paths of exp(score) */
    static double logZ(float[][] emissions, CrfWeights weights) {
        double max = Double.NEGATIVE_INFINITY;
        List<int[]> paths = allPaths(emissions.length, weights.numLabels());
        double[] scores = new double[paths.size()];
        for (int p = 0; p < scores.length; p++) {
            scores[p] = weights.pathScore(emissions, paths.get(p));
            max = Math.max(max, scores[p]);
        }
        double sum = 0;
        for (double s : scores) {
            sum += Math.exp(s - max);
        }
        return max + Math.log(sum);
    }

    /** @return the expected sufficient statistics of the CRF distribution */
    static Expectations expectations(float[][] emissions, CrfWeights weights) {
        int n = emissions.length;
        int numLabels = weights.numLabels();
        double logZ = logZ(emissions, weights);
        Expectations e = new Expectations(new double[n][numLabels], new double[numLabels][numLabels],
                new double[numLabels], new double[numLabels]);
        for (int[] path : allPaths(n, numLabels)) {
            double p = Math.exp(weights.pathScore(emissions, path) - logZ);
            for (int i = 0; i < n; i++) {
                e.marginals[i][path[i]] += p;
                if (i > 0) {
                    e.transitions[path[i - 1]][path[i]] += p;
                }
            }
            e.start[path[0]] += p;
            e.end[path[n - 1]] += p;
        }
        return e;
    }

    /** @return the best path among those the constraints allow, or null if none is allowed */
    static CrfPath best(float[][] emissions, CrfWeights weights, TransitionConstraints constraints) {
        CrfPath best = null;
        for (int[] path : allPaths(emissions.length, weights.numLabels())) {
            if (!isAllowed(path, constraints)) {
                continue;
            }
            double score = weights.pathScore(emissions, path);
            if (best == null || score > best.score()) {
                best = new CrfPath(path, score);
            }
        }
        return best;
    }

    static boolean isAllowed(int[] path, TransitionConstraints constraints) {
        if (path.length == 0) {
            return true;
        }
        if (!constraints.isAllowedStart(path[0]) || !constraints.isAllowedEnd(path[path.length - 1])) {
            return false;
        }
        for (int i = 1; i < path.length; i++) {
            if (!constraints.isAllowed(path[i - 1], path[i])) {
                return false;
            }
        }
        return true;
    }

    static float[][] randomMatrix(Random random, int rows, int cols, float scale) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (random.nextFloat() * 2f - 1f) * scale;
            }
        }
        return m;
    }

    static CrfWeights randomWeights(Random random, int numLabels, float scale) {
        return new CrfWeights(randomMatrix(random, numLabels, numLabels, scale),
                randomMatrix(random, 1, numLabels, scale)[0], randomMatrix(random, 1, numLabels, scale)[0]);
    }

    /** Marginal and pairwise probabilities, and start/end label probabilities. */
    record Expectations(double[][] marginals, double[][] transitions, double[] start, double[] end) {
    }
}
