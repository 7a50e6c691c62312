package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.head.TaskHead;
import io.mtl4j.predict.MultiTaskPredictor;
import io.mtl4j.predict.PredictorConfig;
import io.mtl4j.predict.TextPrediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A shared encoder with named task heads. One encoder pass serves every head, in training and in
 * prediction.
 *
 * <p>The model owns the encoder and the heads' parameters (native memory) and frees them in
 * {@link #close()}. {@link #predict(List)}, {@link #encode(List, boolean)} and predictors from
 * {@link #newPredictor(PredictorConfig)} are thread-safe;
 * training and parameter changes are not, and must not overlap with them.
 */
public final class MultiTaskModel implements AutoCloseable {

    private final SharedEncoder encoder;
    private volatile Map<String, TaskHead> heads;
    private final NDManager manager;
    private final MultiTaskPredictor predictor;

    private MultiTaskModel(SharedEncoder encoder, Map<String, TaskHead> heads) {
        this.encoder = encoder;
        this.heads = Collections.unmodifiableMap(new LinkedHashMap<>(heads));
        this.manager = NDManager.newBaseManager();
        for (TaskHead head : heads.values()) {
            head.initialize(manager, encoder.hiddenSize());
        }
        this.predictor = newPredictor(PredictorConfig.defaults());
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a model saved with {@link #save(Path, boolean)}.
     *
     * @param directory the model folder
     * @return the model
     * @throws IOException if reading fails
     * @throws IllegalArgumentException naming what does not match (missing tensor, unknown head type, ...)
     */
    public static MultiTaskModel load(Path directory) throws IOException {
        return ModelReader.read(directory);
    }

    /**
     * Adds a head to this (possibly trained) model, initialised in the model's manager. The encoder and
     * the other heads are untouched: train the new head with the encoder frozen
     * ({@code TrainableParameters.builder().optFreezeEncoder(true)}) and the old heads' predictions stay
     * exactly as they were. Not to be called while the model trains or predicts.
     *
     * @param head a new, uninitialised head
     * @throws IllegalArgumentException if a head of that name exists
     */
    public synchronized void addHead(TaskHead head) {
        Objects.requireNonNull(head, "head");
        if (heads.containsKey(head.name())) {
            throw new IllegalArgumentException("the model already has a head named '" + head.name() + "'");
        }
        head.initialize(manager, encoder.hiddenSize());
        Map<String, TaskHead> copy = new LinkedHashMap<>(heads);
        copy.put(head.name(), head);
        heads = Collections.unmodifiableMap(copy);
    }

    /** @return the shared encoder */
    public SharedEncoder encoder() {
        return encoder;
    }

    /** @return the heads by task name, in the order they were added */
    public Map<String, TaskHead> heads() {
        return heads;
    }

    /**
     * @param task a task name
     * @return its head
     * @throws IllegalArgumentException listing the known tasks if there is none
     */
    public TaskHead head(String task) {
        TaskHead head = heads.get(task);
        if (head == null) {
            throw new IllegalArgumentException("no task '" + task + "'; tasks: " + heads.keySet());
        }
        return head;
    }

    /**
     * The manager owning the heads' parameters. Per-batch work creates sub-managers of it
     * ({@code manager().newSubManager()}) and closes them after the batch.
     *
     * @return the model's manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * Every parameter by its saved name: the encoder's Hugging Face names, then
     * {@code heads.<task>.<name>} for each head.
     *
     * @return the parameters, in a stable order
     */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> all = new LinkedHashMap<>(encoder.namedParameters());
        for (TaskHead head : heads.values()) {
            head.namedParameters().forEach((name, p) -> all.put(headParameterName(head.name(), name), p));
        }
        return all;
    }

    /**
     * @param task a task name
     * @param parameter a parameter name relative to the head
     * @return the saved name, {@code heads.<task>.<parameter>}
     */
    public static String headParameterName(String task, String parameter) {
        return "heads." + task + "." + parameter;
    }

    /** @return the number of scalar parameters, encoder and heads together */
    public long parameterCount() {
        return namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /**
     * Runs the encoder once and the given heads on its output.
     *
     * @param parameterStore the parameter store
     * @param inputs {@code NDList(inputIds, attentionMask, tokenTypeIds)}, each {@code [B, T]}
     * @param training whether dropout is active
     * @param tasks the heads to run (all heads when null)
     * @return the encoder output and the logits
     */
    public ModelOutput forward(
            ParameterStore parameterStore, NDList inputs, boolean training, Collection<String> tasks) {
        NDList encoded = encoder.block().forward(parameterStore, inputs, training);
        Map<String, NDArray> logits = new LinkedHashMap<>();
        for (TaskHead head : heads.values()) {
            if (tasks == null || tasks.contains(head.name())) {
                logits.put(head.name(), head.forward(parameterStore, encoded, training));
            }
        }
        return new ModelOutput(encoded, logits);
    }

    /**
     * Predicts every task for each text in one encoder pass per batch, with the
     * {@link PredictorConfig#defaults() default settings}: length-sorted batches of 32, long texts read in
     * sliding windows. Blank texts get an empty result.
     *
     * @param texts the texts
     * @return one prediction per text, in order
     * @throws IllegalArgumentException naming the index of a null text
     */
    public List<TextPrediction> predict(List<String> texts) {
        return predictor.predict(texts);
    }

    /**
     * Like {@link #predict(List)}, listing the {@code topK} most probable labels of sentence tasks.
     *
     * @param texts the texts
     * @param topK how many labels to list (at least 1)
     * @return one prediction per text, in order
     */
    public List<TextPrediction> predict(List<String> texts, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, but is: " + topK);
        }
        if (topK == 1) {
            return predictor.predict(texts);
        }
        return newPredictor(PredictorConfig.builder().optTopK(topK).build()).predict(texts);
    }

    /**
     * Computes sentence embeddings with the encoder's pooling; texts longer than the encoder's maximum
     * get the mean of their sliding windows' embeddings.
     *
     * @param texts the texts
     * @param normalize whether to scale each embedding to unit L2 norm
     * @return one {@code float[H]} per text, in order
     */
    public List<float[]> encode(List<String> texts, boolean normalize) {
        return predictor.encode(texts, normalize);
    }

    /**
     * Creates a predictor with its own settings (batch size, concurrency, threads, long texts) over this
     * model on DJL/PyTorch. It is thread-safe and cheap; it does not own the model.
     *
     * @param config the settings
     * @return the predictor
     */
    public MultiTaskPredictor newPredictor(PredictorConfig config) {
        return new MultiTaskPredictor(new DjlForwardPass(this, config.intraOpThreads()), this::heads,
                encoder.tokenizer(), config);
    }

    /**
     * Saves the model atomically: written to a temporary sibling folder, then moved into place.
     *
     * @param directory the target folder
     * @param overwrite whether an existing non-empty folder may be replaced
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the folder is not empty and {@code overwrite} is false
     */
    public void save(Path directory, boolean overwrite) throws IOException {
        ModelWriter.write(this, directory, overwrite);
    }

    @Override
    public void close() {
        manager.close();
        encoder.close();
    }

    /** Builds a {@link MultiTaskModel}. */
    public static final class Builder {
        private SharedEncoder encoder;
        private final Map<String, TaskHead> heads = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param encoder the shared encoder; the model takes ownership and closes it
         * @return this builder
         */
        public Builder setEncoder(SharedEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /**
         * @param head a head (uninitialised); its name must be unique
         * @return this builder
         */
        public Builder addHead(TaskHead head) {
            Objects.requireNonNull(head, "head");
            if (heads.putIfAbsent(head.name(), head) != null) {
                throw new IllegalArgumentException("two heads are named '" + head.name() + "'");
            }
            return this;
        }

        /** @return the model, with the heads' parameters initialised */
        public MultiTaskModel build() {
            if (encoder == null) {
                throw new IllegalArgumentException("encoder must be set");
            }
            if (heads.isEmpty()) {
                throw new IllegalArgumentException("a multi-task model needs at least one head");
            }
            return new MultiTaskModel(encoder, heads);
        }
    }
}
