package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mtl4j.batch.Batch;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.MultiTaskPredictor;
import io.mtl4j.predict.PredictorConfig;
import io.mtl4j.testing.ToyData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A soak test: 2,000 training steps and 20,000 predictions (long texts in sliding windows among them) on
 * a tiny model, with resident memory sampled after every segment. Native memory must level off after the
 * warm-up instead of growing with the work done.
 */
class NativeMemorySoakTest {

    private static final int SEGMENTS = 10;
    private static final int STEPS_PER_SEGMENT = 200;
    private static final int PREDICTIONS_PER_SEGMENT = 2_000;

    @Test
    void residentMemoryLevelsOffOver2000StepsAnd20000Predictions() throws Exception {
        try (MultiTaskModel model = ToyData.model(13, true)) {
            List<Batch> batches = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 13), 8);
            NDManager encoderManager =
                    model.encoder().namedParameters().values().iterator().next().getArray().getManager();
            MultiTaskPredictor predictor = model.newPredictor(PredictorConfig.defaults());
            List<String> texts = texts();
            // Warm-up: allocator pools, JIT and the tokenizer's buffers settle.
            segment(model, batches, predictor, texts);
            int modelArrays = model.manager().getManagedArrays().size();
            int encoderArrays = encoderManager.getManagedArrays().size();

            long[] rssKb = new long[SEGMENTS];
            int steps = 0;
            int predictions = 0;
            for (int s = 0; s < SEGMENTS; s++) {
                steps += segment(model, batches, predictor, texts);
                predictions += PREDICTIONS_PER_SEGMENT;
                rssKb[s] = residentKb();
                System.out.printf("soak: %d steps, %d predictions, RSS %d MiB%n", steps, predictions, rssKb[s] / 1024);
            }
            assertThat(steps).isEqualTo(SEGMENTS * STEPS_PER_SEGMENT);
            assertThat(model.manager().getManagedArrays()).hasSize(modelArrays);
            assertThat(encoderManager.getManagedArrays()).hasSize(encoderArrays);
            // The heap is pre-touched (see the surefire argLine), so resident growth is native growth. Compare the
            // highest sample of the first third with that of the last third: growing memory would show as a
            // steady rise from one to the other.
            long early = Math.max(rssKb[0], Math.max(rssKb[1], rssKb[2]));
            long late = Math.max(rssKb[SEGMENTS - 3], Math.max(rssKb[SEGMENTS - 2], rssKb[SEGMENTS - 1]));
            assertThat(late - early).as("resident memory growth between the first and last 600 steps, KiB")
                    .isLessThan(32 * 1024);
        }
    }

    /** 200 training steps, then 2,000 predictions. */
    private static int segment(MultiTaskModel model, List<Batch> batches, MultiTaskPredictor predictor,
            List<String> texts) {
        TrainingConfig config = TrainingConfig.builder().optLearningRate(1e-3).optHeadLearningRate(1e-2)
                .optEpochs(STEPS_PER_SEGMENT / batches.size()).optProgressBar(false).build();
        int steps = new MultiTaskTrainer(config).fit(model, BatchSource.fixed(batches), List.of()).steps();
        for (int from = 0; from < PREDICTIONS_PER_SEGMENT; from += texts.size()) {
            assertThat(predictor.predict(texts)).hasSize(texts.size());
        }
        return steps;
    }

    /** 100 texts of varied lengths; every tenth is longer than the tiny encoder's 32 tokens. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String base = "we saw paris " + i + " and it was " + (i % 2 == 0 ? "good" : "bad");
            texts.add(i % 10 == 0 ? base + " and then rome".repeat(12) : base);
        }
        return texts;
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
