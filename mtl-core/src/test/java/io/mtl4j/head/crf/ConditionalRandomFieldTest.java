package io.mtl4j.head.crf;

import static io.mtl4j.label.Labels.IGNORE_INDEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConditionalRandomFieldTest {

    private static final int L = 3;
    private static final int T = 6;
    private static final int X = IGNORE_INDEX;

    /**
     * Three sequences: 3 scored positions with ignored ones interleaved, 4 scored positions, and one
     * with nothing scored (left out of the mean). W = 4.
     */
    private static final int[] LABELS = {
        0, X, 2, 1, X, X,
        X, 1, 1, X, 0, 2,
        X, X, X, X, X, X,
    };

    private NDManager root;
    private NDManager params;
    private NDManager batch;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager("PyTorch");
        params = root.newSubManager();
        batch = root.newSubManager();
    }

    @AfterEach
    void close() {
        root.close();
    }

    @Test
    void negativeLogLikelihoodEqualsBruteForceEnumeration() {
        Random random = new Random(3);
        ConditionalRandomField crf = crf(random);
        float[][][] emissions = randomEmissions(random, 3);

        NDArray nll = crf.negativeLogLikelihood(batch.create(flatten(emissions), new Shape(3, T, L)), LABELS);

        assertThat(nll.getShape()).isEqualTo(new Shape());
        assertThat((double) nll.getFloat()).isCloseTo(bruteForceNll(emissions, LABELS, crf.snapshot()), within(1e-5));
    }

    @Test
    void negativeLogLikelihoodOfOneScoredPositionAndOfFullSequences() {
        Random random = new Random(5);
        ConditionalRandomField crf = crf(random);
        int[] labels = {
            X, X, 2, X, X, X,
            2, 0, 1, 1, 0, 2,
        };
        float[][][] emissions = randomEmissions(random, 2);

        NDArray nll = crf.negativeLogLikelihood(batch.create(flatten(emissions), new Shape(2, T, L)), labels);

        assertThat((double) nll.getFloat()).isCloseTo(bruteForceNll(emissions, labels, crf.snapshot()), within(1e-5));
    }

    @Test
    void gradientsAreMarginalsMinusGoldCounts() {
        Random random = new Random(9);
        ConditionalRandomField crf = crf(random);
        float[][][] emissions = randomEmissions(random, 3);
        CrfWeights weights = crf.snapshot();
        NDArray input = batch.create(flatten(emissions), new Shape(3, T, L));
        input.setRequiresGradient(true);

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(crf.negativeLogLikelihood(input, LABELS));
        }

        // d mean(logZ - gold) = (E[statistic] - gold statistic) / number of sequences with labels
        int validCount = 2;
        float[] expectedEmissionGrad = new float[3 * T * L];
        double[][] expectedTransitionGrad = new double[L][L];
        double[] expectedStartGrad = new double[L];
        double[] expectedEndGrad = new double[L];
        for (int b = 0; b < 2; b++) {
            int[] positions = scoredPositions(LABELS, b);
            float[][] compact = compact(emissions[b], positions);
            BruteForce.Expectations e = BruteForce.expectations(compact, weights);
            int[] gold = goldPath(LABELS, b, positions);
            for (int w = 0; w < positions.length; w++) {
                for (int j = 0; j < L; j++) {
                    double goldValue = gold[w] == j ? 1 : 0;
                    expectedEmissionGrad[(b * T + positions[w]) * L + j] =
                            (float) ((e.marginals()[w][j] - goldValue) / validCount);
                }
                if (w > 0) {
                    expectedTransitionGrad[gold[w - 1]][gold[w]] -= 1.0 / validCount;
                }
            }
            for (int i = 0; i < L; i++) {
                for (int j = 0; j < L; j++) {
                    expectedTransitionGrad[i][j] += e.transitions()[i][j] / validCount;
                }
                expectedStartGrad[i] += e.start()[i] / validCount;
                expectedEndGrad[i] += e.end()[i] / validCount;
            }
            expectedStartGrad[gold[0]] -= 1.0 / validCount;
            expectedEndGrad[gold[gold.length - 1]] -= 1.0 / validCount;
        }
        try (NDArray grad = input.getGradient()) {
            assertThat(grad.toFloatArray()).containsExactly(expectedEmissionGrad, within(1e-4f));
        }
        assertThat(gradient(crf, ConditionalRandomField.TRANSITIONS))
                .containsExactly(toFloats(expectedTransitionGrad), within(1e-4f));
        assertThat(gradient(crf, ConditionalRandomField.START_TRANSITIONS))
                .containsExactly(toFloats(new double[][] {expectedStartGrad}), within(1e-4f));
        assertThat(gradient(crf, ConditionalRandomField.END_TRANSITIONS))
                .containsExactly(toFloats(new double[][] {expectedEndGrad}), within(1e-4f));
    }

    @Test
    void batchWithoutScoredPositionsGivesZeroLossAndZeroGradient() {
        ConditionalRandomField crf = crf(new Random(1));
        NDArray input = batch.ones(new Shape(1, 2, L));
        input.setRequiresGradient(true);

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray nll = crf.negativeLogLikelihood(input, new int[] {X, X});
            assertThat(nll.getFloat()).isEqualTo(0f);
            collector.backward(nll);
        }

        try (NDArray grad = input.getGradient()) {
            assertThat(grad.toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void lossArraysLiveInTheEmissionsManagerNotTheParameters() {
        Random random = new Random(4);
        ConditionalRandomField crf = crf(random);
        int parameterArrays = params.getManagedArrays().size();
        int batchArrays = batch.getManagedArrays().size();

        crf.negativeLogLikelihood(batch.create(flatten(randomEmissions(random, 3)), new Shape(3, T, L)), LABELS);

        assertThat(params.getManagedArrays()).hasSize(parameterArrays);
        assertThat(batch.getManagedArrays().size()).isGreaterThan(batchArrays + 10);
    }

    @Test
    void initializesSeededUniformTrainableParameters() {
        ConditionalRandomField crf = new ConditionalRandomField(4, 17L);
        crf.initialize(params);
        ConditionalRandomField same = new ConditionalRandomField(4, 17L);
        same.initialize(params);
        ConditionalRandomField other = new ConditionalRandomField(4, 18L);
        other.initialize(params);

        assertThat(crf.namedParameters().keySet())
                .containsExactly("crf.transitions", "crf.start_transitions", "crf.end_transitions");
        assertThat(crf.namedParameters().values()).extracting(p -> p.getArray().getShape())
                .containsExactly(new Shape(4, 4), new Shape(4), new Shape(4));
        assertThat(crf.namedParameters().values()).extracting(Parameter::getName)
                .containsExactly("crf.transitions", "crf.start_transitions", "crf.end_transitions");
        for (Parameter p : crf.namedParameters().values()) {
            assertThat(p.getArray().hasGradient()).as(p.getName()).isTrue();
            assertThat(p.getArray().getDataType()).isEqualTo(DataType.FLOAT32);
            for (float v : p.getArray().toFloatArray()) {
                assertThat(v).as(p.getName()).isBetween(-0.1f, 0.1f);
            }
        }
        assertThat(crf.snapshot()).isEqualTo(same.snapshot());
        assertThat(crf.snapshot()).isNotEqualTo(other.snapshot());
        assertThat(crf.snapshot().transitions()[0]).doesNotContain(0f);
    }

    @Test
    void setWeightsRoundTripsThroughSnapshot() {
        ConditionalRandomField crf = crf(new Random(2));
        CrfWeights weights = new CrfWeights(
                new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, new float[] {-1, -2, -3}, new float[] {0.5f, 0, 1});

        crf.setWeights(weights);

        assertThat(crf.snapshot()).isEqualTo(weights);
        assertThat(crf.namedParameters().get("crf.transitions").getArray().toFloatArray())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void decodesAPaddedBatchAtItsScoredPositions() {
        Random random = new Random(8);
        ConditionalRandomField crf = crf(random);
        float[][][] emissions = randomEmissions(random, 2);
        boolean[] scored = new boolean[2 * T];
        for (int t : new int[] {0, 2, 3, 7, 8, 11}) {
            scored[t] = true;
        }
        TransitionConstraints constraints = TransitionConstraints.none(L);

        List<CrfPath> paths = crf.decode(batch.create(flatten(emissions), new Shape(2, T, L)), scored, constraints);

        assertThat(paths).hasSize(2);
        assertThat(paths.get(0)).isEqualTo(
                BruteForce.best(compact(emissions[0], new int[] {0, 2, 3}), crf.snapshot(), constraints));
        assertThat(paths.get(1)).isEqualTo(
                BruteForce.best(compact(emissions[1], new int[] {1, 2, 5}), crf.snapshot(), constraints));
    }

    @Test
    void rejectsBadInputsWithMessagesNamingTheValue() {
        ConditionalRandomField crf = crf(new Random(6));
        NDArray input = batch.zeros(new Shape(1, 2, L));

        assertThatThrownBy(() -> crf.negativeLogLikelihood(input, new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels[0, 1] must be in [0, 3) or -100, but is: 3");
        assertThatThrownBy(() -> crf.negativeLogLikelihood(input, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels must have B * T = 1 * 2 = 2 entries, but has: 1");
        assertThatThrownBy(() -> crf.negativeLogLikelihood(batch.zeros(new Shape(1, 2, 4)), new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("emissions must have shape [B, T, 3], but have: (1, 2, 4)");
        assertThatThrownBy(() -> new ConditionalRandomField(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numLabels must be positive, but is: 0");
        assertThatThrownBy(() -> new ConditionalRandomField(L).snapshot())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the CRF parameters are not initialized: call initialize(manager) first");
        assertThatThrownBy(() -> crf.initialize(params))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the CRF parameters are already initialized");
    }

    /** A CRF in the parameter manager with random weights large enough to matter. */
    private ConditionalRandomField crf(Random random) {
        ConditionalRandomField crf = new ConditionalRandomField(L);
        crf.initialize(params);
        crf.setWeights(BruteForce.randomWeights(random, L, 1f));
        return crf;
    }

    private static double bruteForceNll(float[][][] emissions, int[] labels, CrfWeights weights) {
        double sum = 0;
        int count = 0;
        for (int b = 0; b < emissions.length; b++) {
            int[] positions = scoredPositions(labels, b);
            if (positions.length == 0) {
                continue;
            }
            float[][] compact = compact(emissions[b], positions);
            sum += BruteForce.logZ(compact, weights) - weights.pathScore(compact, goldPath(labels, b, positions));
            count++;
        }
        return sum / count;
    }

    private static float[][][] randomEmissions(Random random, int batchSize) {
        float[][][] e = new float[batchSize][][];
        for (int b = 0; b < batchSize; b++) {
            e[b] = BruteForce.randomMatrix(random, T, L, 2f);
        }
        return e;
    }

    private static int[] scoredPositions(int[] labels, int example) {
        return IntStream.range(0, T).filter(t -> labels[example * T + t] != X).toArray();
    }

    private static int[] goldPath(int[] labels, int example, int[] positions) {
        return Arrays.stream(positions).map(t -> labels[example * T + t]).toArray();
    }

    private static float[][] compact(float[][] emissions, int[] positions) {
        float[][] c = new float[positions.length][];
        for (int w = 0; w < positions.length; w++) {
            c[w] = emissions[positions[w]];
        }
        return c;
    }

    private static float[] flatten(float[][][] e) {
        float[] flat = new float[e.length * T * L];
        for (int b = 0; b < e.length; b++) {
            for (int t = 0; t < T; t++) {
                System.arraycopy(e[b][t], 0, flat, (b * T + t) * L, L);
            }
        }
        return flat;
    }

    private static float[] toFloats(double[][] m) {
        float[] flat = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                flat[i * m[i].length + j] = (float) m[i][j];
            }
        }
        return flat;
    }

    private static float[] gradient(ConditionalRandomField crf, String name) {
        try (NDArray grad = crf.namedParameters().get(name).getArray().getGradient()) {
            return grad.toFloatArray();
        }
    }
}
