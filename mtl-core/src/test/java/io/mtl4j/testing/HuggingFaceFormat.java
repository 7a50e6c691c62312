package io.mtl4j.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertConfig;
import io.mtl4j.text.TextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks files against the specifications Python's loaders rely on, written from the specifications
 * rather than from mtl4j's writer: the safetensors format (huggingface/safetensors README, "Format"),
 * a {@code BertConfig} {@code config.json}, the state dict of transformers' {@code BertModel}, and the
 * sentence-transformers files. Every failure is an {@link IllegalArgumentException} naming the file
 * and the field or tensor.
 */
public final class HuggingFaceFormat {

    /** The dtypes of the safetensors specification, with their sizes in bytes. */
    public static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("U8", 1), Map.entry("I8", 1), Map.entry("F8_E5M2", 1),
            Map.entry("F8_E4M3", 1), Map.entry("I16", 2), Map.entry("U16", 2), Map.entry("F16", 2),
            Map.entry("BF16", 2), Map.entry("I32", 4), Map.entry("U32", 4), Map.entry("F32", 4),
            Map.entry("F64", 8), Map.entry("I64", 8), Map.entry("U64", 8));

    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * One tensor of a safetensors header.
     *
     * @param dtype the dtype
     * @param shape the shape
     * @param begin where its data starts in the byte buffer
     * @param end where its data ends (exclusive)
     */
    public record Tensor(String dtype, List<Long> shape, long begin, long end) {
    }

    private HuggingFaceFormat() {
    }

    /**
     * Checks a safetensors file: an 8-byte little-endian header length N; N bytes of UTF-8 JSON, an object
     * starting with '{', possibly padded with trailing spaces; an optional {@code __metadata__} object of
     * strings; every other entry an object with exactly {@code dtype}, {@code shape}, {@code data_offsets};
     * dtype one of the specification's; offsets [begin, end) relative to the byte buffer, contiguous,
     * non-overlapping, in order and covering the whole buffer; {@code end - begin = product(shape) * size}.
     *
     * @param file the file
     * @return the tensors by name, in header order
     * @throws IllegalArgumentException naming the file and what breaks the specification
     */
    public static Map<String, Tensor> checkSafetensors(Path file) {
        byte[] bytes = read(file);
        if (bytes.length < 8) {
            throw fail(file, "has " + bytes.length + " bytes, fewer than the 8 of the header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > bytes.length - 8L) {
            throw fail(file, "header length " + Long.toUnsignedString(n) + " does not fit the " + (bytes.length - 8)
                    + " bytes after the length");
        }
        String header;
        try {
            header = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, (int) n)).toString();
        } catch (CharacterCodingException e) {
            throw fail(file, "header is not valid UTF-8");
        }
        if (header.charAt(0) != '{') {
            throw fail(file, "header does not start with '{'");
        }
        String trimmed = header.replaceAll(" +$", "");
        if (!trimmed.endsWith("}")) {
            throw fail(file, "header has trailing bytes other than spaces after the JSON object");
        }
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(trimmed);
        } catch (IOException e) {
            throw fail(file, "header is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw fail(file, "header is not a JSON object");
        }
        long bufferLength = bytes.length - 8L - n;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                checkMetadata(file, e.getValue());
            } else {
                tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue()));
            }
        }
        List<Map.Entry<String, Tensor>> byOffset = new ArrayList<>(tensors.entrySet());
        byOffset.sort(Comparator.comparingLong(e -> e.getValue().begin()));
        long expectedBegin = 0;
        for (Map.Entry<String, Tensor> e : byOffset) {
            if (e.getValue().begin() != expectedBegin) {
                throw fail(file, "tensor '" + e.getKey() + "' data_offsets begin at " + e.getValue().begin()
                        + ", expected " + expectedBegin + " (offsets must be contiguous and must not overlap)");
            }
            expectedBegin = e.getValue().end();
        }
        if (expectedBegin != bufferLength) {
            throw fail(file, "the tensors' data ends at " + expectedBegin + ", but the byte buffer has "
                    + bufferLength + " bytes");
        }
        return tensors;
    }

    private static void checkMetadata(Path file, JsonNode metadata) {
        if (!metadata.isObject()) {
            throw fail(file, "__metadata__ must be an object of strings, but is: " + metadata);
        }
        metadata.fields().forEachRemaining(m -> {
            if (!m.getValue().isTextual()) {
                throw fail(file, "__metadata__ value of '" + m.getKey() + "' must be a string, but is: "
                        + m.getValue());
            }
        });
    }

    private static Tensor tensor(Path file, String name, JsonNode entry) {
        String where = "tensor '" + name + "' ";
        if (!entry.isObject()) {
            throw fail(file, where + "must be an object, but is: " + entry);
        }
        Set<String> keys = new TreeSet<>();
        entry.fieldNames().forEachRemaining(keys::add);
        if (!keys.equals(Set.of("data_offsets", "dtype", "shape"))) {
            throw fail(file, where + "must have exactly the keys [data_offsets, dtype, shape], but has: " + keys);
        }
        String dtype = entry.get("dtype").asText();
        Integer size = DTYPE_BYTES.get(dtype);
        if (!entry.get("dtype").isTextual() || size == null) {
            throw fail(file, where + "has dtype " + entry.get("dtype") + ", not one of "
                    + new TreeSet<>(DTYPE_BYTES.keySet()));
        }
        JsonNode shapeNode = entry.get("shape");
        if (!shapeNode.isArray()) {
            throw fail(file, where + "shape must be an array, but is: " + shapeNode);
        }
        List<Long> shape = new ArrayList<>();
        long elements = 1;
        for (JsonNode d : shapeNode) {
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
                throw fail(file, where + "has an invalid shape: " + shapeNode);
            }
            shape.add(d.longValue());
            elements = Math.multiplyExact(elements, d.longValue());
        }
        JsonNode offsets = entry.get("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber() || offsets.get(0).longValue() < 0
                || offsets.get(1).longValue() < offsets.get(0).longValue()) {
            throw fail(file, where + "data_offsets must be [begin, end] with 0 <= begin <= end, but are: " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (end - begin != elements * size) {
            throw fail(file, where + "has dtype " + dtype + " and shape " + shape + " (" + elements * size
                    + " bytes), but data_offsets " + offsets + " span " + (end - begin) + " bytes");
        }
        return new Tensor(dtype, List.copyOf(shape), begin, end);
    }

    /**
     * The tensor names and shapes of transformers' {@code BertModel.state_dict()} for a configuration,
     * written out from {@code modeling_bert.py} (the {@code embeddings.position_ids} and
     * {@code token_type_ids} buffers are not persistent, so not saved), without the pooler.
     *
     * @param c the configuration
     * @return shapes by name
     */
    public static Map<String, List<Long>> bertModelTensors(BertConfig c) {
        long h = c.hiddenSize();
        Map<String, List<Long>> t = new TreeMap<>();
        t.put("embeddings.word_embeddings.weight", List.of((long) c.vocabSize(), h));
        t.put("embeddings.position_embeddings.weight", List.of((long) c.maxPositions(), h));
        t.put("embeddings.token_type_embeddings.weight", List.of((long) c.typeVocabSize(), h));
        t.put("embeddings.LayerNorm.weight", List.of(h));
        t.put("embeddings.LayerNorm.bias", List.of(h));
        for (int i = 0; i < c.numLayers(); i++) {
            String l = "encoder.layer." + i + ".";
            for (String linear : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                t.put(l + linear + ".weight", List.of(h, h));
                t.put(l + linear + ".bias", List.of(h));
            }
            t.put(l + "intermediate.dense.weight", List.of((long) c.intermediateSize(), h));
            t.put(l + "intermediate.dense.bias", List.of((long) c.intermediateSize()));
            t.put(l + "output.dense.weight", List.of(h, (long) c.intermediateSize()));
            t.put(l + "output.dense.bias", List.of(h));
            for (String norm : List.of("attention.output.LayerNorm", "output.LayerNorm")) {
                t.put(l + norm + ".weight", List.of(h));
                t.put(l + norm + ".bias", List.of(h));
            }
        }
        return t;
    }

    /**
     * Checks a {@code config.json} for transformers' {@code BertModel}: {@code model_type "bert"},
     * {@code architectures ["BertModel"]}, every size a JSON integer equal to the expected configuration's,
     * {@code layer_norm_eps} and the dropouts numbers equal to it, {@code hidden_act} its activation.
     *
     * @param file the {@code config.json}
     * @param expected the encoder's configuration
     * @throws IllegalArgumentException naming the file and the first missing or wrong key
     */
    public static void checkBertConfig(Path file, BertConfig expected) {
        JsonNode json = readJson(file);
        requireText(file, json, "model_type", "bert");
        JsonNode architectures = json.get("architectures");
        if (architectures == null || !architectures.isArray() || architectures.size() != 1
                || !"BertModel".equals(architectures.get(0).asText())) {
            throw fail(file, "key 'architectures' must be [\"BertModel\"], but is: " + architectures);
        }
        Map<String, Integer> ints = new LinkedHashMap<>();
        ints.put("vocab_size", expected.vocabSize());
        ints.put("hidden_size", expected.hiddenSize());
        ints.put("num_hidden_layers", expected.numLayers());
        ints.put("num_attention_heads", expected.numHeads());
        ints.put("intermediate_size", expected.intermediateSize());
        ints.put("max_position_embeddings", expected.maxPositions());
        ints.put("type_vocab_size", expected.typeVocabSize());
        ints.forEach((key, value) -> {
            JsonNode v = required(file, json, key);
            if (!v.isIntegralNumber() || v.longValue() != value) {
                throw fail(file, "key '" + key + "' must be the integer " + value + ", but is: " + v);
            }
        });
        Map<String, Double> numbers = Map.of("layer_norm_eps", expected.layerNormEps(),
                "hidden_dropout_prob", expected.hiddenDropout(),
                "attention_probs_dropout_prob", expected.attentionDropout());
        new TreeMap<>(numbers).forEach((key, value) -> {
            JsonNode v = required(file, json, key);
            if (!v.isNumber() || v.doubleValue() != value) {
                throw fail(file, "key '" + key + "' must be the number " + value + ", but is: " + v);
            }
        });
        requireText(file, json, "hidden_act", expected.activation());
    }

    /**
     * Checks a folder written for Python's transformers and sentence-transformers: {@code config.json}
     * (see {@link #checkBertConfig}), {@code model.safetensors} (see {@link #checkSafetensors}) holding
     * exactly {@link #bertModelTensors} in F32, optionally with a {@code pooler.dense} pair,
     * {@code tokenizer.json} that loads, {@code tokenizer_config.json}, {@code special_tokens_map.json}
     * whose tokens are in the tokenizer, and the sentence-transformers files with the pooling and length.
     *
     * @param dir the folder
     * @param expected the encoder's configuration
     * @param pooling the encoder's pooling
     * @param maxLength the encoder's maximum tokens per text
     * @throws IllegalArgumentException naming the file and the first thing that is wrong
     */
    public static void checkBertFolder(Path dir, BertConfig expected, Pooling pooling, int maxLength) {
        checkBertConfig(dir.resolve("config.json"), expected);
        Path weights = dir.resolve("model.safetensors");
        Map<String, Tensor> tensors = checkSafetensors(weights);
        Map<String, List<Long>> expectedTensors = new TreeMap<>(bertModelTensors(expected));
        long h = expected.hiddenSize();
        if (tensors.containsKey("pooler.dense.weight") || tensors.containsKey("pooler.dense.bias")) {
            expectedTensors.put("pooler.dense.weight", List.of(h, h));
            expectedTensors.put("pooler.dense.bias", List.of(h));
        }
        Set<String> missing = new TreeSet<>(expectedTensors.keySet());
        missing.removeAll(tensors.keySet());
        Set<String> extra = new TreeSet<>(tensors.keySet());
        extra.removeAll(expectedTensors.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw fail(weights, "tensors differ from BertModel's: missing " + missing + ", unexpected " + extra);
        }
        expectedTensors.forEach((name, shape) -> {
            Tensor t = tensors.get(name);
            if (!t.dtype().equals("F32") || !t.shape().equals(shape)) {
                throw fail(weights, "tensor '" + name + "' must be F32 " + shape + ", but is " + t.dtype() + " "
                        + t.shape());
            }
        });

        Path tokenizerFile = dir.resolve("tokenizer.json");
        try (TextTokenizer tokenizer = TextTokenizer.fromFile(tokenizerFile, maxLength)) {
            if (tokenizer.vocabularySize() > expected.vocabSize()) {
                throw fail(tokenizerFile, "has " + tokenizer.vocabularySize() + " tokens, more than vocab_size");
            }
        }
        JsonNode tokenizerJson = readJson(tokenizerFile);
        Set<String> tokens = new TreeSet<>();
        tokenizerJson.path("model").path("vocab").fieldNames().forEachRemaining(tokens::add);
        tokenizerJson.path("added_tokens").forEach(t -> tokens.add(t.path("content").asText()));
        Path specialMap = dir.resolve("special_tokens_map.json");
        JsonNode special = readJson(specialMap);
        special.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual() || !tokens.contains(e.getValue().asText())) {
                throw fail(specialMap, "key '" + e.getKey() + "' must name a token of tokenizer.json, but is: "
                        + e.getValue());
            }
        });
        Path tokenizerConfig = dir.resolve("tokenizer_config.json");
        JsonNode tc = readJson(tokenizerConfig);
        JsonNode modelMax = required(tokenizerConfig, tc, "model_max_length");
        if (!modelMax.isIntegralNumber() || modelMax.intValue() != maxLength) {
            throw fail(tokenizerConfig, "key 'model_max_length' must be " + maxLength + ", but is: " + modelMax);
        }
        required(tokenizerConfig, tc, "tokenizer_class");
        special.fields().forEachRemaining(e -> requireText(tokenizerConfig, tc, e.getKey(), e.getValue().asText()));

        Path modules = dir.resolve("modules.json");
        JsonNode m = readJson(modules);
        if (!m.isArray() || m.size() != 2
                || !"sentence_transformers.models.Transformer".equals(m.get(0).path("type").asText())
                || !"".equals(m.get(0).path("path").asText(null))
                || !"sentence_transformers.models.Pooling".equals(m.get(1).path("type").asText())) {
            throw fail(modules, "must list a Transformer at path \"\" then a Pooling, but is: " + m);
        }
        Path poolingFile = dir.resolve(m.get(1).path("path").asText()).resolve("config.json");
        JsonNode p = readJson(poolingFile);
        JsonNode dim = required(poolingFile, p, "word_embedding_dimension");
        if (!dim.isIntegralNumber() || dim.intValue() != expected.hiddenSize()) {
            throw fail(poolingFile, "key 'word_embedding_dimension' must be " + expected.hiddenSize() + ", but is: "
                    + dim);
        }
        Map<String, Boolean> modes = new TreeMap<>(Map.of(
                "pooling_mode_cls_token", pooling == Pooling.CLS,
                "pooling_mode_mean_tokens", pooling == Pooling.MEAN,
                "pooling_mode_max_tokens", false,
                "pooling_mode_mean_sqrt_len_tokens", false));
        modes.forEach((key, value) -> {
            JsonNode v = required(poolingFile, p, key);
            if (!v.isBoolean() || v.booleanValue() != value) {
                throw fail(poolingFile, "key '" + key + "' must be " + value + ", but is: " + v);
            }
        });
        Path sentenceBert = dir.resolve("sentence_bert_config.json");
        JsonNode seqLength = required(sentenceBert, readJson(sentenceBert), "max_seq_length");
        if (!seqLength.isIntegralNumber() || seqLength.intValue() != maxLength) {
            throw fail(sentenceBert, "key 'max_seq_length' must be " + maxLength + ", but is: " + seqLength);
        }
        readJson(dir.resolve("config_sentence_transformers.json"));
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode json = STRICT_JSON.readTree(read(file));
            if (json == null || !(json.isObject() || json.isArray())) {
                throw fail(file, "is not a JSON object or array");
            }
            return json;
        } catch (IOException e) {
            throw fail(file, "is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static JsonNode required(Path file, JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null) {
            throw fail(file, "required key '" + key + "' is missing");
        }
        return v;
    }

    private static void requireText(Path file, JsonNode json, String key, String value) {
        JsonNode v = required(file, json, key);
        if (!v.isTextual() || !v.asText().equals(value)) {
            throw fail(file, "key '" + key + "' must be \"" + value + "\", but is: " + v);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static IllegalArgumentException fail(Path file, String message) {
        return new IllegalArgumentException(file + ": " + message);
    }
}
