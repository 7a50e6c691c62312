package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.head.TaskHead;
import io.mtl4j.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a saved model that turn encoder outputs into predictions: its tokenizer and its heads with
 * their trained weights (a CRF's transitions, say), without the encoder. Another runtime (ONNX Runtime)
 * runs the encoder and decodes through these heads, so its results are the same objects DJL's are.
 *
 * <p>Owns native memory (the heads' small tensors) and the tokenizer; {@link #close()} frees both.
 */
public final class SavedHeads implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, TaskHead> heads;
    private final TextTokenizer tokenizer;

    private SavedHeads(NDManager manager, Map<String, TaskHead> heads, TextTokenizer tokenizer) {
        this.manager = manager;
        this.heads = Collections.unmodifiableMap(heads);
        this.tokenizer = tokenizer;
    }

    /**
     * Reads a model folder written by {@link MultiTaskModel#save(Path, boolean)}.
     *
     * @param directory the model folder
     * @return the heads and tokenizer
     * @throws IOException if reading fails
     * @throws IllegalArgumentException naming the file and what is missing or does not match
     */
    public static SavedHeads load(Path directory) throws IOException {
        ModelManifest manifest = ModelManifest.read(directory);
        NDManager manager = NDManager.newBaseManager();
        try (NDManager loading = NDManager.newBaseManager()) {
            Map<String, NDArray> weights = SafetensorsFile.read(loading, manifest.headWeights());
            Map<String, TaskHead> heads = new LinkedHashMap<>();
            for (TaskHead head : manifest.heads()) {
                String classifier = MultiTaskModel.headParameterName(head.name(), "classifier.weight");
                NDArray weight = weights.get(classifier);
                if (weight == null || weight.getShape().dimension() != 2) {
                    throw new IllegalArgumentException(manifest.headWeights() + ": tensor '"
                            + classifier + "' of head '" + head.name() + "' is missing or not a matrix");
                }
                head.initialize(manager, Math.toIntExact(weight.getShape().get(1)));
                heads.put(head.name(), head);
            }
            ModelReader.copyHeadWeights(heads.values(), weights, manifest.headWeights());
            TextTokenizer tokenizer = TextTokenizer.fromFile(manifest.tokenizer(), manifest.maxLength());
            return new SavedHeads(manager, heads, tokenizer);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** @return the heads by task name, in the model's output order */
    public Map<String, TaskHead> heads() {
        return heads;
    }

    /** @return the model's tokenizer, with the encoder's maximum length */
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        manager.close();
        tokenizer.close();
    }
}
