package io.mtl4j.encoder.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The architecture of a BERT encoder, as in Hugging Face's {@code BertConfig}.
 *
 * @param vocabSize the number of token ids
 * @param hiddenSize H, the size of each token's hidden state
 * @param numLayers the number of transformer layers
 * @param numHeads the number of attention heads; must divide {@code hiddenSize}
 * @param intermediateSize the size of each layer's feed-forward hidden layer
 * @param maxPositions the number of position embeddings: the longest input, in tokens
 * @param typeVocabSize the number of token types (segments)
 * @param layerNormEps the epsilon of every layer normalization
 * @param hiddenDropout the dropout rate after embeddings and each sub-layer, in [0, 1)
 * @param attentionDropout the dropout rate on attention probabilities, in [0, 1)
 * @param activation the feed-forward activation; only {@code "gelu"} (exact erf GELU) is supported
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        int maxPositions,
        int typeVocabSize,
        double layerNormEps,
        double hiddenDropout,
        double attentionDropout,
        String activation) {

    /** The only supported activation: the exact (erf) GELU, Hugging Face's {@code "gelu"}. */
    public static final String GELU = "gelu";

    private static final Set<String> BERT_MODEL_TYPES = Set.of("bert");

    /**
     * Validates every field.
     *
     * @param vocabSize the number of token ids
     * @param hiddenSize H, the size of each token's hidden state
     * @param numLayers the number of transformer layers
     * @param numHeads the number of attention heads; must divide {@code hiddenSize}
     * @param intermediateSize the size of each layer's feed-forward hidden layer
     * @param maxPositions the number of position embeddings: the longest input, in tokens
     * @param typeVocabSize the number of token types (segments)
     * @param layerNormEps the epsilon of every layer normalization
     * @param hiddenDropout the dropout rate after embeddings and each sub-layer, in [0, 1)
     * @param attentionDropout the dropout rate on attention probabilities, in [0, 1)
     * @param activation the feed-forward activation; only {@code "gelu"} (exact erf GELU) is supported
     */
    public BertConfig {
        positive("vocabSize", vocabSize);
        positive("hiddenSize", hiddenSize);
        positive("numLayers", numLayers);
        positive("numHeads", numHeads);
        positive("intermediateSize", intermediateSize);
        positive("maxPositions", maxPositions);
        positive("typeVocabSize", typeVocabSize);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hiddenSize must be a multiple of numHeads, but hiddenSize is: "
                    + hiddenSize + " and numHeads is: " + numHeads);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layerNormEps must be positive, but is: " + layerNormEps);
        }
        rate("hiddenDropout", hiddenDropout);
        rate("attentionDropout", attentionDropout);
        if (!GELU.equals(activation)) {
            throw new IllegalArgumentException("activation must be \"gelu\" (the only one supported), but is: "
                    + activation);
        }
    }

    /** @return the size of each attention head, {@code hiddenSize / numHeads} */
    public int headSize() {
        return hiddenSize / numHeads;
    }

    /** @return a builder with Hugging Face's defaults for the optional fields */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration of sentence-transformers' all-MiniLM-L6-v2 */
    public static BertConfig allMiniLmL6V2() {
        return builder().setVocabSize(30522).setHiddenSize(384).setNumLayers(6).setNumHeads(12)
                .setIntermediateSize(1536).build();
    }

    /**
     * Reads a Hugging Face {@code config.json}. Required fields: {@code vocab_size, hidden_size,
     * num_hidden_layers, num_attention_heads, intermediate_size, max_position_embeddings}; the others
     * ({@code type_vocab_size, layer_norm_eps, hidden_dropout_prob, attention_probs_dropout_prob,
     * hidden_act}) default as in Hugging Face. {@code model_type}, if present, must be {@code "bert"}.
     *
     * @param file the {@code config.json}
     * @return the configuration
     * @throws UncheckedIOException naming the file if it cannot be read
     * @throws IllegalArgumentException naming the file and the field that is missing or invalid
     */
    public static BertConfig fromHuggingFaceJson(Path file) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode type = json.get("model_type");
            if (type != null && !BERT_MODEL_TYPES.contains(type.asText())) {
                throw new IllegalArgumentException("model_type must be \"bert\", but is: \"" + type.asText() + "\"");
            }
            Builder b = builder()
                    .setVocabSize(requiredInt(json, "vocab_size"))
                    .setHiddenSize(requiredInt(json, "hidden_size"))
                    .setNumLayers(requiredInt(json, "num_hidden_layers"))
                    .setNumHeads(requiredInt(json, "num_attention_heads"))
                    .setIntermediateSize(requiredInt(json, "intermediate_size"))
                    .optMaxPositions(requiredInt(json, "max_position_embeddings"));
            if (json.has("type_vocab_size")) {
                b.optTypeVocabSize(requiredInt(json, "type_vocab_size"));
            }
            if (json.has("layer_norm_eps")) {
                b.optLayerNormEps(requiredDouble(json, "layer_norm_eps"));
            }
            if (json.has("hidden_dropout_prob")) {
                b.optHiddenDropout(requiredDouble(json, "hidden_dropout_prob"));
            }
            if (json.has("attention_probs_dropout_prob")) {
                b.optAttentionDropout(requiredDouble(json, "attention_probs_dropout_prob"));
            }
            if (json.has("hidden_act")) {
                b.optActivation(json.get("hidden_act").asText());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes this configuration in mtl4j's own format (camel-case keys, the inverse of {@link
     * #fromJson(JsonNode)}).
     *
     * @return a new JSON object
     */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("vocabSize", vocabSize);
        n.put("hiddenSize", hiddenSize);
        n.put("numLayers", numLayers);
        n.put("numHeads", numHeads);
        n.put("intermediateSize", intermediateSize);
        n.put("maxPositions", maxPositions);
        n.put("typeVocabSize", typeVocabSize);
        n.put("layerNormEps", layerNormEps);
        n.put("hiddenDropout", hiddenDropout);
        n.put("attentionDropout", attentionDropout);
        n.put("activation", activation);
        return n;
    }

    /**
     * Reads a configuration written by {@link #toJson()}; every field is required.
     *
     * @param json the JSON object
     * @return the configuration
     * @throws IllegalArgumentException naming the field that is missing or invalid
     */
    public static BertConfig fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("BERT configuration must be a JSON object, but is: " + json);
        }
        JsonNode activation = json.get("activation");
        if (activation == null || !activation.isTextual()) {
            throw new IllegalArgumentException("missing field 'activation'");
        }
        return new BertConfig(
                requiredInt(json, "vocabSize"),
                requiredInt(json, "hiddenSize"),
                requiredInt(json, "numLayers"),
                requiredInt(json, "numHeads"),
                requiredInt(json, "intermediateSize"),
                requiredInt(json, "maxPositions"),
                requiredInt(json, "typeVocabSize"),
                requiredDouble(json, "layerNormEps"),
                requiredDouble(json, "hiddenDropout"),
                requiredDouble(json, "attentionDropout"),
                activation.asText());
    }

    private static int requiredInt(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer, but is: " + v);
        }
        return v.intValue();
    }

    private static double requiredDouble(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a number, but is: " + v);
        }
        return v.doubleValue();
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, but is: " + value);
        }
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), but is: " + value);
        }
    }

    /**
     * Builds a {@link BertConfig}: {@code setX} fields are required, {@code optX} fields default to
     * Hugging Face's values (maxPositions 512, typeVocabSize 2, layerNormEps 1e-12, dropouts 0.1,
     * activation "gelu").
     */
    public static final class Builder {
        private Integer vocabSize;
        private Integer hiddenSize;
        private Integer numLayers;
        private Integer numHeads;
        private Integer intermediateSize;
        private int maxPositions = 512;
        private int typeVocabSize = 2;
        private double layerNormEps = 1e-12;
        private double hiddenDropout = 0.1;
        private double attentionDropout = 0.1;
        private String activation = GELU;

        private Builder() {
        }

        /**
         * @param vocabSize the number of token ids
         * @return this builder
         */
        public Builder setVocabSize(int vocabSize) {
            this.vocabSize = vocabSize;
            return this;
        }

        /**
         * @param hiddenSize H, the size of each token's hidden state
         * @return this builder
         */
        public Builder setHiddenSize(int hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        /**
         * @param numLayers the number of transformer layers
         * @return this builder
         */
        public Builder setNumLayers(int numLayers) {
            this.numLayers = numLayers;
            return this;
        }

        /**
         * @param numHeads the number of attention heads
         * @return this builder
         */
        public Builder setNumHeads(int numHeads) {
            this.numHeads = numHeads;
            return this;
        }

        /**
         * @param intermediateSize the feed-forward hidden size
         * @return this builder
         */
        public Builder setIntermediateSize(int intermediateSize) {
            this.intermediateSize = intermediateSize;
            return this;
        }

        /**
         * @param maxPositions the number of position embeddings (default 512)
         * @return this builder
         */
        public Builder optMaxPositions(int maxPositions) {
            this.maxPositions = maxPositions;
            return this;
        }

        /**
         * @param typeVocabSize the number of token types (default 2)
         * @return this builder
         */
        public Builder optTypeVocabSize(int typeVocabSize) {
            this.typeVocabSize = typeVocabSize;
            return this;
        }

        /**
         * @param layerNormEps the layer-normalization epsilon (default 1e-12)
         * @return this builder
         */
        public Builder optLayerNormEps(double layerNormEps) {
            this.layerNormEps = layerNormEps;
            return this;
        }

        /**
         * @param hiddenDropout the hidden dropout rate (default 0.1)
         * @return this builder
         */
        public Builder optHiddenDropout(double hiddenDropout) {
            this.hiddenDropout = hiddenDropout;
            return this;
        }

        /**
         * @param attentionDropout the attention dropout rate (default 0.1)
         * @return this builder
         */
        public Builder optAttentionDropout(double attentionDropout) {
            this.attentionDropout = attentionDropout;
            return this;
        }

        /**
         * @param activation the activation (only "gelu" is supported)
         * @return this builder
         */
        public Builder optActivation(String activation) {
            this.activation = activation;
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the first required field not set or the invalid field
         */
        public BertConfig build() {
            return new BertConfig(required("vocabSize", vocabSize), required("hiddenSize", hiddenSize),
                    required("numLayers", numLayers), required("numHeads", numHeads),
                    required("intermediateSize", intermediateSize), maxPositions, typeVocabSize, layerNormEps,
                    hiddenDropout, attentionDropout, activation);
        }

        private static int required(String name, Integer value) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must be set");
            }
            return value;
        }
    }
}
