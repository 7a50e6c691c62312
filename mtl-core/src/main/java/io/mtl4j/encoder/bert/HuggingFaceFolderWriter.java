package io.mtl4j.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.weights.FloatTensor;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.files.AtomicFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link BertEncoder} as a Hugging Face model folder that Python's
 * {@code transformers.AutoModel.from_pretrained} and {@code sentence_transformers.SentenceTransformer}
 * can load, and that {@link BertEncoder#fromHuggingFaceFolder} reads back bit for bit:
 *
 * <ul>
 *   <li>{@value #CONFIG}: a {@code BertConfig} ({@code model_type "bert"}, {@code architectures
 *       ["BertModel"]}) with the encoder's sizes;
 *   <li>{@value #WEIGHTS}: every parameter under its {@code BertModel} name, dtype {@code F32},
 *       {@code __metadata__ {"format": "pt"}}. The encoder has no pooler, so none is written: transformers
 *       initialises {@code pooler.dense} randomly (and says so); sentence-transformers does not use it;
 *   <li>{@value #TOKENIZER} (the encoder's, byte for byte), {@value #TOKENIZER_CONFIG} and
 *       {@value #SPECIAL_TOKENS_MAP} derived from it;
 *   <li>sentence-transformers' {@value #MODULES} (Transformer, then Pooling), {@value #SENTENCE_BERT_CONFIG}
 *       ({@code max_seq_length} = the encoder's maxLength), {@value #POOLING_CONFIG} (the encoder's pooling)
 *       and {@value #SENTENCE_TRANSFORMERS_CONFIG}.
 * </ul>
 */
public final class HuggingFaceFolderWriter {

    /** The model configuration. */
    public static final String CONFIG = "config.json";
    /** The weights. */
    public static final String WEIGHTS = "model.safetensors";
    /** The fast tokenizer. */
    public static final String TOKENIZER = "tokenizer.json";
    /** The tokenizer's settings for {@code AutoTokenizer}. */
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    /** The special tokens by role. */
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    /** sentence-transformers' module list. */
    public static final String MODULES = "modules.json";
    /** sentence-transformers' Transformer module settings. */
    public static final String SENTENCE_BERT_CONFIG = "sentence_bert_config.json";
    /** sentence-transformers' Pooling module settings. */
    public static final String POOLING_CONFIG = "1_Pooling/config.json";
    /** sentence-transformers' model settings. */
    public static final String SENTENCE_TRANSFORMERS_CONFIG = "config_sentence_transformers.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HuggingFaceFolderWriter() {
    }

    /**
     * Writes the folder atomically: into a hidden sibling, then renamed into place.
     *
     * @param encoder the encoder
     * @param directory the target folder
     * @param overwrite whether an existing non-empty folder may be replaced
     * @throws IOException if writing fails; the target is then unchanged
     * @throws IllegalArgumentException if the folder is a file, or not empty and {@code overwrite} is false
     */
    public static void write(BertEncoder encoder, Path directory, boolean overwrite) throws IOException {
        AtomicFolder.write(directory, overwrite, "a Hugging Face model", folder -> writeInto(encoder, folder));
    }

    /**
     * Writes the folder's files into an existing folder (not atomically: {@link #write} is, and a model's
     * save is as a whole).
     *
     * @param encoder the encoder
     * @param folder an existing, empty folder
     * @throws IOException if writing fails
     */
    public static void writeInto(BertEncoder encoder, Path folder) throws IOException {
        BertConfig config = encoder.bertConfig();
        byte[] tokenizerJson = encoder.tokenizer().json();
        HuggingFaceTokenizerFiles tokenizerFiles = HuggingFaceTokenizerFiles.of(tokenizerJson);
        SafetensorsFile.writeFloat32(folder.resolve(WEIGHTS), tensors(encoder.namedParameters()), Map.of("format", "pt"));
        Files.write(folder.resolve(TOKENIZER), tokenizerJson);
        JSON.writeValue(folder.resolve(CONFIG).toFile(), configJson(config, tokenizerFiles));
        JSON.writeValue(folder.resolve(TOKENIZER_CONFIG).toFile(), tokenizerFiles.tokenizerConfig(encoder.maxLength()));
        JSON.writeValue(folder.resolve(SPECIAL_TOKENS_MAP).toFile(), tokenizerFiles.specialTokensMap());
        JSON.writeValue(folder.resolve(MODULES).toFile(), modules());
        ObjectNode sentenceBert = JSON.createObjectNode();
        sentenceBert.put("max_seq_length", encoder.maxLength());
        sentenceBert.put("do_lower_case", false);
        JSON.writeValue(folder.resolve(SENTENCE_BERT_CONFIG).toFile(), sentenceBert);
        Files.createDirectories(folder.resolve(POOLING_CONFIG).getParent());
        JSON.writeValue(folder.resolve(POOLING_CONFIG).toFile(), poolingConfig(config.hiddenSize(), encoder.pooling()));
        ObjectNode sentenceTransformers = JSON.createObjectNode();
        sentenceTransformers.putObject("prompts");
        sentenceTransformers.putNull("default_prompt_name");
        sentenceTransformers.put("similarity_fn_name", "cosine");
        JSON.writeValue(folder.resolve(SENTENCE_TRANSFORMERS_CONFIG).toFile(), sentenceTransformers);
    }

    private static Map<String, FloatTensor> tensors(Map<String, Parameter> parameters) {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray array = e.getValue().getArray();
            tensors.put(e.getKey(), new FloatTensor(array.getShape().getShape(), array.toFloatArray()));
        }
        return tensors;
    }

    /** The {@code config.json} of a {@code BertModel}, keys sorted as {@code save_pretrained} writes them. */
    static ObjectNode configJson(BertConfig config, HuggingFaceTokenizerFiles tokenizer) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putArray("architectures").add("BertModel");
        n.put("attention_probs_dropout_prob", config.attentionDropout());
        n.putNull("classifier_dropout");
        n.put("hidden_act", config.activation());
        n.put("hidden_dropout_prob", config.hiddenDropout());
        n.put("hidden_size", config.hiddenSize());
        n.put("initializer_range", 0.02);
        n.put("intermediate_size", config.intermediateSize());
        n.put("layer_norm_eps", config.layerNormEps());
        n.put("max_position_embeddings", config.maxPositions());
        n.put("model_type", "bert");
        n.put("num_attention_heads", config.numHeads());
        n.put("num_hidden_layers", config.numLayers());
        tokenizer.padTokenId().ifPresent(id -> n.put("pad_token_id", id));
        n.put("position_embedding_type", "absolute");
        n.put("torch_dtype", "float32");
        n.put("type_vocab_size", config.typeVocabSize());
        n.put("use_cache", true);
        n.put("vocab_size", config.vocabSize());
        return n;
    }

    private static ArrayNode modules() {
        ArrayNode modules = JsonNodeFactory.instance.arrayNode();
        ObjectNode transformer = modules.addObject();
        transformer.put("idx", 0);
        transformer.put("name", "0");
        transformer.put("path", "");
        transformer.put("type", "sentence_transformers.models.Transformer");
        ObjectNode pooling = modules.addObject();
        pooling.put("idx", 1);
        pooling.put("name", "1");
        pooling.put("path", Path.of(POOLING_CONFIG).getParent().toString());
        pooling.put("type", "sentence_transformers.models.Pooling");
        return modules;
    }

    /** The keys sentence-transformers 2.x and later all accept, as all-MiniLM-L6-v2's own file has them. */
    private static ObjectNode poolingConfig(int hiddenSize, Pooling pooling) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("word_embedding_dimension", hiddenSize);
        n.put("pooling_mode_cls_token", pooling == Pooling.CLS);
        n.put("pooling_mode_mean_tokens", pooling == Pooling.MEAN);
        n.put("pooling_mode_max_tokens", false);
        n.put("pooling_mode_mean_sqrt_len_tokens", false);
        return n;
    }
}
