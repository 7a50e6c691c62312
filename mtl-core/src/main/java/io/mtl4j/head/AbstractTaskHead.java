package io.mtl4j.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mtl4j.label.LabelVocabulary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Plumbing shared by heads: name, labels, dropout rate and a linear classifier
 * ({@code classifier.weight [C, H]}, {@code classifier.bias [C]}) initialised like Hugging Face's
 * (normal with standard deviation 0.02, zero bias).
 */
public abstract class AbstractTaskHead implements TaskHead {

    private final String name;
    private final LabelVocabulary labels;
    private final float dropout;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    /**
     * @param name the task name (validated)
     * @param labels the label vocabulary
     * @param dropout the dropout rate before the classifier, in [0, 1)
     */
    protected AbstractTaskHead(String name, LabelVocabulary labels, float dropout) {
        this.name = HeadConfigs.validateName(name);
        this.labels = java.util.Objects.requireNonNull(labels, "labels");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), but is: " + dropout);
        }
        this.dropout = dropout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LabelVocabulary labels() {
        return labels;
    }

    /** @return the dropout rate applied to the encoder output before the classifier */
    public float dropout() {
        return dropout;
    }

    @Override
    public void initialize(NDManager manager, int hiddenSize) {
        if (!parameters.isEmpty()) {
            throw new IllegalStateException("head '" + name + "' is already initialised");
        }
        // Seeded from the task name so that the same model definition always starts the same way.
        Random random = new Random(name.hashCode() * 31L + labels.size());
        int classes = labels.size();
        float[] weight = new float[classes * hiddenSize];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (random.nextGaussian() * 0.02);
        }
        register("classifier.weight", manager.create(weight, new Shape(classes, hiddenSize)));
        register("classifier.bias", manager.zeros(new Shape(classes)));
        initializeExtra(manager, hiddenSize);
    }

    /**
     * Creates parameters beyond the classifier (a CRF's transitions, say).
     *
     * @param manager the model's manager
     * @param hiddenSize the encoder's hidden size
     */
    protected void initializeExtra(NDManager manager, int hiddenSize) {
    }

    /**
     * Registers a trainable parameter under a name relative to the head.
     *
     * @param parameterName the name, e.g. {@code crf.transitions}
     * @param value its initial value (owned by the model's manager)
     * @return the parameter
     */
    protected Parameter register(String parameterName, NDArray value) {
        Parameter parameter = Parameter.builder()
                .setName(parameterName)
                .setType(Parameter.Type.WEIGHT)
                .optArray(value.toType(DataType.FLOAT32, false))
                .optRequiresGrad(true)
                .build();
        parameter.getArray().setRequiresGradient(true);
        parameters.put(parameterName, parameter);
        return parameter;
    }

    /**
     * Registers an existing parameter (one a helper object such as a CRF created).
     *
     * @param parameterName the name relative to the head
     * @param parameter the parameter
     */
    protected void register(String parameterName, Parameter parameter) {
        parameters.put(parameterName, parameter);
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        if (parameters.isEmpty()) {
            throw new IllegalStateException("head '" + name + "' is not initialised");
        }
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * Applies dropout and the linear classifier to the last axis.
     *
     * @param store the parameter store
     * @param input {@code [..., H]}
     * @param training whether dropout is active
     * @return logits {@code [..., C]}
     */
    protected NDArray classify(ParameterStore store, NDArray input, boolean training) {
        NDArray x = input;
        if (training && dropout > 0) {
            x = ai.djl.nn.norm.Dropout.dropout(x, dropout, true).singletonOrThrow();
        }
        NDArray weight = store.getValue(parameters.get("classifier.weight"), x.getDevice(), training);
        NDArray bias = store.getValue(parameters.get("classifier.bias"), x.getDevice(), training);
        // The fused op attaches its result to the activation's (per-batch) manager; weight.transpose()
        // would create a temporary in the model's manager on every call.
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /**
     * Checks that logits fit this head and the batch.
     *
     * @param logits the logits
     * @param texts the batch's texts
     * @throws IllegalArgumentException naming the head and the mismatch
     */
    protected void requireClasses(Logits logits, java.util.List<?> texts) {
        if (logits.classes() != labels.size() || logits.batch() != texts.size()) {
            throw new IllegalArgumentException("head '" + name + "' expects logits for " + texts.size() + " texts and "
                    + labels.size() + " labels, but got " + logits.batch() + " texts and " + logits.classes());
        }
    }

    /**
     * Softmax over a row of logits in Java.
     *
     * @param logits the values
     * @param offset where the row starts
     * @param length the row's length
     * @return the probabilities
     */
    protected static double[] softmax(float[] logits, int offset, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double[] p = new double[length];
        double sum = 0;
        for (int i = 0; i < length; i++) {
            p[i] = Math.exp(logits[offset + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
