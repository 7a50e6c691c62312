package io.mtl4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.batch.Batch;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.ToyData;
import io.mtl4j.train.BatchSource;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.RunReporter;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {

    private static TrainingResult train(Path dir, RunReporter reporter) {
        try (MultiTaskModel model = ToyData.model(7, false)) {
            List<Batch> train = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 7), 16);
            List<Batch> dev = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 32, 8), 16);
            TrainingConfig.Builder config = TrainingConfig.builder().optEpochs(2).optLearningRate(3e-3)
                    .optHeadLearningRate(1e-2).optProgressBar(false).optLogEverySteps(1).optEvaluateEverySteps(2)
                    .optOutputDirectory(dir);
            if (reporter != null) {
                config.optReporter(reporter);
            }
            return new MultiTaskTrainer(config.build()).fit(model, BatchSource.fixed(train), dev);
        }
    }

    private static void assertPng(Path file, int width, int height) throws Exception {
        assertThat(file).isRegularFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file + " is a readable image").isNotNull();
        assertThat(image.getWidth()).as(file + " width").isEqualTo(width);
        assertThat(image.getHeight()).as(file + " height").isEqualTo(height);
    }

    @Test
    void aRunWithTheModuleOnTheClassPathWritesEveryPlotAndTheModelCard(@TempDir Path dir) throws Exception {
        TrainingResult result = train(dir, null);

        Path plots = dir.resolve("plots");
        try (var files = Files.list(plots)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly(
                    "confusion-mood.png", "dev-metrics.png", "entity-f1-place.png", "loss.png");
        }
        assertPng(plots.resolve("loss.png"), 1000, 600);
        assertPng(plots.resolve("dev-metrics.png"), 1000, 600);
        // Two classes of at most 4 characters: 520 square plus room for the labels.
        assertPng(plots.resolve("confusion-mood.png"), 552, 552);
        assertPng(plots.resolve("entity-f1-place.png"), 800, 600);

        String card = Files.readString(dir.resolve("model/README.md"));
        assertThat(card).contains(
                "| mood | one label per text | `sequence_classification` | `bad`, `good` |",
                "| place | one tag per word; entity types LOC | `token_classification` | `O`, `B-LOC`, `I-LOC` |",
                "- Training: 128 examples seen over 8 optimizer steps.",
                "  - mood: 128 examples labelled for it",
                "- Dev: 32 examples.",
                "Dev set, at the kept checkpoint (step " + result.bestStep() + "), chosen by `mean`.",
                "![loss](../plots/loss.png)",
                "![confusion-mood](../plots/confusion-mood.png)",
                "prediction.classification(\"mood\")",
                "prediction.tagging(\"place\")");
        result.best().flatten().forEach((metric, value) -> assertThat(card)
                .contains("| " + metric + " | " + String.format(Locale.ROOT, "%.4f", value) + " |"));
    }

    @Test
    void reportingTurnedOffWritesNeitherPlotsNorCard(@TempDir Path dir) {
        train(dir, RunReporter.none());

        assertThat(dir.resolve("plots")).doesNotExist();
        assertThat(dir.resolve("model/README.md")).doesNotExist();
        assertThat(dir.resolve("model/mtl4j-model.json")).isRegularFile();
    }

    @Test
    void aPlotThatCannotBeDrawnIsLoggedAndTheOthersAndTheCardAreStillWritten(@TempDir Path dir) throws Exception {
        // A reporter that breaks the metrics log before the report reads it.
        RunReporter breakLogThenReport = run -> {
            Files.writeString(run.metricsLog(), "{\"kind\":\"train\",\"step\":1,\"loss\":0.5}\nnot json\n");
            new TrainingReport().report(run);
        };
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            train(dir, breakLogThenReport);
        } finally {
            System.setErr(stderr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("WARN", "cannot read the metrics log "
                + dir.resolve("metrics.jsonl") + ", so there are no loss and dev-metric plots: "
                + "java.lang.IllegalArgumentException: " + dir.resolve("metrics.jsonl") + ":2: not valid JSON");
        try (var files = Files.list(dir.resolve("plots"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("confusion-mood.png", "entity-f1-place.png");
        }
        assertThat(Files.readString(dir.resolve("model/README.md"))).contains("## Metrics")
                .doesNotContain("loss.png");
    }
}
