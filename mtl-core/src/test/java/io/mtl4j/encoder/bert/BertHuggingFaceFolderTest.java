package io.mtl4j.encoder.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.BatchArrays;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.testing.EncoderInputs;
import io.mtl4j.testing.TestResources;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.model.ModelOutput;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import io.mtl4j.train.BatchSource;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loading a Hugging Face folder: config.json, model.safetensors (with "bert." prefix), tokenizer.json. */
class BertHuggingFaceFolderTest {

    private static final String CONFIG_JSON = """
            {"architectures": ["BertModel"], "model_type": "bert", "vocab_size": 30522, "hidden_size": 32,
             "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64,
             "max_position_embeddings": 64, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
             "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "hidden_act": "gelu"}
            """;

    private static BertEncoder original;
    private static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void createOriginal() {
        original = TinyBert.create(11);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
        original.close();
    }

    /** The original's weights as Hugging Face's BertForMaskedLM saves them, plus extra tensors to ignore. */
    private Map<String, NDArray> hfTensors() {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        original.namedParameters().forEach((name, p) -> tensors.put("bert." + name, p.getArray()));
        tensors.put("bert.embeddings.position_ids", manager.arange(0, 64, 1, DataType.INT64).reshape(1, 64));
        tensors.put("bert.pooler.dense.weight", manager.zeros(new Shape(32, 32)));
        tensors.put("cls.predictions.bias", manager.zeros(new Shape(30522)));
        return tensors;
    }

    private void writeFolder(Map<String, NDArray> tensors) throws IOException {
        Files.writeString(dir.resolve("config.json"), CONFIG_JSON);
        Files.write(dir.resolve("tokenizer.json"), TestResources.miniLmTokenizerJson());
        SafetensorsFile.write(dir.resolve("model.safetensors"), tensors);
    }

    @Test
    void loadsTheSameModel() throws IOException {
        writeFolder(hfTensors());
        try (BertEncoder loaded = BertEncoder.fromHuggingFaceFolder(dir, Pooling.MEAN)) {
            assertThat(loaded.bertConfig()).isEqualTo(TinyBert.config());
            assertThat(loaded.maxLength()).isEqualTo(64);
            List<String> texts = List.of("the same outputs", "exactly");
            NDList expected = forward(original, texts);
            NDList actual = forward(loaded, texts);
            assertThat(actual.get(0).toFloatArray()).containsExactly(expected.get(0).toFloatArray());
            assertThat(actual.get(1).toFloatArray()).containsExactly(expected.get(1).toFloatArray());
        }
        // Parameter array names are not changed by writing.
        assertThat(original.namedParameters().get("embeddings.LayerNorm.bias").getArray().getName())
                .isEqualTo("embeddings.LayerNorm.bias");
    }

    @Test
    void namesAMissingTensor() throws IOException {
        Map<String, NDArray> tensors = hfTensors();
        tensors.remove("bert.encoder.layer.1.output.dense.weight");
        tensors.remove("bert.embeddings.LayerNorm.bias");
        writeFolder(tensors);
        assertThatThrownBy(() -> BertEncoder.fromHuggingFaceFolder(dir, Pooling.MEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("model.safetensors") + ": missing tensors [embeddings.LayerNorm.bias, "
                        + "encoder.layer.1.output.dense.weight]");
    }

    @Test
    void namesAWrongShapeWithExpectedAndFound() throws IOException {
        Map<String, NDArray> tensors = hfTensors();
        tensors.put("bert.encoder.layer.0.intermediate.dense.weight", manager.zeros(new Shape(32, 64)));
        writeFolder(tensors);
        assertThatThrownBy(() -> BertEncoder.fromHuggingFaceFolder(dir, Pooling.MEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("model.safetensors") + ": tensor encoder.layer.0.intermediate.dense.weight "
                        + "has shape (32, 64), expected (64, 32)");
    }

    @Test
    void rejectsATokenizerWithIdsBeyondVocabSize() throws IOException {
        Map<String, NDArray> tensors = hfTensors();
        tensors.put("bert.embeddings.word_embeddings.weight", manager.zeros(new Shape(30521, 32)));
        writeFolder(tensors);
        Files.writeString(dir.resolve("config.json"), CONFIG_JSON.replace("30522", "30521"));
        assertThatThrownBy(() -> BertEncoder.fromHuggingFaceFolder(dir, Pooling.MEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": the tokenizer's vocabulary has 30522 tokens, but the encoder's vocab_size is 30521: "
                        + "token id 30521 would have no row in the word embeddings");
    }

    @Test
    void rejectsAMaxLengthBeyondThePositions() throws IOException {
        writeFolder(hfTensors());
        assertThatThrownBy(() -> BertEncoder.fromHuggingFaceFolder(dir, Pooling.MEAN, 65))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLength must be in [1, 64], but is: 65");
    }

    /** How a Hugging Face folder to train from was written. */
    enum Checkpoint {
        /** By mtl4j's {@link HuggingFaceFolderWriter}: BertModel names. */
        BERT_MODEL,
        /** As BertForMaskedLM saves: {@code bert.} prefix, position ids, pooler and {@code cls.*} tensors. */
        BERT_FOR_MASKED_LM
    }

    @ParameterizedTest
    @EnumSource(Checkpoint.class)
    void aHuggingFaceFolderTrainsInAMultiTaskModel(Checkpoint checkpoint) throws IOException {
        if (checkpoint == Checkpoint.BERT_MODEL) {
            original.saveHuggingFaceFolder(dir, true);
        } else {
            Map<String, NDArray> tensors = hfTensors();
            tensors.put("cls.predictions.transform.dense.weight", manager.zeros(new Shape(32, 32)));
            tensors.put("cls.predictions.transform.LayerNorm.weight", manager.ones(new Shape(32)));
            writeFolder(tensors);
        }
        try (MultiTaskModel model = MultiTaskModel.builder()
                .setEncoder(BertEncoder.fromHuggingFaceFolder(dir, Pooling.MEAN, TinyBert.MAX_LENGTH))
                .addHead(SequenceClassificationHead.builder().setName(ToyData.MOOD).setLabels(ToyData.MOODS).build())
                .addHead(TokenClassificationHead.builder().setName(ToyData.PLACE).setLabels(ToyData.TAGS).build())
                .build()) {
            List<Batch> batches = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 32, 5), 16);
            double before = meanLoss(model, batches);
            TrainingResult result = new MultiTaskTrainer(TrainingConfig.builder().optEpochs(3).optLearningRate(3e-3)
                    .optProgressBar(false).build()).fit(model, BatchSource.fixed(batches), List.of());
            double after = meanLoss(model, batches);
            assertThat(result.steps()).isEqualTo(6);
            assertThat(result.skippedSteps()).isZero();
            assertThat(after).as("loss before training: " + before).isLessThan(before * 0.9);
        }
    }

    /** The unweighted sum of the tasks' losses, averaged over the batches, without dropout. */
    private static double meanLoss(MultiTaskModel model, List<Batch> batches) {
        double sum = 0;
        for (Batch batch : batches) {
            try (NDManager m = model.manager().newSubManager(); NDScope scope = new NDScope()) {
                ModelOutput out = model.forward(new ParameterStore(m, false), BatchArrays.encoderInputs(m, batch),
                        false, null);
                for (Map.Entry<String, NDArray> e : out.logits().entrySet()) {
                    sum += model.head(e.getKey()).loss(e.getValue(), batch.labels().get(e.getKey())).getFloat();
                }
            }
        }
        return sum / batches.size();
    }

    private static NDList forward(BertEncoder encoder, List<String> texts) {
        return encoder.block().forward(new ParameterStore(manager, false),
                EncoderInputs.of(manager, encoder.tokenizer().tokenize(texts), 0), false);
    }
}
