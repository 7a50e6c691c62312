package io.mtl4j.head.crf;

import ai.djl.ndarray.NDArray;
import io.mtl4j.engine.Scalars;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import io.mtl4j.label.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A linear-chain conditional random field over the labelled (scored) positions of token sequences.
 *
 * <p>Parameters, all float32 and trainable: {@value #TRANSITIONS} {@code [L, L]} (score of label
 * {@code to} right after label {@code from}, indexed {@code [from, to]}), {@value #START_TRANSITIONS}
 * {@code [L]} and {@value #END_TRANSITIONS} {@code [L]}. They are initialised from
 * uniform(-0.1, 0.1) ({@link #INIT_RANGE}) drawn by a {@link Random} seeded at construction, so a
 * run can be replayed (the pytorch-crf package initialises with the same range).
 *
 * <p>The sequence the CRF sees is the compacted one: for each example, the positions whose label is
 * not {@link Labels#IGNORE_INDEX}, in order. Transitions therefore link consecutive words, whatever
 * the sub-words between them.
 *
 * <p>{@link TransitionConstraints} apply to decoding only, not to {@link #negativeLogLikelihood}:
 * the model learns low scores for transitions the data never shows, and a training set with a few
 * ill-formed tag sequences (IOB1 files, annotation slips) still gives a finite, useful loss instead of
 * one dominated by a {@code -1e4} penalty.
 *
 * <p>Ownership: the parameter arrays live in the manager given to {@link #initialize(NDManager)};
 * whoever owns that manager frees them by closing it. The arrays made by
 * {@link #negativeLogLikelihood} live in the emissions' manager. Not thread-safe for training;
 * decoding from a {@link #snapshot()} is.
 */
public final class ConditionalRandomField {

    /** Name of the {@code [L, L]} transition parameter. */
    public static final String TRANSITIONS = "crf.transitions";
    /** Name of the {@code [L]} start parameter. */
    public static final String START_TRANSITIONS = "crf.start_transitions";
    /** Name of the {@code [L]} end parameter. */
    public static final String END_TRANSITIONS = "crf.end_transitions";
    /** Half-width of the uniform initialisation range. */
    public static final float INIT_RANGE = 0.1f;
    /** Seed used by {@link #ConditionalRandomField(int)}. */
    public static final long DEFAULT_SEED = 42L;

    private final int numLabels;
    private final Parameter transitions;
    private final Parameter startTransitions;
    private final Parameter endTransitions;
    private final Map<String, Parameter> namedParameters;

    /**
     * Creates a CRF initialised with {@link #DEFAULT_SEED}.
     *
     * @param numLabels L, positive
     */
    public ConditionalRandomField(int numLabels) {
        this(numLabels, DEFAULT_SEED);
    }

    /**
     * Creates a CRF; call {@link #initialize(NDManager)} before use.
     *
     * @param numLabels L, positive
     * @param seed seed of the uniform initialisation
     */
    public ConditionalRandomField(int numLabels, long seed) {
        if (numLabels <= 0) {
            throw new IllegalArgumentException("numLabels must be positive, but is: " + numLabels);
        }
        this.numLabels = numLabels;
        Initializer initializer = seededUniform(new Random(seed));
        this.transitions = parameter(TRANSITIONS, new Shape(numLabels, numLabels), initializer);
        this.startTransitions = parameter(START_TRANSITIONS, new Shape(numLabels), initializer);
        this.endTransitions = parameter(END_TRANSITIONS, new Shape(numLabels), initializer);
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put(TRANSITIONS, transitions);
        named.put(START_TRANSITIONS, startTransitions);
        named.put(END_TRANSITIONS, endTransitions);
        this.namedParameters = Collections.unmodifiableMap(named);
    }

    /** @return L, the number of labels */
    public int numLabels() {
        return numLabels;
    }

    /**
     * @return the parameters keyed by name, in the order transitions, start, end (unmodifiable)
     */
    public Map<String, Parameter> namedParameters() {
        return namedParameters;
    }

    /** @return whether {@link #initialize(NDManager)} has run */
    public boolean isInitialized() {
        return transitions.isInitialized();
    }

    /**
     * Creates the parameter arrays in {@code manager}, with gradients enabled. The manager owns them.
     *
     * @param manager the manager that will own the parameters (usually the model's)
     * @throws IllegalStateException if already initialised
     */
    public void initialize(NDManager manager) {
        Objects.requireNonNull(manager, "manager");
        if (isInitialized()) {
            throw new IllegalStateException("the CRF parameters are already initialized");
        }
        for (Parameter parameter : namedParameters.values()) {
            parameter.initialize(manager, DataType.FLOAT32);
        }
    }

    /**
     * Mean negative log-likelihood of the gold label paths, differentiable with respect to the
     * emissions and the three parameters.
     *
     * <p>For each sequence with at least one scored position, the loss is {@code logZ - score(gold)}
     * over its compacted positions; the result is the mean over those sequences. If no sequence has
     * a scored position the result is a zero that is still connected to {@code emissions}, so
     * {@code backward} works and gives zero gradients.
     *
     * <p>Every array made here is attached to {@code emissions.getManager()}; close that manager (or
     * the enclosing {@code NDScope}) after {@code backward}.
     *
     * @param emissions {@code [B, T, L]} float32 label scores
     * @param labels row-major {@code [B * T]} gold labels in {@code [0, L)}, or
     *     {@link Labels#IGNORE_INDEX} at unscored positions
     * @return the scalar loss, float32
     * @throws IllegalArgumentException if shapes or label values are invalid
     * @throws IllegalStateException if the CRF is not initialised
     */
    public NDArray negativeLogLikelihood(NDArray emissions, int[] labels) {
        Objects.requireNonNull(emissions, "emissions");
        Objects.requireNonNull(labels, "labels");
        requireInitialized();
        Shape shape = checkEmissions(emissions);
        if (emissions.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("emissions must be float32, but are: " + emissions.getDataType());
        }
        int batchSize = (int) shape.get(0);
        int length = (int) shape.get(1);
        ScoredPositions scored = ScoredPositions.fromLabels(labels, batchSize, length, numLabels);
        if (scored.maxCount() == 0) {
            return emissions.sum().mul(Scalars.of(emissions, 0f));
        }
        GoldTensors gold = GoldTensors.of(scored, labels, length, numLabels, emissions.getManager());
        NDArray trans = transitions.getArray();
        NDArray start = startTransitions.getArray();
        NDArray end = endTransitions.getArray();

        // Batch-owned arrays always come first in binary ops, so results attach to the batch's manager.
        NDArray compact = gold.gather().matMul(emissions); // [B, W, L]
        NDArray goldScore = gold.labels().mul(compact).sum(new int[] {1, 2}) // [B]
                .add(gold.transitionCounts().mul(trans).sum(new int[] {1, 2}))
                .add(gold.startOneHot().mul(start).sum(new int[] {1}))
                .add(gold.endOneHot().mul(end).sum(new int[] {1}));

        NDArray alpha = compact.get(new NDIndex(":, 0, :")).add(start); // [B, L]
        for (int w = 1; w < scored.maxCount(); w++) {
            NDArray scores = alpha.expandDims(2).add(trans); // [B, L(from), L(to)]
            NDArray next = logSumExp(scores, 1).add(compact.get(new NDIndex(":, {}, :", w))); // [B, L]
            NDArray step = gold.mask().get(new NDIndex(":, {}", w)).expandDims(1); // [B, 1]
            alpha = next.sub(alpha).mul(step).add(alpha); // unchanged past a sequence's last position
        }
        NDArray logZ = logSumExp(alpha.add(end), 1); // [B]
        return logZ.sub(goldScore).mul(gold.valid()).sum().div(Scalars.of(emissions, gold.validCount()));
    }

    /**
     * Reads the current parameter values into Java, once.
     *
     * @return a copy of the transition scores
     * @throws IllegalStateException if the CRF is not initialised
     */
    public CrfWeights snapshot() {
        requireInitialized();
        float[] flat = transitions.getArray().toFloatArray();
        float[][] matrix = new float[numLabels][numLabels];
        for (int from = 0; from < numLabels; from++) {
            System.arraycopy(flat, from * numLabels, matrix[from], 0, numLabels);
        }
        return new CrfWeights(matrix, startTransitions.getArray().toFloatArray(),
                endTransitions.getArray().toFloatArray());
    }

    /**
     * Overwrites the parameter values (for loading a checkpoint, or tests).
     *
     * @param weights values for the same number of labels
     * @throws IllegalArgumentException if the label counts differ
     * @throws IllegalStateException if the CRF is not initialised
     */
    public void setWeights(CrfWeights weights) {
        Objects.requireNonNull(weights, "weights");
        requireInitialized();
        if (weights.numLabels() != numLabels) {
            throw new IllegalArgumentException(
                    "weights must have " + numLabels + " labels, but have: " + weights.numLabels());
        }
        float[] flat = new float[numLabels * numLabels];
        float[][] matrix = weights.transitions();
        for (int from = 0; from < numLabels; from++) {
            System.arraycopy(matrix[from], 0, flat, from * numLabels, numLabels);
        }
        transitions.getArray().set(flat);
        startTransitions.getArray().set(weights.start());
        endTransitions.getArray().set(weights.end());
    }

    /**
     * Decodes already-compacted sequences with the current weights (read once).
     *
     * @param emissions per sequence {@code [n, L]} label scores at its scored positions
     * @param constraints allowed paths over the same L labels
     * @return the best allowed path of each sequence
     */
    public List<CrfPath> decode(float[][][] emissions, TransitionConstraints constraints) {
        return ViterbiDecoder.decode(emissions, snapshot(), constraints);
    }

    /**
     * Decodes a padded batch: reads the emissions and weights into Java once, keeps the scored
     * positions of each sequence and runs Viterbi on them.
     *
     * @param emissions {@code [B, T, L]} float32 label scores
     * @param scored row-major {@code [B * T]}, true at the positions that get a label (first
     *     sub-words of words)
     * @param constraints allowed paths over the same L labels
     * @return per sequence, one label per scored position, in position order
     */
    public List<CrfPath> decode(NDArray emissions, boolean[] scored, TransitionConstraints constraints) {
        Objects.requireNonNull(emissions, "emissions");
        Objects.requireNonNull(scored, "scored");
        Shape shape = checkEmissions(emissions);
        int batchSize = (int) shape.get(0);
        int length = (int) shape.get(1);
        ScoredPositions positions = ScoredPositions.fromMask(scored, batchSize, length);
        float[] flat = emissions.toFloatArray();
        float[][][] compact = new float[batchSize][][];
        for (int b = 0; b < batchSize; b++) {
            compact[b] = new float[positions.count(b)][numLabels];
            for (int w = 0; w < positions.count(b); w++) {
                int offset = (b * length + positions.position(b, w)) * numLabels;
                System.arraycopy(flat, offset, compact[b][w], 0, numLabels);
            }
        }
        return decode(compact, constraints);
    }

    private Shape checkEmissions(NDArray emissions) {
        Shape shape = emissions.getShape();
        if (shape.dimension() != 3 || shape.get(2) != numLabels) {
            throw new IllegalArgumentException(
                    "emissions must have shape [B, T, " + numLabels + "], but have: " + shape);
        }
        return shape;
    }

    private void requireInitialized() {
        if (!isInitialized()) {
            throw new IllegalStateException("the CRF parameters are not initialized: call initialize(manager) first");
        }
    }

    /** Numerically stable log(sum(exp(x))) over one axis, which is removed. */
    private static NDArray logSumExp(NDArray x, int axis) {
        NDArray max = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {axis}).log().add(max.squeeze(axis));
    }

    private static Parameter parameter(String name, Shape shape, Initializer initializer) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(initializer)
                .build();
    }

    private static Initializer seededUniform(Random random) {
        return (manager, shape, dataType) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (random.nextFloat() * 2f - 1f) * INIT_RANGE;
            }
            return manager.create(values, shape).toType(dataType, false);
        };
    }
}
