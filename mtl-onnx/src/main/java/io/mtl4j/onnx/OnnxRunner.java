package io.mtl4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mtl4j.encoder.weights.FloatTensor;
import io.mtl4j.predict.PaddedBatch;
import io.mtl4j.text.TokenizedText;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs a graph written by {@link OnnxExporter} (fp32 or int8) with ONNX Runtime: one session, all
 * optimisations on ({@code ALL_OPT}), a configurable number of intra-op threads.
 *
 * <p>At load the graph's inputs must be exactly {@code input_ids}, {@code attention_mask},
 * {@code token_type_ids} and its outputs exactly {@code embedding} plus {@code logits.<task>} for the
 * expected tasks; anything else is refused naming the file, what is missing or extra, and the tasks.
 *
 * <p>Thread-safe: any number of threads may call {@code run} at once; {@link #close()} waits for running
 * calls and makes later ones fail.
 */
public final class OnnxRunner implements AutoCloseable {

    private static final Set<String> INPUTS = Set.of(MultiTaskGraph.INPUT_IDS, MultiTaskGraph.ATTENTION_MASK,
            MultiTaskGraph.TOKEN_TYPE_IDS);

    private final Path file;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final List<String> tasks;
    private final List<String> outputNames;
    private final Map<String, String> metadata;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxRunner(Builder builder) {
        this.file = builder.file;
        this.environment = OrtEnvironment.getEnvironment();
        this.session = open(builder);
        try {
            this.tasks = checkSignature(builder.tasks);
            this.outputNames = MultiTaskGraph.outputNames(tasks);
            this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            closeQuietly();
            throw new IllegalArgumentException(file + ": cannot read the graph's signature: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    private OrtSession open(Builder builder) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no ONNX file at " + file);
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(builder.intraOpThreads);
            if (builder.optimizedModelFile != null) {
                options.setOptimizedModelFilePath(builder.optimizedModelFile.toString());
            }
            for (Map.Entry<String, String> e : builder.configEntries.entrySet()) {
                options.addConfigEntry(e.getKey(), e.getValue());
            }
            return environment.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new IllegalArgumentException(file + ": not a model ONNX Runtime can load: " + e.getMessage(), e);
        }
    }

    /** The expected tasks in the graph's output order; refuses a graph whose inputs or outputs differ. */
    private List<String> checkSignature(Collection<String> expectedTasks) throws OrtException {
        Set<String> inputs = session.getInputNames();
        if (!inputs.equals(INPUTS)) {
            throw new IllegalArgumentException(file + ": graph inputs must be " + new TreeSet<>(INPUTS)
                    + ", but missing are " + difference(INPUTS, inputs) + " and unexpected are "
                    + difference(inputs, INPUTS));
        }
        Set<String> expected = new LinkedHashSet<>(MultiTaskGraph.outputNames(List.copyOf(expectedTasks)));
        Set<String> outputs = session.getOutputNames();
        if (!outputs.equals(expected)) {
            throw new IllegalArgumentException(file + ": graph outputs do not match the tasks "
                    + new TreeSet<>(expectedTasks) + ": missing " + difference(expected, outputs) + ", unexpected "
                    + difference(outputs, expected) + " (expected " + new TreeSet<>(expected) + ")");
        }
        List<String> ordered = new ArrayList<>();
        for (String output : outputs) {
            if (output.startsWith(MultiTaskGraph.LOGITS_PREFIX)) {
                ordered.add(output.substring(MultiTaskGraph.LOGITS_PREFIX.length()));
            }
        }
        return List.copyOf(ordered);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** @return the file this runner loaded */
    public Path file() {
        return file;
    }

    /** @return the task names, in the graph's output order */
    public List<String> tasks() {
        return tasks;
    }

    /** @return the file's {@code metadata_props} (see {@link OnnxExporter} for the mtl4j keys) */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Runs padded texts: each row of ids, mask and types is one text, padded to the same length with
     * mask 0.
     *
     * @param inputIds token ids {@code [B][T]}
     * @param attentionMask 1 for real tokens, 0 for padding, {@code [B][T]}
     * @param tokenTypeIds segment ids {@code [B][T]}
     * @return the outputs
     * @throws IllegalArgumentException if the arrays are empty or their shapes differ
     */
    public OnnxOutputs run(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {
        int batch = inputIds.length;
        int length = batch == 0 ? 0 : inputIds[0].length;
        return run(flatten(inputIds, length, "inputIds"), flatten(attentionMask, length, "attentionMask"),
                flatten(tokenTypeIds, length, "tokenTypeIds"), batch, length);
    }

    /**
     * Tokenized texts, padded to the longest with id 0 and mask 0.
     *
     * @param texts at least one tokenized text
     * @return the outputs, rows in the order of {@code texts}
     */
    public OnnxOutputs run(List<TokenizedText> texts) {
        PaddedBatch batch = PaddedBatch.of(texts);
        return run(batch.inputIds(), batch.attentionMask(), batch.tokenTypeIds(), batch.batch(), batch.length());
    }

    /**
     * Runs row-major {@code [B, T]} inputs.
     *
     * @param inputIds token ids
     * @param attentionMask 1 for real tokens, 0 for padding
     * @param tokenTypeIds segment ids
     * @param batch B, at least 1
     * @param length T, at least 1
     * @return the outputs
     * @throws IllegalArgumentException if B or T is below 1 or an array does not hold B * T values
     * @throws IllegalStateException if the runner is closed or ONNX Runtime fails
     */
    public OnnxOutputs run(long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int batch, int length) {
        if (batch < 1 || length < 1) {
            throw new IllegalArgumentException("batch and length must be at least 1, but are: " + batch + ", " + length);
        }
        checkSize(inputIds, batch, length, "inputIds");
        checkSize(attentionMask, batch, length, "attentionMask");
        checkSize(tokenTypeIds, batch, length, "tokenTypeIds");
        long[] shape = {batch, length};
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the ONNX runner for " + file + " is closed");
            }
            try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
                    OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(attentionMask), shape);
                    OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(tokenTypeIds), shape);
                    OrtSession.Result result = session.run(Map.of(MultiTaskGraph.INPUT_IDS, ids,
                            MultiTaskGraph.ATTENTION_MASK, mask, MultiTaskGraph.TOKEN_TYPE_IDS, types))) {
                Map<String, FloatTensor> outputs = new LinkedHashMap<>();
                for (String name : outputNames) {
                    OnnxValue value = result.get(name).orElseThrow();
                    OnnxTensor tensor = (OnnxTensor) value;
                    FloatBuffer buffer = tensor.getFloatBuffer();
                    float[] values = new float[buffer.remaining()];
                    buffer.get(values);
                    outputs.put(name, new FloatTensor(tensor.getInfo().getShape(), values));
                }
                return new OnnxOutputs(outputs, batch);
            } catch (OrtException e) {
                throw new IllegalStateException(file + ": ONNX Runtime failed on a batch of shape [" + batch + ", "
                        + length + "]: " + e.getMessage(), e);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void checkSize(long[] values, int batch, int length, String name) {
        Objects.requireNonNull(values, name);
        if (values.length != (long) batch * length) {
            throw new IllegalArgumentException(name + " must hold batch * length = " + (long) batch * length
                    + " values, but holds " + values.length);
        }
    }

    private static long[] flatten(long[][] rows, int length, String name) {
        long[] out = new long[rows.length * length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != length) {
                throw new IllegalArgumentException("every row of " + name + " must have length " + length
                        + ", but row " + i + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, out, i * length, length);
        }
        return out;
    }

    /** Closes the session once running calls have finished; later calls fail. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Builds an {@link OnnxRunner}: {@code setX} for required settings, {@code optX} for options. */
    public static final class Builder {
        private Path file;
        private Collection<String> tasks;
        private int intraOpThreads = Runtime.getRuntime().availableProcessors();
        private Path optimizedModelFile;
        private final Map<String, String> configEntries = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param file the {@code .onnx} file written by {@link OnnxExporter} or {@link OnnxQuantizer}
         * @return this builder
         */
        public Builder setFile(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * @param tasks the task names the graph must have outputs for (no more, no fewer), e.g. the keys
         *     of {@code MultiTaskModel.heads()}
         * @return this builder
         */
        public Builder setTasks(Collection<String> tasks) {
            this.tasks = List.copyOf(tasks);
            return this;
        }

        /**
         * @param threads ONNX Runtime's intra-op threads (default: available processors)
         * @return this builder
         */
        public Builder optIntraOpThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("intraOpThreads must be at least 1, but is: " + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * @param file where ONNX Runtime saves the graph after its optimisations, to inspect which fusions
         *     applied (default: not saved)
         * @return this builder
         */
        public Builder optOptimizedModelFile(Path file) {
            this.optimizedModelFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * @param key an ONNX Runtime session configuration key, e.g. {@code session.disable_prepacking}
         * @param value its value
         * @return this builder
         */
        public Builder optSessionConfig(String key, String value) {
            configEntries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @return the runner, with its session open
         * @throws IllegalArgumentException naming the file if it cannot be loaded or its inputs or outputs do
         *     not match the tasks
         */
        public OnnxRunner build() {
            if (file == null) {
                throw new IllegalArgumentException("file must be set");
            }
            if (tasks == null) {
                throw new IllegalArgumentException("tasks must be set");
            }
            return new OnnxRunner(this);
        }
    }
}
