package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelEvaluator;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.testing.ToyData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiTaskTrainerTest {

    private static TrainingConfig.Builder fast() {
        return TrainingConfig.builder().optLearningRate(3e-3).optHeadLearningRate(1e-2).optWarmupRatio(0.05)
                .optProgressBar(false);
    }

    @Test
    void learnsBothTasksOfAToyProblemAndWritesItsLogs(@TempDir Path dir) throws Exception {
        try (MultiTaskModel model = ToyData.model(1, false)) {
            List<EncodedExample> train = ToyData.examples(model.encoder().tokenizer(), 320, 1);
            List<Batch> dev = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 2), 32);
            EvaluationResult before = ModelEvaluator.evaluate(model, dev);
            TrainingResult result = new MultiTaskTrainer(fast().optEpochs(4).optOutputDirectory(dir).build())
                    .fit(model, BatchSource.fixed(ToyData.batches(train, 16)), dev);

            assertThat(result.steps()).isEqualTo(80);
            assertThat(result.history()).hasSize(4);
            assertThat(result.best().metric("mood.accuracy")).isGreaterThan(0.95);
            assertThat(result.best().metric("place.f1")).isGreaterThan(0.95);
            assertThat(result.best().sentenceAccuracy()).isGreaterThan(before.sentenceAccuracy() + 0.5);
            // The model ends with the best checkpoint's weights.
            assertThat(ModelEvaluator.evaluate(model, dev).flatten()).isEqualTo(result.best().flatten());

            List<String> log = Files.readAllLines(dir.resolve("metrics.jsonl"));
            assertThat(log).anyMatch(l -> l.contains("\"kind\":\"train\"") && l.contains("\"loss.mood\""));
            assertThat(log.stream().filter(l -> l.contains("\"kind\":\"dev\""))).hasSize(4);
            assertThat(Files.readString(dir.resolve("metrics.json"))).contains("\"train_examples_per_second\"");
            assertThat(dir.resolve("model/mtl4j-model.json")).exists();

            TextPrediction p = model.predict(List.of("they visited new york and it was lovely")).get(0);
            assertThat(p.classification(ToyData.MOOD).label()).isEqualTo("good");
            assertThat(p.tagging(ToyData.PLACE).entities()).singleElement()
                    .satisfies(e -> {
                        assertThat(e.text()).isEqualTo("new york");
                        assertThat(e.start()).isEqualTo(13);
                        assertThat(e.end()).isEqualTo(21);
                        assertThat(e.label()).isEqualTo("LOC");
                    });
        }
    }

    @Test
    void crfHeadLearnsTooAndDecodesOnlyValidBioPaths() {
        try (MultiTaskModel model = ToyData.model(3, true)) {
            List<EncodedExample> train = ToyData.examples(model.encoder().tokenizer(), 320, 3);
            List<Batch> dev = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 4), 32);
            TrainingResult result = new MultiTaskTrainer(fast().optEpochs(4).build())
                    .fit(model, BatchSource.fixed(ToyData.batches(train, 16)), dev);
            assertThat(result.best().metric("place.f1")).isGreaterThan(0.95);
        }
    }

    @Test
    void earlyStoppingEndsTheRunAfterPatienceEvaluationsWithoutGain() {
        try (MultiTaskModel model = ToyData.model(5, false)) {
            List<EncodedExample> train = ToyData.examples(model.encoder().tokenizer(), 64, 5);
            List<Batch> dev = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 32, 6), 32);
            // A learning rate this small cannot move the metric: every evaluation after the first ties.
            TrainingResult result = new MultiTaskTrainer(TrainingConfig.builder().optLearningRate(1e-12)
                    .optEpochs(10).optEarlyStoppingPatience(2).optProgressBar(false).build())
                    .fit(model, BatchSource.fixed(ToyData.batches(train, 16)), dev);
            assertThat(result.stoppedEarly()).isTrue();
            assertThat(result.history()).hasSize(3);
            assertThat(result.steps()).isEqualTo(12);
            assertThat(result.bestStep()).isEqualTo(4);
        }
    }

    @Test
    void stopsWithAClearMessageWhenTheLossStaysNonFinite() {
        try (MultiTaskModel model = ToyData.model(9, false)) {
            List<Batch> batches = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 9), 4);
            try (NoGradient noGradient = new NoGradient()) {
                model.head(ToyData.MOOD).namedParameters().get("classifier.bias").getArray().set(new float[] {Float.NaN, 0f});
            }
            float[] before = model.encoder().namedParameters().get("embeddings.LayerNorm.weight").getArray().toFloatArray();
            assertThatThrownBy(() -> new MultiTaskTrainer(fast().optEpochs(1).build())
                    .fit(model, BatchSource.fixed(batches), List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("training diverged: 10 steps in a row had a non-finite loss or gradients");
            // Skipped steps leave the weights untouched.
            assertThat(model.encoder().namedParameters().get("embeddings.LayerNorm.weight").getArray().toFloatArray())
                    .containsExactly(before);
        }
    }

    /**
     * 320 steps with per-step managers: no native array outlives its step, and resident memory does not
     * grow from the first half of the run to the second.
     */
    @Test
    void nativeMemoryStaysFlatOverManySteps() throws Exception {
        try (MultiTaskModel model = ToyData.model(7, true)) {
            List<Batch> batches = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 7), 8);
            NDManager encoderManager = model.encoder().namedParameters().values().iterator().next().getArray().getManager();
            new MultiTaskTrainer(fast().optEpochs(5).build()).fit(model, BatchSource.fixed(batches), List.of());
            int modelArrays = model.manager().getManagedArrays().size();
            int encoderArrays = encoderManager.getManagedArrays().size();
            long[] rss = new long[4];
            int steps = 0;
            for (int quarter = 0; quarter < 4; quarter++) {
                steps += new MultiTaskTrainer(fast().optEpochs(10).build())
                        .fit(model, BatchSource.fixed(batches), List.of()).steps();
                rss[quarter] = residentKb();
            }
            assertThat(steps).isEqualTo(320);
            assertThat(model.manager().getManagedArrays()).hasSize(modelArrays);
            assertThat(encoderManager.getManagedArrays()).hasSize(encoderArrays);
            // The heap is pre-touched (see the surefire argLine), so resident growth is native growth.
            long early = Math.max(rss[0], rss[1]);
            long late = Math.max(rss[2], rss[3]);
            assertThat(late - early).as("resident memory growth over the last 160 steps, KiB").isLessThan(24 * 1024);
        }
    }

    private static long residentKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
