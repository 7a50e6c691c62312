package io.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.batch.Batch;
import io.mtl4j.testing.ToyData;
import io.mtl4j.train.BatchSource;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPersistenceTest {

    private static final List<String> TEXTS = List.of(
            "they visited new york and it was lovely", "we left rome and it was boring", "", "Tokyo 😀 was GREAT");

    private static MultiTaskModel trainedModel(boolean crf) {
        MultiTaskModel model = ToyData.model(11, crf);
        List<Batch> batches = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 11), 16);
        new MultiTaskTrainer(TrainingConfig.builder().optEpochs(2).optLearningRate(3e-3).optProgressBar(false).build())
                .fit(model, BatchSource.fixed(batches), List.of());
        return model;
    }

    @Test
    void reloadedModelPredictsAndEmbedsIdentically(@TempDir Path dir) throws Exception {
        try (MultiTaskModel model = trainedModel(true)) {
            Path target = dir.resolve("model");
            model.save(target, false);
            try (Stream<Path> files = Files.list(target)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("mtl4j-model.json", "model.safetensors", "tokenizer.json");
            }
            try (Stream<Path> siblings = Files.list(dir)) {
                assertThat(siblings).containsExactly(target); // no temporary folder left behind
            }
            try (MultiTaskModel loaded = MultiTaskModel.load(target)) {
                assertThat(loaded.heads().keySet()).containsExactly(ToyData.MOOD, ToyData.PLACE);
                assertThat(loaded.predict(TEXTS, 2)).isEqualTo(model.predict(TEXTS, 2));
                List<float[]> a = model.encode(TEXTS, true);
                List<float[]> b = loaded.encode(TEXTS, true);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.get(i)).containsExactly(a.get(i));
                }
                assertThat(loaded.namedParameters().keySet()).containsExactlyElementsOf(model.namedParameters().keySet());
            }
        }
    }

    @Test
    void savedTensorNamesAreHuggingFaceNamesAndHeadPrefixes() {
        try (MultiTaskModel model = ToyData.model(1, true)) {
            assertThat(model.namedParameters().keySet())
                    .contains("embeddings.word_embeddings.weight", "encoder.layer.1.output.LayerNorm.bias",
                            "heads.mood.classifier.weight", "heads.place.classifier.bias",
                            "heads.place.crf.transitions");
        }
    }

    @Test
    void refusesANonEmptyFolderUnlessOverwriteIsAsked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        try (MultiTaskModel model = ToyData.model(1, false)) {
            assertThatThrownBy(() -> model.save(dir, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("refusing to save into non-empty folder " + dir.toAbsolutePath().normalize()
                            + "; pass overwrite=true to replace it");
            assertThat(dir.resolve("notes.txt")).exists();
            model.save(dir, true);
            assertThat(dir.resolve("notes.txt")).doesNotExist();
            assertThat(dir.resolve("mtl4j-model.json")).exists();
        }
    }

    @Test
    void loadingSaysWhatDoesNotMatch(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .hasMessage(dir + " is not an mtl4j model folder: mtl4j-model.json is missing");
        try (MultiTaskModel model = ToyData.model(1, false)) {
            model.save(dir, true);
        }
        Path manifest = dir.resolve("mtl4j-model.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(manifest.toFile());
        ((ObjectNode) root.get("heads").get(0).get("config")).put("type", "regression");
        json.writeValue(manifest.toFile(), root);
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .hasMessage(manifest + ": head 'mood' has unknown type 'regression'; valid choices: "
                        + "[sequence_classification, token_classification]");

        ((ObjectNode) root.get("heads").get(0).get("config")).put("type", "sequence_classification");
        root.put("format_version", 99);
        json.writeValue(manifest.toFile(), root);
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .hasMessage(manifest + ": format_version 99 is not supported; this mtl4j reads version 1");

        root.put("format_version", 1);
        ((ObjectNode) root.get("heads").get(1)).put("name", "slots");
        json.writeValue(manifest.toFile(), root);
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .hasMessage(dir.resolve("model.safetensors") + ": tensor 'heads.slots.classifier.weight' of head "
                        + "'slots' is missing");

        java.nio.file.Files.delete(dir.resolve("tokenizer.json"));
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .hasMessage(dir + " is an incomplete mtl4j model folder: tokenizer.json is missing");
        assertThatThrownBy(() -> SavedHeads.load(dir))
                .hasMessage(dir + " is an incomplete mtl4j model folder: tokenizer.json is missing");
    }

    @Test
    void savedHeadsDecodeTheModelsOutputsExactlyAsTheModelDoes(@TempDir Path dir) throws Exception {
        List<String> texts = List.of("we flew to paris and it was good", "bad rome", "", "x " + "y ".repeat(50));
        try (MultiTaskModel model = ToyData.model(4, true)) {
            model.save(dir, true);
            try (SavedHeads saved = SavedHeads.load(dir)) {
                assertThat(saved.heads().keySet()).containsExactly(ToyData.MOOD, ToyData.PLACE);
                assertThat(saved.tokenizer().maxLength()).isEqualTo(model.encoder().maxLength());
                for (String task : saved.heads().keySet()) {
                    model.head(task).namedParameters().forEach((name, p) -> assertThat(java.util.Arrays.equals(
                            saved.heads().get(task).namedParameters().get(name).getArray().toFloatArray(),
                            p.getArray().toFloatArray())).as(task + "." + name).isTrue());
                }
                io.mtl4j.predict.MultiTaskPredictor predictor = new io.mtl4j.predict.MultiTaskPredictor(
                        new DjlForwardPass(model, 0), saved::heads, saved.tokenizer(),
                        io.mtl4j.predict.PredictorConfig.defaults());
                assertThat(predictor.predict(texts)).isEqualTo(model.predict(texts));
            }
        }
    }
}
