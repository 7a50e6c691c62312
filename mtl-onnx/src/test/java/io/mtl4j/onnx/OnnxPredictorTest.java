package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.encoder.Pooling;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.LabelScore;
import io.mtl4j.predict.PredictorConfig;
import io.mtl4j.predict.TaggedWord;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxPredictorTest {

    private static final List<String> TEXTS = List.of(
            "we saw paris and it was good", "", "rome", "  Café naïve 😀 São-Paulo. ",
            "my friend visited new york and it was lovely , said the team after the long trip home",
            "paris " + "and the long road to rome ".repeat(12) + "ended in berlin");

    @Test
    void onnxPredictionsAreTheDjlResultObjectsWithCrfAndSlidingWindows(@TempDir Path dir) throws Exception {
        Path modelDir = dir.resolve("model");
        Path onnx = dir.resolve("model.onnx");
        List<TextPrediction> djl;
        try (MultiTaskModel model = Reference.model(7, true, Pooling.MEAN)) {
            model.save(modelDir, false);
            OnnxExporter.export(model, onnx);
            djl = model.predict(TEXTS, 2);
        }
        PredictorConfig config = PredictorConfig.builder().optTopK(2).build();
        try (OnnxPredictor onnxPredictor = OnnxPredictor.load(modelDir, onnx, config)) {
            List<TextPrediction> ort = onnxPredictor.predict(TEXTS);
            assertThat(ort).hasSize(TEXTS.size());
            assertThat(ort.get(5).windows()).isGreaterThan(1);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertSameUpToScores(ort.get(i), djl.get(i));
            }
            assertThatThrownBy(() -> onnxPredictor.predict(Arrays.asList("a", null)))
                    .hasMessage("texts[1] is null");
        }
    }

    /** Labels, tags, entities, offsets and coverage equal; scores within float noise of two runtimes. */
    private static void assertSameUpToScores(TextPrediction actual, TextPrediction expected) {
        assertThat(actual.text()).isEqualTo(expected.text());
        assertThat(actual.windows()).isEqualTo(expected.windows());
        assertThat(actual.truncated()).isEqualTo(expected.truncated());
        assertThat(actual.tasks().keySet()).containsExactlyElementsOf(expected.tasks().keySet());
        for (String task : expected.tasks().keySet()) {
            TaskPrediction a = actual.tasks().get(task);
            TaskPrediction e = expected.tasks().get(task);
            assertThat(a.coverage()).isEqualTo(e.coverage());
            if (e instanceof TaskPrediction.Classification ec) {
                TaskPrediction.Classification ac = (TaskPrediction.Classification) a;
                assertThat(ac.topK()).extracting(LabelScore::label)
                        .containsExactlyElementsOf(ec.topK().stream().map(LabelScore::label).toList());
                assertThat(ac.probability()).isCloseTo(ec.probability(), within(1e-4));
            } else {
                TaskPrediction.Tagging at = (TaskPrediction.Tagging) a;
                TaskPrediction.Tagging et = (TaskPrediction.Tagging) e;
                assertThat(at.words()).extracting(w -> w.text() + "/" + w.start() + "/" + w.end() + "/" + w.tag())
                        .containsExactlyElementsOf(et.words().stream()
                                .map(w -> w.text() + "/" + w.start() + "/" + w.end() + "/" + w.tag()).toList());
                assertThat(at.entities()).extracting(x -> x.text() + "/" + x.label() + "/" + x.start() + "/" + x.end())
                        .containsExactlyElementsOf(et.entities().stream()
                                .map(x -> x.text() + "/" + x.label() + "/" + x.start() + "/" + x.end()).toList());
                for (int w = 0; w < et.words().size(); w++) {
                    TaggedWord aw = at.words().get(w);
                    assertThat(aw.probability()).isCloseTo(et.words().get(w).probability(), within(1e-4));
                }
                for (int x = 0; x < et.entities().size(); x++) {
                    Entity ae = at.entities().get(x);
                    assertThat(ae.score()).isCloseTo(et.entities().get(x).score(), within(1e-4));
                }
            }
        }
    }

    @Test
    void embeddingsMatchDjlAndTheInt8GraphPredictsEveryTask(@TempDir Path dir) throws Exception {
        Path modelDir = dir.resolve("model");
        Path onnx = dir.resolve("model.onnx");
        Path int8 = dir.resolve("model-int8.onnx");
        List<float[]> djl;
        try (MultiTaskModel model = Reference.model(8, false, Pooling.MEAN)) {
            model.save(modelDir, false);
            OnnxExporter.export(model, onnx, OnnxExportOptions.builder().optQuantizedFile(int8).build());
            djl = model.encode(TEXTS, true);
        }
        try (OnnxPredictor fp32 = OnnxPredictor.load(modelDir, onnx, PredictorConfig.defaults());
                OnnxPredictor quantized = OnnxPredictor.load(modelDir, int8, PredictorConfig.defaults())) {
            List<float[]> ort = fp32.encode(TEXTS, true);
            for (int i = 0; i < TEXTS.size(); i++) {
                for (int h = 0; h < djl.get(i).length; h++) {
                    assertThat(ort.get(i)[h]).as("text %d dim %d", i, h).isCloseTo(djl.get(i)[h], within(1e-4f));
                }
            }
            List<TextPrediction> predictions = quantized.predict(TEXTS);
            assertThat(predictions.get(0).tasks()).containsOnlyKeys(ToyData.MOOD, ToyData.PLACE);
            assertThat(predictions.get(1).tasks()).isEmpty();
        }
    }

    @Test
    void aGraphFromAnotherModelIsRefusedAtLoad(@TempDir Path dir) throws Exception {
        Path modelDir = dir.resolve("model");
        Path onnx = dir.resolve("other.onnx");
        try (MultiTaskModel model = Reference.model(9, false, Pooling.MEAN)) {
            model.save(modelDir, false);
        }
        // Same task names, one more sentence label.
        try (MultiTaskModel other = MultiTaskModel.builder()
                .setEncoder(TinyBert.create(9))
                .addHead(SequenceClassificationHead.builder().setName(ToyData.MOOD)
                        .setLabels(LabelVocabulary.of(List.of("bad", "good", "meh"))).build())
                .addHead(TokenClassificationHead.builder().setName(ToyData.PLACE).setLabels(ToyData.TAGS).build())
                .build()) {
            OnnxExporter.export(other, onnx);
        }
        assertThatThrownBy(() -> OnnxPredictor.load(modelDir, onnx, PredictorConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(onnx + ": output 'logits.mood' has 3 labels, but the model's head has 2 [bad, good]");

        Path renamed = dir.resolve("renamed.onnx");
        try (MultiTaskModel other = MultiTaskModel.builder()
                .setEncoder(TinyBert.create(9))
                .addHead(SequenceClassificationHead.builder().setName("sentiment").setLabels(ToyData.MOODS).build())
                .build()) {
            OnnxExporter.export(other, renamed);
        }
        assertThatThrownBy(() -> OnnxPredictor.load(modelDir, renamed, PredictorConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(renamed + ": graph outputs do not match the tasks [mood, place]");
        assertThatThrownBy(() -> OnnxPredictor.load(dir.resolve("nowhere"), onnx, PredictorConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere");
    }
}
