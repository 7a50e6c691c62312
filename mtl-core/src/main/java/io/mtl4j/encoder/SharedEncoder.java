package io.mtl4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoder every task head reads from: one pass per batch serves all heads.
 *
 * <p>Output contract of {@link #block()}: inputs {@code NDList(inputIds [B, T] int64,
 * attentionMask [B, T] int64, tokenTypeIds [B, T] int64)}; outputs {@code NDList(sequence [B, T, H]
 * float32, pooled [B, H] float32)}, where pooled follows {@link #pooling()}. The hidden size H is
 * known before any weights are loaded.
 *
 * <p>An encoder owns its weights (native memory) and its tokenizer; {@link #close()} frees both.
 * When an encoder is handed to a {@code MultiTaskModel}, the model closes it.
 */
public interface SharedEncoder extends AutoCloseable {

    /** @return the type name written to saved models, e.g. {@code "bert"} */
    String type();

    /** @return the DJL block computing the outputs described above */
    Block block();

    /** @return H, the size of each token's hidden state and of the pooled embedding */
    int hiddenSize();

    /** @return the maximum number of tokens per text, special tokens included */
    int maxLength();

    /** @return how the pooled output is computed */
    Pooling pooling();

    /** @return the tokenizer matching this encoder's vocabulary */
    TextTokenizer tokenizer();

    /**
     * @return the encoder's parameters keyed by their Hugging Face tensor names (e.g.
     *     {@code embeddings.word_embeddings.weight}), in a stable order
     */
    Map<String, Parameter> namedParameters();

    /**
     * The number of stacked layers, used by layer-wise learning-rate decay and by freezing the lowest
     * layers.
     *
     * @return the layer count; 0 when the encoder has no such structure (the default)
     */
    default int layerCount() {
        return 0;
    }

    /**
     * Where a parameter sits in the stack: 0 for the embeddings, {@code i + 1} for layer {@code i}
     * (0-based, bottom up), {@code layerCount() + 1} for anything above the last layer.
     *
     * @param parameterName a key of {@link #namedParameters()}
     * @return its depth; the default puts every parameter above the last layer
     */
    default int depthOf(String parameterName) {
        return layerCount() + 1;
    }

    /**
     * Writes the encoder's files into an empty folder: at least {@code model.safetensors} (the tensors of
     * {@link #namedParameters()} by name) and {@code tokenizer.json}, which is what a saved model's
     * {@code encoder/} folder is read back from. The default writes just those two; encoders with a
     * standard folder layout (BERT: a Hugging Face model folder) write that.
     *
     * @param folder an existing, empty folder
     * @throws IOException if writing fails
     */
    default void writeFiles(Path folder) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> tensors.put(name, p.getArray()));
        SafetensorsFile.write(folder.resolve("model.safetensors"), tensors);
        tokenizer().save(folder.resolve("tokenizer.json"));
    }

    /** @return the configuration needed to rebuild this encoder, written as {@code encoder} in a saved model */
    ObjectNode config();

    /** Frees the weights and the tokenizer. */
    @Override
    void close();
}
