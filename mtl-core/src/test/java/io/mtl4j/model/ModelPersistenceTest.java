package io.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mtl4j.batch.Batch;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.testing.HuggingFaceFormat;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import io.mtl4j.train.BatchSource;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                        .containsExactlyInAnyOrder("mtl4j-model.json", "model.safetensors", "encoder");
            }
            // The encoder is a Hugging Face model folder; the model's own file holds only the heads.
            HuggingFaceFormat.checkBertFolder(target.resolve("encoder"), TinyBert.config(), Pooling.MEAN,
                    TinyBert.MAX_LENGTH);
            assertThat(HuggingFaceFormat.checkSafetensors(target.resolve("model.safetensors")).keySet())
                    .containsExactlyInAnyOrder("heads.mood.classifier.weight", "heads.mood.classifier.bias",
                            "heads.place.classifier.weight", "heads.place.classifier.bias", "heads.place.crf.transitions",
                            "heads.place.crf.start_transitions", "heads.place.crf.end_transitions");
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
                .hasMessage(manifest + ": format_version 99 is not supported; this mtl4j reads versions 1 to 2");

        root.put("format_version", 2);
        ((ObjectNode) root.get("heads").get(1)).put("name", "slots");
        json.writeValue(manifest.toFile(), root);
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .hasMessage(dir.resolve("model.safetensors") + ": tensor 'heads.slots.classifier.weight' of head "
                        + "'slots' is missing");

        java.nio.file.Files.delete(dir.resolve("encoder/tokenizer.json"));
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .hasMessage(dir + " is an incomplete mtl4j model folder: encoder/tokenizer.json is missing");
        assertThatThrownBy(() -> SavedHeads.load(dir))
                .hasMessage(dir + " is an incomplete mtl4j model folder: encoder/tokenizer.json is missing");
        java.nio.file.Files.delete(dir.resolve("encoder/model.safetensors"));
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .hasMessage(dir + " is an incomplete mtl4j model folder: encoder/model.safetensors is missing");
    }

    /**
     * A folder in format version 1, as mtl4j wrote it before the encoder had its own folder: every tensor in
     * one model.safetensors, tokenizer.json beside it, the same manifest with format_version 1.
     */
    private static Path writeVersion1(MultiTaskModel model, Path dir) throws Exception {
        Path v2 = dir.resolve("v2");
        model.save(v2, false);
        Path v1 = Files.createDirectory(dir.resolve("v1"));
        Map<String, NDArray> all = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> all.put(name, p.getArray()));
        SafetensorsFile.write(v1.resolve("model.safetensors"), all);
        model.encoder().tokenizer().save(v1.resolve("tokenizer.json"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(v2.resolve("mtl4j-model.json").toFile());
        assertThat(manifest.get("format_version").asInt()).isEqualTo(2);
        manifest.put("format_version", 1);
        json.writeValue(v1.resolve("mtl4j-model.json").toFile(), manifest);
        return v1;
    }

    @Test
    void loadsAFolderOfFormatVersion1(@TempDir Path dir) throws Exception {
        try (MultiTaskModel model = ToyData.model(3, true)) {
            Path v1 = writeVersion1(model, dir);
            try (MultiTaskModel loaded = MultiTaskModel.load(v1)) {
                assertThat(loaded.predict(TEXTS, 2)).isEqualTo(model.predict(TEXTS, 2));
                List<float[]> a = model.encode(TEXTS, false);
                List<float[]> b = loaded.encode(TEXTS, false);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(java.util.Arrays.equals(b.get(i), a.get(i))).as(TEXTS.get(i)).isTrue();
                }
                // Saving it again writes version 2, which loads to the same predictions.
                loaded.save(dir.resolve("again"), false);
            }
            try (MultiTaskModel again = MultiTaskModel.load(dir.resolve("again"))) {
                assertThat(again.predict(TEXTS, 2)).isEqualTo(model.predict(TEXTS, 2));
            }
            try (SavedHeads heads = SavedHeads.load(v1)) {
                assertThat(heads.heads().keySet()).containsExactly(ToyData.MOOD, ToyData.PLACE);
                assertThat(heads.tokenizer().maxLength()).isEqualTo(TinyBert.MAX_LENGTH);
            }
            Map<String, NDArray> extra = new LinkedHashMap<>();
            try (NDManager manager = NDManager.newBaseManager()) {
                model.namedParameters().forEach((name, p) -> extra.put(name, p.getArray()));
                extra.put("cls.predictions.bias", manager.zeros(new Shape(3)));
                SafetensorsFile.write(v1.resolve("model.safetensors"), extra);
            }
            assertThatThrownBy(() -> MultiTaskModel.load(v1))
                    .hasMessage(v1.resolve("model.safetensors") + ": tensors not used by any part of the model: "
                            + "[cls.predictions.bias]");
        }
    }

    @Test
    void namesTheFileWithTensorsNoPartUses(@TempDir Path dir) throws Exception {
        try (MultiTaskModel model = ToyData.model(1, false); NDManager manager = NDManager.newBaseManager()) {
            model.save(dir, true);
            for (Path file : List.of(dir.resolve("encoder/model.safetensors"), dir.resolve("model.safetensors"))) {
                Map<String, NDArray> tensors = new LinkedHashMap<>(SafetensorsFile.read(manager, file));
                tensors.put("pooler.dense.bias", manager.zeros(new Shape(32)));
                SafetensorsFile.write(file, tensors);
                assertThatThrownBy(() -> MultiTaskModel.load(dir))
                        .hasMessage(file + ": tensors not used by any part of the model: [pooler.dense.bias]");
                tensors.remove("pooler.dense.bias");
                SafetensorsFile.write(file, tensors);
            }
            MultiTaskModel.load(dir).close();
        }
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
