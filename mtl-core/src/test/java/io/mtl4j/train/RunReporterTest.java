package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.batch.Batch;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.ToyData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReporterTest {

    private static TrainingConfig.Builder fast(Path dir) {
        return TrainingConfig.builder().optEpochs(1).optLearningRate(3e-3).optProgressBar(false).optOutputDirectory(dir);
    }

    private static TrainingResult train(MultiTaskModel model, TrainingConfig config) {
        List<Batch> batches = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 32, 1), 16);
        return new MultiTaskTrainer(config).fit(model, BatchSource.fixed(batches), batches.subList(0, 1));
    }

    private static String stderrOf(Runnable run) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void isCalledOnceAfterTheModelIsSavedWithTheRun(@TempDir Path dir) {
        List<CompletedRun> runs = new ArrayList<>();
        List<Boolean> modelSavedFirst = new ArrayList<>();
        try (MultiTaskModel model = ToyData.model(1, false)) {
            TrainingConfig config = fast(dir).optReporter(run -> {
                runs.add(run);
                modelSavedFirst.add(Files.isRegularFile(run.modelDirectory().resolve("mtl4j-model.json"))
                        && Files.isRegularFile(run.outputDirectory().resolve("metrics.json")));
            }).build();
            TrainingResult result = train(model, config);

            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.outputDirectory()).isEqualTo(dir);
                assertThat(run.modelDirectory()).isEqualTo(dir.resolve("model"));
                assertThat(run.metricsLog()).isEqualTo(dir.resolve("metrics.jsonl"));
                assertThat(run.result()).isSameAs(result);
                assertThat(run.bestEvaluation()).isSameAs(result.best());
                assertThat(run.config()).isSameAs(config);
                assertThat(run.model()).isSameAs(model);
            });
            assertThat(modelSavedFirst).containsExactly(true);
        }
    }

    @Test
    void aReporterThatThrowsDoesNotFailTrainingAndTheModelIsKept(@TempDir Path dir) throws Exception {
        try (MultiTaskModel model = ToyData.model(2, false)) {
            TrainingConfig config = fast(dir).optReporter(run -> {
                throw new IllegalStateException("plotting exploded");
            }).build();
            TrainingResult[] result = new TrainingResult[1];
            String log = stderrOf(() -> result[0] = train(model, config));

            assertThat(result[0].steps()).isEqualTo(2);
            assertThat(log).contains("WARN", "run reporter " + RunReporterTest.class.getName(), "failed, the run's result"
                    + " and its model in " + dir.resolve("model") + " are kept: java.lang.IllegalStateException: "
                    + "plotting exploded");
            try (MultiTaskModel saved = MultiTaskModel.load(dir.resolve("model"))) {
                assertThat(saved.heads().keySet()).containsExactly(ToyData.MOOD, ToyData.PLACE);
            }
        }
    }

    @Test
    void anErrorOtherThanAVirtualMachineErrorIsLoggedToo(@TempDir Path dir) {
        try (MultiTaskModel model = ToyData.model(3, false)) {
            TrainingConfig config = fast(dir).optReporter(run -> {
                throw new NoClassDefFoundError("java/awt/Font");
            }).build();
            String log = stderrOf(() -> train(model, config));

            assertThat(log).contains("WARN", "are kept: java.lang.NoClassDefFoundError: java/awt/Font");
            assertThat(dir.resolve("model/mtl4j-model.json")).isRegularFile();
        }
    }

    @Test
    void isNotCalledWithoutAnOutputFolder() {
        List<CompletedRun> runs = new ArrayList<>();
        try (MultiTaskModel model = ToyData.model(4, false)) {
            train(model, fast(null).optReporter(runs::add).build());
        }
        assertThat(runs).isEmpty();
    }
}
