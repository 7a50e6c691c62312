package io.mtl4j.encoder.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.testing.EncoderInputs;
import io.mtl4j.testing.HuggingFaceFormat;
import io.mtl4j.testing.TestResources;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.text.TextTokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An encoder written as a Hugging Face folder meets the formats' specifications and loads back bit for bit. */
class HuggingFaceFolderWriterTest {

    private static final List<String> TEXTS = List.of("the same embeddings", "exactly, bit for bit",
            "Tokyo 😀 was GREAT", "a", "unaffable résumé naïve");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tiny random BERT per pooling, with the same weights. */
    private static final Map<Pooling, BertEncoder> TINY = new EnumMap<>(Pooling.class);

    @TempDir
    Path dir;

    @BeforeAll
    static void createEncoders() {
        BertEncoder mean = TinyBert.create(7, Pooling.MEAN);
        TINY.put(Pooling.MEAN, mean);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        mean.namedParameters().forEach((name, p) -> weights.put(name, p.getArray()));
        TINY.put(Pooling.CLS, BertEncoder.fromWeights(TinyBert.config(), weights,
                TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), TinyBert.MAX_LENGTH), Pooling.CLS));
    }

    @AfterAll
    static void closeEncoders() {
        TINY.values().forEach(BertEncoder::close);
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void tinyBertFolderMeetsTheSpecificationsAndLoadsBackBitForBit(Pooling pooling) throws IOException {
        Path folder = dir.resolve("hf");
        BertEncoder original = TINY.get(pooling);
        original.saveHuggingFaceFolder(folder, false);
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(folder); // no temporary folder left behind
        }
        assertThat(files(folder)).containsExactly("1_Pooling/config.json", "config.json",
                "config_sentence_transformers.json", "model.safetensors", "modules.json",
                "sentence_bert_config.json", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json");
        HuggingFaceFormat.checkBertFolder(folder, TinyBert.config(), pooling, TinyBert.MAX_LENGTH);
        try (BertEncoder loaded = BertEncoder.fromHuggingFaceFolder(folder, pooling, TinyBert.MAX_LENGTH)) {
            assertSameEncoder(loaded, original);
        }
    }

    @Test
    void miniLmFolderMeetsTheSpecificationsAndLoadsBackBitForBit() throws IOException {
        Path folder = dir.resolve("all-MiniLM-L6-v2");
        try (BertEncoder original = BertEncoder.allMiniLmL6V2()) {
            original.saveHuggingFaceFolder(folder, false);
            HuggingFaceFormat.checkBertFolder(folder, BertConfig.allMiniLmL6V2(), Pooling.MEAN, 256);
            try (BertEncoder loaded = BertEncoder.fromHuggingFaceFolder(folder, Pooling.MEAN)) {
                assertSameEncoder(loaded, original);
            }
        }
    }

    private static void assertSameEncoder(BertEncoder loaded, BertEncoder original) {
        assertThat(loaded.bertConfig()).isEqualTo(original.bertConfig());
        assertThat(loaded.pooling()).isEqualTo(original.pooling());
        assertThat(loaded.maxLength()).isEqualTo(original.maxLength());
        assertThat(loaded.namedParameters().keySet()).containsExactlyElementsOf(original.namedParameters().keySet());
        for (Map.Entry<String, Parameter> e : original.namedParameters().entrySet()) {
            assertThat(Arrays.equals(loaded.namedParameters().get(e.getKey()).getArray().toFloatArray(),
                    e.getValue().getArray().toFloatArray())).as(e.getKey()).isTrue();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList expected = forward(manager, original);
            NDList actual = forward(manager, loaded);
            assertThat(Arrays.equals(actual.get(0).toFloatArray(), expected.get(0).toFloatArray()))
                    .as("token embeddings").isTrue();
            assertThat(Arrays.equals(actual.get(1).toFloatArray(), expected.get(1).toFloatArray()))
                    .as("sentence embeddings").isTrue();
        }
    }

    private static NDList forward(NDManager manager, BertEncoder encoder) {
        return encoder.block().forward(new ParameterStore(manager, false),
                EncoderInputs.of(manager, encoder.tokenizer().tokenize(TEXTS), 0), false);
    }

    @Test
    void writesTheFilesPythonReads() throws IOException {
        Path folder = dir.resolve("hf");
        TINY.get(Pooling.CLS).saveHuggingFaceFolder(folder, false);
        assertJson(folder.resolve("config.json"), """
                {"architectures": ["BertModel"], "attention_probs_dropout_prob": 0.1, "classifier_dropout": null,
                 "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 32, "initializer_range": 0.02,
                 "intermediate_size": 64, "layer_norm_eps": 1e-12, "max_position_embeddings": 64,
                 "model_type": "bert", "num_attention_heads": 2, "num_hidden_layers": 2, "pad_token_id": 0,
                 "position_embedding_type": "absolute", "torch_dtype": "float32", "type_vocab_size": 2,
                 "use_cache": true, "vocab_size": 30522}""");
        assertJson(folder.resolve("tokenizer_config.json"), """
                {"clean_up_tokenization_spaces": true, "cls_token": "[CLS]", "do_basic_tokenize": true,
                 "do_lower_case": true, "mask_token": "[MASK]", "model_max_length": 32, "never_split": null,
                 "pad_token": "[PAD]", "sep_token": "[SEP]", "strip_accents": null, "tokenize_chinese_chars": true,
                 "tokenizer_class": "BertTokenizer", "unk_token": "[UNK]"}""");
        assertJson(folder.resolve("special_tokens_map.json"), """
                {"cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]",
                 "unk_token": "[UNK]"}""");
        assertJson(folder.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]""");
        assertJson(folder.resolve("sentence_bert_config.json"), """
                {"max_seq_length": 32, "do_lower_case": false}""");
        assertJson(folder.resolve("1_Pooling/config.json"), """
                {"word_embedding_dimension": 32, "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false,
                 "pooling_mode_max_tokens": false, "pooling_mode_mean_sqrt_len_tokens": false}""");
        assertJson(folder.resolve("config_sentence_transformers.json"), """
                {"prompts": {}, "default_prompt_name": null, "similarity_fn_name": "cosine"}""");
        assertThat(Files.readAllBytes(folder.resolve("tokenizer.json"))).isEqualTo(TestResources.miniLmTokenizerJson());

        byte[] weights = Files.readAllBytes(folder.resolve("model.safetensors"));
        long headerLength = ByteBuffer.wrap(weights, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        String header = new String(weights, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"embeddings.word_embeddings.weight\":"
                + "{\"dtype\":\"F32\",\"shape\":[30522,32],\"data_offsets\":[0,3906816]},");
        Map<String, HuggingFaceFormat.Tensor> tensors = HuggingFaceFormat.checkSafetensors(folder.resolve("model.safetensors"));
        assertThat(tensors).hasSize(5 + 2 * 16).doesNotContainKey("embeddings.position_ids");
    }

    @Test
    void refusesANonEmptyFolderUnlessOverwriteIsAskedAndThenReplacesIt() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        BertEncoder encoder = TINY.get(Pooling.MEAN);
        assertThatThrownBy(() -> encoder.saveHuggingFaceFolder(dir, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing to save into non-empty folder " + dir.toAbsolutePath().normalize()
                        + "; pass overwrite=true to replace it");
        assertThat(files(dir)).containsExactly("notes.txt");
        encoder.saveHuggingFaceFolder(dir, true);
        assertThat(files(dir)).doesNotContain("notes.txt").contains("config.json", "model.safetensors");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> encoder.saveHuggingFaceFolder(file, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot save a Hugging Face model to " + file + ": it is a file");
    }

    private static void assertJson(Path file, String expected) throws IOException {
        assertThat(JSON.readTree(file.toFile())).as(file.toString()).isEqualTo(JSON.readTree(expected));
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
