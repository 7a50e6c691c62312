package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.BatchArrays;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.label.Labels;
import io.mtl4j.loss.GradientSurgery;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.sampling.TaskMixture;
import io.mtl4j.sampling.TaskSampling;
import io.mtl4j.testing.ToyData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training one model on several data sets, each labelled for one task, and the loss weightings. */
class MultiDataSetTrainingTest {

    private static TrainingConfig.Builder fast() {
        return TrainingConfig.builder().optLearningRate(3e-3).optHeadLearningRate(1e-2).optWarmupRatio(0.05)
                .optProgressBar(false);
    }

    /** Two data sets over different texts: one labelled only for mood, the other only for place. */
    private static TaskMixture.Builder mixture(MultiTaskModel model, long seed) {
        List<Batch> moods = ToyData.onlyTask(
                ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 192, seed), 16), ToyData.MOOD);
        List<Batch> places = ToyData.onlyTask(
                ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 128, seed + 100), 16), ToyData.PLACE);
        return TaskMixture.builder().add("moods", BatchSource.fixed(moods)).add("places", BatchSource.fixed(places))
                .optSeed(seed);
    }

    private static List<Batch> dev(MultiTaskModel model) {
        return ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 999), 32);
    }

    @Test
    void learnsEachTaskFromItsOwnDataSetAndLogsTheMixAndGradientCosines(@TempDir Path dir) throws Exception {
        try (MultiTaskModel model = ToyData.model(11, false)) {
            TaskMixture train = mixture(model, 11).optSampling(TaskSampling.temperature(2)).build();
            TrainingResult result = new MultiTaskTrainer(fast().optEpochs(5).optGradientCosineEverySteps(10)
                    .optOutputDirectory(dir).build()).fit(model, train, dev(model));

            assertThat(result.best().metric("mood.accuracy")).isGreaterThan(0.95);
            assertThat(result.best().metric("place.f1")).isGreaterThan(0.95);
            assertThat(result.steps()).isEqualTo(100);
            // Every batch carried exactly one task: the per-task counts add up to the steps taken.
            assertThat(result.batchesPerTask().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
            long drawnMoods = 0;
            for (int e = 0; e < 5; e++) {
                drawnMoods += train.drawn(e).get("moods");
            }
            assertThat(result.batchesPerTask()).containsEntry(ToyData.MOOD, drawnMoods);
            assertThat(result.examplesPerTask().get(ToyData.MOOD)).isEqualTo(16 * drawnMoods);

            List<Double> cosines = result.gradientCosines().get("mood~place");
            assertThat(cosines).hasSize(10).allSatisfy(c -> assertThat(c).isBetween(-1.0, 1.0));
            assertThat(Files.readAllLines(dir.resolve("metrics.jsonl")))
                    .filteredOn(l -> l.contains("\"kind\":\"gradient_cosine\"")).hasSize(10)
                    .allMatch(l -> l.contains("\"mood~place\""));
            assertThat(Files.readString(dir.resolve("metrics.json")))
                    .contains("\"batches_per_task\"", "\"gradient_cosine_mean\"", "\"mood~place\"");
        }
    }

    @Test
    void anExampleWithoutATasksLabelAddsNothingToThatTasksLoss() {
        try (MultiTaskModel model = ToyData.model(12, false)) {
            Batch full = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 8, 12), 8).get(0);
            int[] moods = full.labels().get(ToyData.MOOD).values().clone();
            Arrays.fill(moods, 4, 8, Labels.IGNORE_INDEX); // rows 4..7 carry no mood label
            Batch partial = new Batch(full.size(), full.length(), full.inputIds(), full.attentionMask(),
                    full.tokenTypeIds(), Map.of(ToyData.MOOD, new TaskLabels(moods, 1),
                    ToyData.PLACE, full.labels().get(ToyData.PLACE)));
            Batch firstHalf = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 8, 12).subList(0, 4), 4).get(0);
            assertThat((double) moodLoss(model, partial)).isCloseTo(moodLoss(model, firstHalf), within(1e-5));
            assertThat((double) moodLoss(model, partial)).isNotCloseTo(moodLoss(model, full), within(1e-5));
        }
    }

    private static float moodLoss(MultiTaskModel model, Batch batch) {
        try (NoGradient noGradient = new NoGradient(); NDManager manager = model.manager().newSubManager()) {
            NDArray logits = model.forward(new ParameterStore(manager, false), BatchArrays.encoderInputs(manager, batch),
                    false, Set.of(ToyData.MOOD)).logits().get(ToyData.MOOD);
            return model.head(ToyData.MOOD).loss(logits, batch.labels().get(ToyData.MOOD)).getFloat();
        }
    }

    @Test
    void uncertaintyWeightingLearnsAndLogsItsLogVariances(@TempDir Path dir) throws Exception {
        try (MultiTaskModel model = ToyData.model(13, false)) {
            TrainingResult result = new MultiTaskTrainer(fast().optEpochs(4).optLogEverySteps(5)
                    .optLoss(MultiTaskLoss.uncertainty(0.05)).optOutputDirectory(dir).build())
                    .fit(model, mixture(model, 13).build(), dev(model));
            assertThat(result.best().metric("mood.accuracy")).isGreaterThan(0.9);
            assertThat(result.learnedLossState()).containsOnlyKeys("log_var.mood", "log_var.place");
            // Both losses fall well below 1/2 on this easy problem, so both log-variances go negative (weights above 1).
            assertThat(result.learnedLossState().values()).allSatisfy(s -> assertThat(s).isLessThan(-0.1));
            List<String> trainLines = Files.readAllLines(dir.resolve("metrics.jsonl")).stream()
                    .filter(l -> l.contains("\"kind\":\"train\"")).toList();
            assertThat(trainLines).hasSize(16).allMatch(l -> l.contains("\"log_var.mood\"") && l.contains("\"weight.place\""));
            assertThat(Files.readString(dir.resolve("metrics.json"))).contains("\"learned_loss_state\"");
        }
    }

    @Test
    void pcGradTrainsOnOneBatchOfEveryTaskPerStep() {
        try (MultiTaskModel model = ToyData.model(14, false)) {
            TaskMixture train = mixture(model, 14).optSampling(TaskSampling.everyTask()).build();
            TrainingResult result = new MultiTaskTrainer(fast().optEpochs(5)
                    .optLoss(MultiTaskLoss.equalWeights().withGradientSurgery(GradientSurgery.PCGRAD)).build())
                    .fit(model, train, dev(model));
            assertThat(result.steps()).isEqualTo(5 * 12);
            assertThat(result.batchesPerTask()).containsEntry(ToyData.MOOD, 60L).containsEntry(ToyData.PLACE, 60L);
            assertThat(result.skippedSteps()).isZero();
            assertThat(result.best().metric("mood.accuracy")).isGreaterThan(0.95);
            assertThat(result.best().metric("place.f1")).isGreaterThan(0.95);
        }
    }

    @Test
    void pcGradWithAFrozenEncoderTrainsTheHeadsAlone() {
        try (MultiTaskModel model = ToyData.model(16, false)) {
            float[] before = model.encoder().namedParameters().get("encoder.layer.1.output.dense.weight").getArray()
                    .toFloatArray();
            TrainingResult result = new MultiTaskTrainer(fast().optEpochs(1)
                    .optTrainable(TrainableParameters.builder().optFreezeEncoder(true).build())
                    .optGradientCosineEverySteps(4)
                    .optLoss(MultiTaskLoss.equalWeights().withGradientSurgery(GradientSurgery.PCGRAD)).build())
                    .fit(model, mixture(model, 16).optSampling(TaskSampling.everyTask()).build(), List.of());
            assertThat(result.steps()).isEqualTo(12);
            assertThat(result.skippedSteps()).isZero();
            assertThat(result.gradientCosines()).isEmpty(); // nothing shared trains, so nothing to compare
            assertThat(model.encoder().namedParameters().get("encoder.layer.1.output.dense.weight").getArray()
                    .toFloatArray()).containsExactly(before);
        }
    }

    @Test
    void lossWeightsThatNameNoTaskAreRejectedBeforeTraining() {
        try (MultiTaskModel model = ToyData.model(15, false)) {
            assertThatThrownBy(() -> new MultiTaskTrainer(fast().optLoss(MultiTaskLoss.weighted(Map.of("places", 2f)))
                    .build()).fit(model, mixture(model, 15).build(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("loss.weights names task 'places', which the model does not have; its tasks: [mood, place]");
        }
    }
}
