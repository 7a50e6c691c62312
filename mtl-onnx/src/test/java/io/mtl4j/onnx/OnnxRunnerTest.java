package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.encoder.Pooling;
import io.mtl4j.head.Logits;
import io.mtl4j.head.TaskHead;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.onnx.OnnxProto.Graph;
import io.mtl4j.onnx.OnnxProto.Model;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.testing.ToyData;
import io.mtl4j.text.TokenizedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRunnerTest {

    @TempDir
    static Path dir;

    private static MultiTaskModel model;
    private static Path file;

    @BeforeAll
    static void export() throws Exception {
        model = Reference.model(21, true, Pooling.MEAN);
        file = dir.resolve("model.onnx");
        OnnxExporter.export(model, file);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void headsDecodeTheRunnersLogitsAsTheyDecodeDjls() {
        List<TextPrediction> expected = model.predict(Reference.TEXTS, 2);
        List<TokenizedText> texts = model.encoder().tokenizer().tokenize(Reference.TEXTS);
        try (OnnxRunner runner = OnnxRunner.builder().setFile(file).setTasks(List.of("place", "mood")).build()) {
            assertThat(runner.tasks()).containsExactly("mood", "place");
            assertThat(runner.metadata()).containsEntry("mtl4j.tasks", "mood,place");
            OnnxOutputs outputs = runner.run(texts);
            Logits mood = outputs.logits(ToyData.MOOD);
            assertThat(List.of(mood.batch(), mood.positions(), mood.classes())).containsExactly(5, 1, 2);
            for (TaskHead head : model.heads().values()) {
                List<TaskPrediction> actual = head.predict(outputs.logits(head.name()), texts, 2);
                for (int i = 0; i < texts.size(); i++) {
                    assertSamePrediction(actual.get(i), expected.get(i).tasks().get(head.name()));
                }
            }
            // The toy model is random: make sure the comparison saw entities at all.
            assertThat(expected.stream().mapToInt(p -> p.tagging(ToyData.PLACE).entities().size()).sum()).isPositive();
        }
    }

    private static void assertSamePrediction(TaskPrediction actual, TaskPrediction expected) {
        if (expected instanceof TaskPrediction.Classification e) {
            TaskPrediction.Classification a = (TaskPrediction.Classification) actual;
            assertThat(a.label()).isEqualTo(e.label());
            assertThat(a.probability()).isCloseTo(e.probability(), within(1e-4));
            assertThat(a.topK().stream().map(s -> s.label()).toList())
                    .isEqualTo(e.topK().stream().map(s -> s.label()).toList());
        } else {
            TaskPrediction.Tagging e = (TaskPrediction.Tagging) expected;
            TaskPrediction.Tagging a = (TaskPrediction.Tagging) actual;
            assertThat(a.words().stream().map(w -> w.tag()).toList())
                    .isEqualTo(e.words().stream().map(w -> w.tag()).toList());
            assertThat(a.entities()).hasSameSizeAs(e.entities());
            for (int i = 0; i < e.entities().size(); i++) {
                Entity x = a.entities().get(i);
                Entity y = e.entities().get(i);
                assertThat(List.of(x.text(), x.label(), x.start(), x.end())).isEqualTo(List.of(y.text(), y.label(),
                        y.start(), y.end()));
                assertThat(x.score()).isCloseTo(y.score(), within(1e-4));
            }
        }
    }

    @Test
    void refusesAFileWhoseTasksDiffer() {
        assertThatThrownBy(() -> OnnxRunner.builder().setFile(file).setTasks(List.of("mood", "intent")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": graph outputs do not match the tasks [intent, mood]: missing [logits.intent], "
                        + "unexpected [logits.place] (expected [embedding, logits.intent, logits.mood])");
    }

    @Test
    void refusesAFileWithoutTheEmbeddingOutput() throws Exception {
        Model exported = OnnxExporter.toModel(model);
        Graph graph = exported.graph();
        Graph withoutEmbedding = new Graph(graph.name(),
                graph.nodes().stream().filter(n -> !n.outputs().contains("embedding")).toList(),
                graph.initializers(), graph.inputs(),
                graph.outputs().stream().filter(v -> !v.name().equals("embedding")).toList());
        Path broken = dir.resolve("no-embedding.onnx");
        Files.write(broken, OnnxProtoWriter.toBytes(exported.with(withoutEmbedding, exported.metadata())));

        assertThatThrownBy(() -> OnnxRunner.builder().setFile(broken).setTasks(List.of("mood", "place")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(broken + ": graph outputs do not match the tasks [mood, place]: missing [embedding], "
                        + "unexpected [] (expected [embedding, logits.mood, logits.place])");
    }

    @Test
    void refusesFilesThatAreNotOnnxModels() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "these are not the weights you are looking for");
        assertThatThrownBy(() -> OnnxRunner.builder().setFile(text).setTasks(List.of("mood")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(text + ": not a model ONNX Runtime can load: ");
        Path missing = dir.resolve("missing.onnx");
        assertThatThrownBy(() -> OnnxRunner.builder().setFile(missing).setTasks(List.of("mood")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no ONNX file at " + missing);
        assertThatThrownBy(() -> OnnxRunner.builder().setTasks(List.of("mood")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file must be set");
        assertThatThrownBy(() -> OnnxRunner.builder().setFile(file).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tasks must be set");
        assertThatThrownBy(() -> OnnxRunner.builder().optIntraOpThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("intraOpThreads must be at least 1, but is: 0");
    }

    @Test
    void checksInputShapesAndRefusesRunsAfterClose() {
        OnnxRunner runner = OnnxRunner.builder().setFile(file).setTasks(model.heads().keySet()).optIntraOpThreads(1)
                .build();
        long[] two = {101, 102};
        assertThatThrownBy(() -> runner.run(two, two, new long[3], 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tokenTypeIds must hold batch * length = 2 values, but holds 3");
        assertThatThrownBy(() -> runner.run(new long[0], new long[0], new long[0], 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch and length must be at least 1, but are: 0, 2");
        assertThatThrownBy(() -> runner.run(new long[][] {{101, 102}, {101}}, new long[][] {{1, 1}, {1}},
                new long[][] {{0, 0}, {0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("every row of inputIds must have length 2, but row 1 has 1");
        OnnxOutputs out = runner.run(new long[][] {{101, 102}}, new long[][] {{1, 1}}, new long[][] {{0, 0}});
        assertThat(out.embedding().shape()).containsExactly(1, 32);
        assertThatThrownBy(() -> out.get("logits.intent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no output 'logits.intent'; outputs: [embedding, logits.mood, logits.place]");

        runner.close();
        runner.close();
        assertThatThrownBy(() -> runner.run(two, two, two, 1, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the ONNX runner for " + file + " is closed");
    }

    @Test
    void concurrentRunsGiveTheSameResultsAsOneThread() throws Exception {
        List<TokenizedText> texts = model.encoder().tokenizer().tokenize(Reference.TEXTS);
        try (OnnxRunner runner = OnnxRunner.builder().setFile(file).setTasks(model.heads().keySet())
                .optIntraOpThreads(1).build()) {
            List<float[]> expected = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                expected.add(runner.run(texts.subList(i, i + 1)).logits(ToyData.PLACE).values());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int job = 0; job < 20; job++) {
                    int i = job % texts.size();
                    results.add(pool.submit(() -> Arrays.equals(expected.get(i),
                            runner.run(texts.subList(i, i + 1)).logits(ToyData.PLACE).values())));
                }
                for (Future<Boolean> r : results) {
                    assertThat(r.get()).isTrue();
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
