package io.mtl4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    /** Compiles the card's snippet against mtl-core, runs it, and returns what it printed. */
    private static String compileAndRun(String source, Path work) throws Exception {
        Path src = work.resolve("src/PredictWithModel.java");
        Path classes = work.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source);
        Set<String> classPath = new LinkedHashSet<>();
        for (Class<?> type : List.of(MultiTaskModel.class, ai.djl.ndarray.NDManager.class,
                com.fasterxml.jackson.databind.node.ObjectNode.class)) {
            classPath.add(location(type));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-proc:none", "-d", classes.toString(),
                "-cp", String.join(File.pathSeparator, classPath)));
        boolean compiled = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile())).call();
        assertThat(compiled).as("the snippet compiles without warnings:\n" + diagnostics + "\n" + source).isTrue();

        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ModelCardTest.class.getClassLoader())) {
            Method main = loader.loadClass("PredictWithModel").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(stdout);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void theJavaSnippetCompilesAndPredictsWithTheSavedModel(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("saved model");
        try (MultiTaskModel model = ToyData.model(11, false)) {
            model.save(folder, false);
        }
        Path card = ModelCard.write(folder);
        String markdown = Files.readString(card);
        String snippet = markdown.substring(markdown.indexOf("```java\n") + 8, markdown.indexOf("```\n\n`predict`"));

        assertThat(card).isEqualTo(folder.resolve("README.md"));
        assertThat(snippet).contains("Path.of(\"" + folder.toString().replace("\\", "\\\\") + "\")");
        String printed = compileAndRun(snippet, dir.resolve("snippet"));
        assertThat(printed).startsWith("mood: ").containsPattern("mood: (bad|good) \\(p=0\\.\\d+");
        // The model still loads with the card in its folder.
        try (MultiTaskModel reloaded = MultiTaskModel.load(folder)) {
            assertThat(reloaded.heads().keySet()).containsExactly("mood", "place");
        }
    }

    @Test
    void taskNamesThatAreNotJavaNamesStillGiveASnippetThatCompiles(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("model");
        try (MultiTaskModel model = MultiTaskModel.builder().setEncoder(TinyBert.create(12))
                .addHead(SequenceClassificationHead.builder().setName("intent-label")
                        .setLabels(LabelVocabulary.of(List.of("a", "b"))).build())
                .addHead(SequenceClassificationHead.builder().setName("class")
                        .setLabels(LabelVocabulary.of(List.of("x", "y"))).build())
                .addHead(SequenceClassificationHead.builder().setName("intent_label")
                        .setLabels(LabelVocabulary.of(List.of("c", "d"))).build())
                .build()) {
            model.save(folder, false);
            String snippet = ModelCard.of(model, folder).javaSnippet();
            assertThat(snippet).contains(
                    "TaskPrediction.Classification intentLabel = prediction.classification(\"intent-label\");",
                    "TaskPrediction.Classification task2 = prediction.classification(\"class\");",
                    "TaskPrediction.Classification task3 = prediction.classification(\"intent_label\");")
                    .doesNotContain("import io.mtl4j.predict.Entity;");
            assertThat(compileAndRun(snippet, dir.resolve("snippet")).lines())
                    .satisfiesExactly(
                            l -> assertThat(l).startsWith("intent-label: "),
                            l -> assertThat(l).startsWith("class: "),
                            l -> assertThat(l).startsWith("intent_label: "));
        }
    }

    @Test
    void aSavedModelOutsideARunGetsTasksAndLabelsButNoMetrics(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("m");
        try (MultiTaskModel model = ToyData.model(13, false)) {
            model.save(folder, false);
        }
        String card = Files.readString(ModelCard.write(folder));

        assertThat(card).startsWith("# m: an mtl4j multi-task model\n\nOne shared `bert` encoder (hidden size 32, ")
                .contains("| mood | one label per text | `sequence_classification` | `bad`, `good` |",
                        "Not known: the card was written without the training run's `metrics.json`.",
                        "No dev evaluation is known for this model.")
                .doesNotContain("## Plots", "## Training settings");
    }

    @Test
    void aSavedModelInARunFolderGetsTheRunsSummaryAndPlots(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("model");
        try (MultiTaskModel model = ToyData.model(14, false)) {
            model.save(folder, false);
        }
        Files.writeString(dir.resolve("metrics.json"), """
                {"steps": 40, "best_step": 30, "selection_metric": "mood.accuracy", "loss": "equal weights",
                 "stopped_early": false, "examples_per_task": {"mood": 640, "place": 320},
                 "dev": {"mood.accuracy": 0.875, "place.f1": 0.5, "mean": 0.6875}}
                """);
        Files.createDirectories(dir.resolve("plots"));
        Files.write(dir.resolve("plots/loss.png"), new byte[] {1});
        String card = Files.readString(ModelCard.write(folder));

        assertThat(card).contains("""
                ## Data

                - Training: 40 optimizer steps.
                  - mood: 640 examples labelled for it
                  - place: 320 examples labelled for it

                ## Metrics

                Dev set, at the kept checkpoint (step 30), chosen by `mood.accuracy`. Fractions in [0, 1].

                | metric | value |
                | --- | ---: |
                | mood.accuracy | 0.8750 |
                | place.f1 | 0.5000 |
                | mean | 0.6875 |

                ## Training settings

                | setting | value |
                | --- | --- |
                | loss | equal weights |
                | selection metric | mood.accuracy |
                | stopped early | false |

                ## Plots

                ![loss](../plots/loss.png)
                """);
    }
}
