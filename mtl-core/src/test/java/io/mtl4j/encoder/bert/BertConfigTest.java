package io.mtl4j.encoder.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link BertConfig}: defaults, validation and both JSON formats (no engine). */
class BertConfigTest {

    private static final String MINILM_CONFIG_JSON = """
            {"_name_or_path": "nreimers/MiniLM-L6-H384-uncased", "architectures": ["BertModel"],
             "attention_probs_dropout_prob": 0.1, "gradient_checkpointing": false, "hidden_act": "gelu",
             "hidden_dropout_prob": 0.1, "hidden_size": 384, "initializer_range": 0.02,
             "intermediate_size": 1536, "layer_norm_eps": 1e-12, "max_position_embeddings": 512,
             "model_type": "bert", "num_attention_heads": 12, "num_hidden_layers": 6, "pad_token_id": 0,
             "position_embedding_type": "absolute", "transformers_version": "4.8.2", "type_vocab_size": 2,
             "use_cache": true, "vocab_size": 30522}
            """;

    @TempDir
    Path dir;

    @Test
    void builderAppliesHuggingFaceDefaults() {
        BertConfig c = BertConfig.allMiniLmL6V2();
        assertThat(c).isEqualTo(new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, 0.1, 0.1, "gelu"));
        assertThat(c.headSize()).isEqualTo(32);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|384|12|0.1|gelu|vocabSize must be positive, but is: 0",
        "30522|384|5|0.1|gelu|hiddenSize must be a multiple of numHeads, but hiddenSize is: 384 and numHeads is: 5",
        "30522|384|12|1.0|gelu|hiddenDropout must be in [0, 1), but is: 1.0",
        "30522|384|12|0.1|relu|activation must be \"gelu\" (the only one supported), but is: relu"})
    void validatesFields(int vocab, int hidden, int heads, double dropout, String activation, String message) {
        assertThatThrownBy(() -> BertConfig.builder().setVocabSize(vocab).setHiddenSize(hidden).setNumLayers(1)
                .setNumHeads(heads).setIntermediateSize(8).optHiddenDropout(dropout).optActivation(activation).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void builderNamesAMissingRequiredField() {
        assertThatThrownBy(() -> BertConfig.builder().setVocabSize(10).setHiddenSize(8).setNumLayers(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numHeads must be set");
    }

    @Test
    void readsHuggingFaceConfigJson() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, MINILM_CONFIG_JSON);
        assertThat(BertConfig.fromHuggingFaceJson(file)).isEqualTo(BertConfig.allMiniLmL6V2());
    }

    @Test
    void huggingFaceConfigNamesTheMissingField() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, MINILM_CONFIG_JSON.replace("\"num_hidden_layers\": 6,", ""));
        assertThatThrownBy(() -> BertConfig.fromHuggingFaceJson(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": missing field 'num_hidden_layers'");
    }

    @Test
    void huggingFaceConfigMustBeBert() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, MINILM_CONFIG_JSON.replace("\"model_type\": \"bert\"", "\"model_type\": \"roberta\""));
        assertThatThrownBy(() -> BertConfig.fromHuggingFaceJson(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": model_type must be \"bert\", but is: \"roberta\"");
    }

    @Test
    void huggingFaceConfigRejectsOtherActivations() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, MINILM_CONFIG_JSON.replace("\"hidden_act\": \"gelu\"", "\"hidden_act\": \"gelu_new\""));
        assertThatThrownBy(() -> BertConfig.fromHuggingFaceJson(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": activation must be \"gelu\" (the only one supported), but is: gelu_new");
    }

    @Test
    void ownJsonRoundTrips() {
        BertConfig c = new BertConfig(100, 16, 3, 4, 48, 128, 1, 1e-5, 0.2, 0.0, "gelu");
        assertThat(BertConfig.fromJson(c.toJson())).isEqualTo(c);
    }

    @Test
    void ownJsonNamesTheMissingField() {
        var json = BertConfig.allMiniLmL6V2().toJson();
        json.remove("typeVocabSize");
        assertThatThrownBy(() -> BertConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing field 'typeVocabSize'");
    }
}
