package io.mtl4j.head.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ViterbiDecoderTest {

    private static final List<String> BIO = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");

    /** Paths by hand: 00 = 1.5, 01 = 1.8, 10 = 1.0, 11 = 2.3. */
    private static final CrfWeights HAND = new CrfWeights(
            new float[][] {{0f, -2f}, {1f, 0f}}, new float[] {0.5f, 0f}, new float[] {0f, 0.3f});

    private static final float[][] HAND_EMISSIONS = {{1f, 0f}, {0f, 2f}};

    @Test
    void decodesAHandComputedExample() {
        CrfPath path = ViterbiDecoder.decode(HAND_EMISSIONS, HAND, TransitionConstraints.none(2));

        assertThat(path.labels()).containsExactly(1, 1);
        assertThat(path.score()).isCloseTo(2.3, within(1e-6));
    }

    @Test
    void constraintsExcludePathsWithoutChangingTheirScores() {
        TransitionConstraints startWithZero = TransitionConstraints.of(
                new boolean[][] {{true, true}, {true, true}}, new boolean[] {true, false}, new boolean[] {true, true});

        CrfPath path = ViterbiDecoder.decode(HAND_EMISSIONS, HAND, startWithZero);

        assertThat(path.labels()).containsExactly(0, 1);
        assertThat(path.score()).isCloseTo(1.8, within(1e-6));
    }

    @Test
    void fallsBackToTheUnconstrainedPathWhenNothingIsAllowed() {
        TransitionConstraints nothingEnds = TransitionConstraints.of(
                new boolean[][] {{true, true}, {true, true}}, new boolean[] {true, true}, new boolean[] {false, false});

        CrfPath path = ViterbiDecoder.decode(HAND_EMISSIONS, HAND, nothingEnds);

        assertThat(path.labels()).containsExactly(1, 1);
        assertThat(path.score()).isCloseTo(2.3, within(1e-6));
    }

    @Test
    void emptySequenceGivesAnEmptyPath() {
        List<CrfPath> paths = ViterbiDecoder.decode(
                new float[][][] {{}, HAND_EMISSIONS}, HAND, TransitionConstraints.none(2));

        assertThat(paths).hasSize(2);
        assertThat(paths.get(0)).isEqualTo(new CrfPath(new int[0], 0.0));
        assertThat(paths.get(1).labels()).containsExactly(1, 1);
    }

    @Test
    void matchesBruteForceArgmaxOnRandomInputs() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int numLabels = 2 + random.nextInt(3);
            int n = 1 + random.nextInt(5);
            CrfWeights weights = BruteForce.randomWeights(random, numLabels, 1f);
            float[][] emissions = BruteForce.randomMatrix(random, n, numLabels, 2f);

            CrfPath path = ViterbiDecoder.decode(emissions, weights, TransitionConstraints.none(numLabels));
            CrfPath expected = BruteForce.best(emissions, weights, TransitionConstraints.none(numLabels));

            assertThat(path.labels()).as("trial %d", trial).containsExactly(expected.labels());
            assertThat(path.score()).as("trial %d", trial).isCloseTo(expected.score(), within(1e-9));
        }
    }

    @Test
    void bioConstrainedPathsAreWellFormedAndOptimalAmongAllowedPaths() {
        TransitionConstraints bio = TransitionConstraints.bio(BIO);
        Random random = new Random(11);
        int unconstrainedViolations = 0;
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(5);
            CrfWeights weights = BruteForce.randomWeights(random, BIO.size(), 1f);
            float[][] emissions = BruteForce.randomMatrix(random, n, BIO.size(), 1f);
            for (float[] row : emissions) { // strongly favour I- tags
                row[2] += 4f;
                row[4] += 4f;
            }

            CrfPath path = ViterbiDecoder.decode(emissions, weights, bio);
            CrfPath expected = BruteForce.best(emissions, weights, bio);

            assertWellFormedBio(path.labels(), trial);
            assertThat(path.labels()).as("trial %d", trial).containsExactly(expected.labels());
            assertThat(path.score()).as("trial %d", trial)
                    .isCloseTo(weights.pathScore(emissions, path.labels()), within(1e-9));
            if (!BruteForce.isAllowed(
                    ViterbiDecoder.decode(emissions, weights, TransitionConstraints.none(5)).labels(), bio)) {
                unconstrainedViolations++;
            }
        }
        // The emissions make ill-formed paths win without constraints, so the check above has teeth.
        assertThat(unconstrainedViolations).isGreaterThan(250);
    }

    @Test
    void bioesConstrainedPathsAreOptimalAmongAllowedPaths() {
        List<String> labels = List.of("O", "B-X", "I-X", "E-X", "S-X");
        TransitionConstraints bioes = TransitionConstraints.bioes(labels);
        Random random = new Random(13);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + random.nextInt(5);
            CrfWeights weights = BruteForce.randomWeights(random, labels.size(), 1f);
            float[][] emissions = BruteForce.randomMatrix(random, n, labels.size(), 3f);

            CrfPath path = ViterbiDecoder.decode(emissions, weights, bioes);

            assertThat(path.labels()).as("trial %d", trial)
                    .containsExactly(BruteForce.best(emissions, weights, bioes).labels());
        }
    }

    @Test
    void rejectsMismatchedSizes() {
        assertThatThrownBy(() -> ViterbiDecoder.decode(HAND_EMISSIONS, HAND, TransitionConstraints.none(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("constraints have 3 labels but the weights have 2");
        assertThatThrownBy(() -> ViterbiDecoder.decode(
                        new float[][] {{1f, 2f}, {1f}}, HAND, TransitionConstraints.none(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("emissions[1] must have length 2, but has: 1");
        assertThatThrownBy(() -> ViterbiDecoder.decode(
                        new float[][] {{Float.NaN, Float.NaN}}, HAND, TransitionConstraints.none(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no label path has a finite score: emissions and CRF weights must be finite");
    }

    /** Checks the BIO rule directly on the label names, independently of TransitionConstraints. */
    private static void assertWellFormedBio(int[] labels, int trial) {
        for (int i = 0; i < labels.length; i++) {
            String tag = BIO.get(labels[i]);
            if (tag.startsWith("I-")) {
                assertThat(i).as("trial %d: %s at the start", trial, tag).isPositive();
                String previous = BIO.get(labels[i - 1]);
                String type = tag.substring(2);
                assertThat(previous).as("trial %d: %s after %s", trial, tag, previous).isIn("B-" + type, "I-" + type);
            }
        }
    }
}
