package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.batch.Batch;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingResumeTest {

    /** 32 examples in batches of 8: 4 steps per epoch, 3 epochs = 12 steps. */
    private static final int EXAMPLES = 32;
    private static final int EPOCHS = 3;

    /** The uninterrupted 12-step run, shared by the in-process tests. */
    private static TrainingResult full;
    private static Map<String, float[]> fullWeights;

    private static synchronized Map<String, float[]> uninterrupted() {
        if (fullWeights == null) {
            try (MultiTaskModel a = ToyData.model(KillableTraining.SEED, false)) {
                full = new MultiTaskTrainer(KillableTraining.config(null, 0, EPOCHS))
                        .fit(a, KillableTraining.source(a, EXAMPLES, -1, false), KillableTraining.dev(a));
                fullWeights = weights(a);
            }
        }
        return fullWeights;
    }

    @Test
    void resumingFromAMidEpochCheckpointEndsWithBitwiseTheWeightsOfAnUninterruptedRun(@TempDir Path dir) {
        uninterrupted();
        assertThat(full.steps()).isEqualTo(12);
        try (MultiTaskModel b = ToyData.model(KillableTraining.SEED, false);
                MultiTaskModel resumed = ToyData.model(99, false)) {

            // Run B dies as step 8 fetches its batch: 7 steps done, checkpoints at steps 3 and 6.
            Path out = dir.resolve("b");
            MultiTaskTrainer trainer = new MultiTaskTrainer(KillableTraining.config(out, 3, EPOCHS));
            assertThatThrownBy(() -> trainer.fit(b, KillableTraining.source(b, EXAMPLES, 7, false),
                    KillableTraining.dev(b))).hasMessage("simulated kill before batch 7");
            assertThat(checkpointNames(out)).containsExactly("step-3", "step-6");

            TrainingResult result = trainer.resume(out, resumed, KillableTraining.source(resumed, EXAMPLES, -1, false),
                    KillableTraining.dev(resumed));

            assertThat(result.steps()).isEqualTo(12);
            assertBitwiseEqual(resumed, uninterrupted());
            assertThat(result.bestStep()).isEqualTo(full.bestStep());
            assertThat(result.best().flatten()).isEqualTo(full.best().flatten());
            assertThat(result.learnedLossState()).isEqualTo(full.learnedLossState());
            assertThat(result.batchesPerTask()).isEqualTo(full.batchesPerTask());
            assertThat(result.examples()).isEqualTo(full.examples());
            // Only the newest two are kept: 9 and 12 (written by the resumed run).
            assertThat(checkpointNames(out)).containsExactly("step-12", "step-9");
        }
    }

    @Test
    void aBestEvaluationFromBeforeTheResumeIsKeptAndRecomputedFromTheSavedBestWeights(@TempDir Path dir) {
        // At a learning rate this small every later evaluation ties, so step 4's stays the best.
        Path out = dir.resolve("run");
        TrainingConfig.Builder still = TrainingConfig.builder().optLearningRate(1e-12).optEpochs(EPOCHS)
                .optSeed(KillableTraining.SEED).optProgressBar(false).optOutputDirectory(out);
        try (MultiTaskModel a = ToyData.model(KillableTraining.SEED, false);
                MultiTaskModel b = ToyData.model(KillableTraining.SEED, false);
                MultiTaskModel resumed = ToyData.model(99, false)) {
            TrainingResult full = new MultiTaskTrainer(still.build())
                    .fit(a, KillableTraining.source(a, EXAMPLES, -1, false), KillableTraining.dev(a));
            assertThat(full.bestStep()).isEqualTo(4);
            MultiTaskTrainer trainer = new MultiTaskTrainer(still.optCheckpointEverySteps(3).build());
            assertThatThrownBy(() -> trainer.fit(b, KillableTraining.source(b, EXAMPLES, 7, false),
                    KillableTraining.dev(b))).hasMessage("simulated kill before batch 7");
            assertThat(out.resolve("checkpoints/step-6/best.safetensors")).exists();

            TrainingResult result = trainer.resume(out, resumed,
                    KillableTraining.source(resumed, EXAMPLES, -1, false), KillableTraining.dev(resumed));

            assertThat(result.bestStep()).isEqualTo(4);
            assertThat(result.best().flatten()).isEqualTo(full.best().flatten());
            assertThat(result.history()).hasSize(2);
            assertBitwiseEqual(resumed, weights(a));
        }
    }

    @Test
    void aCorruptNewestCheckpointFallsBackToThePreviousOneWithAWarning(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        try (MultiTaskModel b = ToyData.model(KillableTraining.SEED, false);
                MultiTaskModel resumed = ToyData.model(99, false)) {
            MultiTaskTrainer trainer = new MultiTaskTrainer(KillableTraining.config(out, 3, EPOCHS));
            assertThatThrownBy(() -> trainer.fit(b, KillableTraining.source(b, EXAMPLES, 7, false),
                    KillableTraining.dev(b))).hasMessage("simulated kill before batch 7");
            Path optimizer = out.resolve("checkpoints/step-6/optimizer.safetensors");
            byte[] bytes = Files.readAllBytes(optimizer);
            Files.write(optimizer, Arrays.copyOf(bytes, bytes.length / 2));

            CheckpointStore.Loaded loaded;
            PrintStream stderr = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                loaded = new CheckpointStore(out.resolve("checkpoints"), 2).loadNewest();
            } finally {
                System.setErr(stderr);
            }
            assertThat(loaded.state().step()).isEqualTo(3);
            assertThat(captured.toString(StandardCharsets.UTF_8))
                    .contains("WARN", "checkpoint " + out.resolve("checkpoints/step-6") + " cannot be loaded (");

            // Resuming from step 3 is exact too.
            TrainingResult result = trainer.resume(out, resumed,
                    KillableTraining.source(resumed, EXAMPLES, -1, false), KillableTraining.dev(resumed));
            assertThat(result.steps()).isEqualTo(12);
            assertBitwiseEqual(resumed, uninterrupted());
        }
    }

    @Test
    void aCheckpointOfOtherLabelsOrAnotherSeedIsRefusedNamingTheDifference(@TempDir Path dir) {
        Path out = dir.resolve("run");
        try (MultiTaskModel b = ToyData.model(KillableTraining.SEED, false);
                MultiTaskModel other = MultiTaskModel.builder().setEncoder(TinyBert.create(1))
                        .addHead(SequenceClassificationHead.builder().setName(ToyData.MOOD)
                                .setLabels(LabelVocabulary.of(List.of("bad", "fine"))).build())
                        .addHead(TokenClassificationHead.builder().setName(ToyData.PLACE).setLabels(ToyData.TAGS)
                                .build())
                        .build()) {
            MultiTaskTrainer trainer = new MultiTaskTrainer(KillableTraining.config(out, 3, EPOCHS));
            assertThatThrownBy(() -> trainer.fit(b, KillableTraining.source(b, EXAMPLES, 4, false),
                    KillableTraining.dev(b))).hasMessage("simulated kill before batch 4");

            assertThatThrownBy(() -> trainer.resume(out, other, KillableTraining.source(other, EXAMPLES, -1, false),
                    List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("checkpoint " + out.resolve("checkpoints/step-3") + ": task 'mood' has labels"
                            + " [bad, good], the model [bad, fine]; differing: [#1 good (model: fine)]");
            TrainingConfig otherSeed = TrainingConfig.builder().optSeed(12).optEpochs(EPOCHS).optProgressBar(false)
                    .optOutputDirectory(out).build();
            assertThatThrownBy(() -> new MultiTaskTrainer(otherSeed).resume(out, b,
                    KillableTraining.source(b, EXAMPLES, -1, false), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("checkpoint " + out.resolve("checkpoints/step-3") + " was taken with seed 11 and 4"
                            + " steps per epoch; this run has seed 12 and 4 steps per epoch");
        }
    }

    @Test
    void aRunKilledWithSigkillAndResumedInANewJvmEndsBitwiseLikeAnUninterruptedRun(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("killed");
        int killAfter = 3 + new Random(20261130).nextInt(7);
        Process first = start(out, "fresh");
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals("step " + killAfter)) {
                // wait for the chosen step
            }
            assertThat(line).as("the child's output before it ended").isEqualTo("step " + killAfter);
        }
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);
        assertThat(out.resolve("metrics.json")).doesNotExist();
        assertThat(checkpointNames(out)).isNotEmpty();

        Process second = start(out, "resume");
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).endsWith("done 14\n");

        try (MultiTaskModel uninterrupted = ToyData.model(KillableTraining.SEED, false);
                MultiTaskModel saved = MultiTaskModel.load(out.resolve("model"))) {
            new MultiTaskTrainer(KillableTraining.config(null, 0, 2)).fit(uninterrupted,
                    KillableTraining.source(uninterrupted, 56, -1, false), KillableTraining.dev(uninterrupted));
            assertBitwiseEqual(saved, weights(uninterrupted));
        }
    }

    private static Process start(Path out, String mode) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The surefire JVM's flags, except the 2 GB pre-touched heap, which only slows the child's start.
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-Xms") && !flag.startsWith("-Xmx") && !flag.equals("-XX:+AlwaysPreTouch")) {
                command.add(flag);
            }
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KillableTraining.class.getName());
        command.add(out.toString());
        command.add(mode);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<String> checkpointNames(Path out) {
        try (Stream<Path> children = Files.list(out.resolve("checkpoints"))) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, float[]> weights(MultiTaskModel model) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> weights.put(name, p.getArray().toFloatArray()));
        return weights;
    }

    private static void assertBitwiseEqual(MultiTaskModel actual, Map<String, float[]> expected) {
        Map<String, float[]> weights = weights(actual);
        assertThat(weights.keySet()).isEqualTo(expected.keySet());
        List<String> differing = new ArrayList<>();
        expected.forEach((name, w) -> {
            if (!Arrays.equals(weights.get(name), w)) {
                differing.add(name);
            }
        });
        assertThat(differing).as("parameters that differ").isEmpty();
    }
}
