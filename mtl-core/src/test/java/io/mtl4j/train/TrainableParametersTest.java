package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.nn.Parameter;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.testing.ToyData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Freezing, layer-wise learning-rate decay and adding a head to a trained model. */
class TrainableParametersTest {

    private static TrainingConfig.Builder fast() {
        return TrainingConfig.builder().optLearningRate(3e-3).optHeadLearningRate(1e-2).optWarmupRatio(0.05)
                .optProgressBar(false);
    }

    private static Map<String, float[]> snapshot(MultiTaskModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> values.put(name, p.getArray().toFloatArray()));
        return values;
    }

    private static List<Batch> train(MultiTaskModel model, long seed) {
        return ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 160, seed), 16);
    }

    @Test
    void frozenEmbeddingsAndLowestLayersStayExactlyAsTheyWere() {
        try (MultiTaskModel model = ToyData.model(21, false)) {
            Map<String, float[]> before = snapshot(model);
            new MultiTaskTrainer(fast().optEpochs(1).optTrainable(TrainableParameters.builder()
                    .optFreezeEmbeddings(true).optFrozenLowestLayers(1).build()).build())
                    .fit(model, BatchSource.fixed(train(model, 21)), List.of());
            Map<String, float[]> after = snapshot(model);
            int frozen = 0;
            int moved = 0;
            for (String name : before.keySet()) {
                boolean shouldFreeze = name.startsWith("embeddings.") || name.startsWith("encoder.layer.0.");
                if (shouldFreeze) {
                    assertThat(java.util.Arrays.equals(after.get(name), before.get(name))).as("%s unchanged", name).isTrue();
                    frozen++;
                } else if (!java.util.Arrays.equals(after.get(name), before.get(name))) {
                    moved++;
                }
            }
            assertThat(frozen).isEqualTo(21); // 5 embedding tensors + 16 of layer 0
            assertThat(moved).isEqualTo(before.size() - frozen);
            // Gradients are switched back on once training is over.
            assertThat(model.encoder().namedParameters().get("embeddings.word_embeddings.weight").getArray().hasGradient())
                    .isTrue();
        }
    }

    @Test
    void layerwiseDecayScalesEachLayersRateFromTheTopDown() {
        try (MultiTaskModel model = ToyData.model(22, false)) {
            ParameterPlan plan = new ParameterPlan(model, TrainableParameters.builder().optLayerwiseDecay(0.5).build());
            // TinyBert has 2 layers: top layer 1, layer 0 gets 0.5, the embeddings 0.25; heads are not decayed.
            assertThat(plan.rateFactor("encoder.layer.1.output.dense.weight")).isEqualTo(1.0);
            assertThat(plan.rateFactor("encoder.layer.0.attention.self.query.weight")).isEqualTo(0.5);
            assertThat(plan.rateFactor("embeddings.word_embeddings.weight")).isEqualTo(0.25);
            assertThat(plan.rateFactor("heads.mood.classifier.weight")).isEqualTo(1.0);
            assertThat(plan.frozen()).isEmpty();
        }
    }

    @Test
    void rejectsSettingsTheModelCannotHonour() {
        try (MultiTaskModel model = ToyData.model(23, false)) {
            assertThatThrownBy(() -> new ParameterPlan(model, TrainableParameters.builder().optFrozenLowestLayers(3).build()))
                    .hasMessage("trainable.frozenLowestLayers is 3, but the encoder has 2 layers");
            assertThatThrownBy(() -> new ParameterPlan(model,
                    TrainableParameters.builder().optFrozenHeads(Set.of("topic")).build()))
                    .hasMessage("trainable.frozenHeads names task 'topic', which the model does not have; its tasks: [mood, place]");
        }
        // An encoder that reports no layer structure cannot honour layer-based settings.
        io.mtl4j.encoder.SharedEncoder bert = io.mtl4j.testing.TinyBert.create(27);
        io.mtl4j.encoder.SharedEncoder flat = new io.mtl4j.encoder.SharedEncoder() {
            public String type() { return "flat"; }
            public ai.djl.nn.Block block() { return bert.block(); }
            public int hiddenSize() { return bert.hiddenSize(); }
            public int maxLength() { return bert.maxLength(); }
            public io.mtl4j.encoder.Pooling pooling() { return bert.pooling(); }
            public io.mtl4j.text.TextTokenizer tokenizer() { return bert.tokenizer(); }
            public Map<String, Parameter> namedParameters() { return bert.namedParameters(); }
            public com.fasterxml.jackson.databind.node.ObjectNode config() { return bert.config(); }
            public void close() { bert.close(); }
        };
        try (MultiTaskModel model = MultiTaskModel.builder().setEncoder(flat)
                .addHead(SequenceClassificationHead.builder().setName("mood").setLabels(ToyData.MOODS).build()).build()) {
            assertThatThrownBy(() -> new ParameterPlan(model, TrainableParameters.builder().optFreezeEmbeddings(true).build()))
                    .hasMessage("trainable.freezeEmbeddings needs an encoder with layers, but encoder 'flat' reports none");
            assertThatThrownBy(() -> new ParameterPlan(model, TrainableParameters.builder().optLayerwiseDecay(0.9).build()))
                    .hasMessage("trainable.layerwiseDecay needs an encoder with layers, but encoder 'flat' reports none");
        }
        assertThatThrownBy(() -> TrainableParameters.builder().optLayerwiseDecay(0).build())
                .hasMessage("layerwiseDecay must be in (0, 1], but is: 0.0");
        assertThatThrownBy(() -> TrainableParameters.builder().optFrozenLowestLayers(-1).build())
                .hasMessage("frozenLowestLayers must be >= 0, but is: -1");
    }

    @Test
    void aHeadAddedToATrainedModelWithTheEncoderFrozenLeavesTheOldHeadsBitForBitUnchanged() {
        try (MultiTaskModel model = ToyData.model(24, false)) {
            List<Batch> joint = train(model, 24);
            new MultiTaskTrainer(fast().optEpochs(3).build()).fit(model, BatchSource.fixed(joint), List.of());
            List<String> texts = List.of("we visited rome and it was lovely", "they left tokyo and it was awful",
                    "my friend liked new york and it was great");
            List<TextPrediction> before = model.predict(texts);
            Map<String, float[]> weights = snapshot(model);

            // The new task: whether the mood was expressed as "good"; its labels reuse the mood column.
            model.addHead(SequenceClassificationHead.builder().setName("verdict")
                    .setLabels(LabelVocabulary.of(List.of("no", "yes"))).build());
            List<Batch> verdicts = new ArrayList<>();
            for (Batch b : joint) {
                verdicts.add(new Batch(b.size(), b.length(), b.inputIds(), b.attentionMask(), b.tokenTypeIds(),
                        Map.of("verdict", new TaskLabels(b.labels().get(ToyData.MOOD).values(), 1))));
            }
            TrainingResult result = new MultiTaskTrainer(fast().optEpochs(4).optTrainable(
                    TrainableParameters.builder().optFreezeEncoder(true).build()).build())
                    .fit(model, BatchSource.fixed(verdicts), ToyData.batches(
                            ToyData.examples(model.encoder().tokenizer(), 64, 25), 32).stream()
                            .map(b -> new Batch(b.size(), b.length(), b.inputIds(), b.attentionMask(), b.tokenTypeIds(),
                                    Map.of("verdict", new TaskLabels(b.labels().get(ToyData.MOOD).values(), 1))))
                            .toList());
            assertThat(result.best().metric("verdict.accuracy")).isGreaterThan(0.9);

            weights.forEach((name, values) -> assertThat(
                    java.util.Arrays.equals(model.namedParameters().get(name).getArray().toFloatArray(), values))
                    .as("%s unchanged", name).isTrue());
            List<TextPrediction> after = model.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(after.get(i).classification(ToyData.MOOD)).isEqualTo(before.get(i).classification(ToyData.MOOD));
                assertThat(after.get(i).tagging(ToyData.PLACE)).isEqualTo(before.get(i).tagging(ToyData.PLACE));
                assertThat(after.get(i).tasks()).containsKey("verdict");
            }
            assertThatThrownBy(() -> model.addHead(SequenceClassificationHead.builder().setName("mood")
                    .setLabels(ToyData.MOODS).build()))
                    .hasMessage("the model already has a head named 'mood'");
        }
    }

    @Test
    void frozenHeadsDoNotMove() {
        try (MultiTaskModel model = ToyData.model(26, false)) {
            Map<String, float[]> before = snapshot(model);
            new MultiTaskTrainer(fast().optEpochs(1).optTrainable(TrainableParameters.builder()
                    .optFrozenHeads(Set.of(ToyData.MOOD)).build()).build())
                    .fit(model, BatchSource.fixed(train(model, 26)), List.of());
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                boolean same = java.util.Arrays.equals(e.getValue().getArray().toFloatArray(), before.get(e.getKey()));
                assertThat(same).as(e.getKey()).isEqualTo(e.getKey().startsWith("heads.mood."));
            }
        }
    }
}
