package io.mtl4j.encoder.bert;

import ai.djl.ndarray.types.Shape;
import io.mtl4j.encoder.weights.FloatTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and names the tensors handed to a {@link BertEncoder}, and infers a configuration from them. */
final class BertWeights {

    /** The prefix Hugging Face's task models (e.g. {@code BertForMaskedLM}) put before encoder names. */
    static final String PREFIX = "bert.";

    private BertWeights() {
    }

    /**
     * Strips the {@code bert.} prefix from every name.
     *
     * @param weights tensors by name, with or without the prefix
     * @param source what the tensors were read from, for messages
     * @param <T> the tensor type
     * @return the tensors by name without prefix, in the original order
     * @throws IllegalArgumentException if a name occurs both with and without the prefix
     */
    static <T> Map<String, T> stripPrefix(Map<String, T> weights, String source) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, T> e : weights.entrySet()) {
            String name = e.getKey().startsWith(PREFIX) ? e.getKey().substring(PREFIX.length()) : e.getKey();
            if (out.put(name, e.getValue()) != null) {
                throw new IllegalArgumentException(source + ": tensor " + name + " occurs both with and without the '"
                        + PREFIX + "' prefix");
            }
        }
        return out;
    }

    /**
     * Checks that every parameter of {@code config} is present with its shape; extra tensors are fine.
     *
     * @param config the architecture
     * @param found the shapes of the available tensors, by name without prefix
     * @param source what the tensors were read from, for messages
     * @throws IllegalArgumentException naming the missing tensors, or the first tensor whose shape
     *     differs with the expected and the found shape
     */
    static void check(BertConfig config, Map<String, Shape> found, String source) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Shape> e : BertBlock.parameterShapes(config).entrySet()) {
            Shape shape = found.get(e.getKey());
            if (shape == null) {
                missing.add(e.getKey());
            } else if (!shape.equals(e.getValue())) {
                throw new IllegalArgumentException(source + ": tensor " + e.getKey() + " has shape " + shape
                        + ", expected " + e.getValue());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": missing tensors " + missing);
        }
    }

    /**
     * Infers the architecture from tensor shapes: vocabulary and hidden size from the word
     * embeddings, positions and token types from their tables, layers by counting, the feed-forward
     * size from layer 0. Dropouts and epsilon take Hugging Face's defaults.
     *
     * @param weights tensors by name without prefix
     * @param numHeads the number of attention heads (not recorded in the tensors)
     * @param source what the tensors were read from, for messages
     * @return the configuration
     * @throws IllegalArgumentException naming a tensor needed for the inference that is missing
     */
    static BertConfig infer(Map<String, FloatTensor> weights, int numHeads, String source) {
        long[] word = shapeOf(weights, "embeddings.word_embeddings.weight", source);
        long[] positions = shapeOf(weights, "embeddings.position_embeddings.weight", source);
        long[] types = shapeOf(weights, "embeddings.token_type_embeddings.weight", source);
        long[] intermediate = shapeOf(weights, "encoder.layer.0.intermediate.dense.weight", source);
        int layers = 0;
        while (weights.containsKey("encoder.layer." + layers + ".attention.self.query.weight")) {
            layers++;
        }
        return BertConfig.builder()
                .setVocabSize((int) word[0])
                .setHiddenSize((int) word[1])
                .setNumLayers(layers)
                .setNumHeads(numHeads)
                .setIntermediateSize((int) intermediate[0])
                .optMaxPositions((int) positions[0])
                .optTypeVocabSize((int) types[0])
                .build();
    }

    private static long[] shapeOf(Map<String, FloatTensor> weights, String name, String source) {
        FloatTensor t = weights.get(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": missing tensor " + name);
        }
        if (t.shape().length != 2) {
            throw new IllegalArgumentException(source + ": tensor " + name + " must be a matrix, but has shape "
                    + t.djlShape());
        }
        return t.shape();
    }
}
