package io.mtl4j.spark.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.read.AclImdbReader;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.testing.TinyBert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImdbSparkExampleTest {

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static MultiTaskModel model;
    private static Path modelDir;
    private static Path data;

    @BeforeAll
    static void start() throws IOException {
        model = MultiTaskModel.builder()
                .setEncoder(TinyBert.create(9))
                .addHead(SequenceClassificationHead.builder().setName("sentiment")
                        .setLabels(LabelVocabulary.of(List.of("negative", "positive"))).build())
                .addHead(TokenClassificationHead.builder().setName("ner")
                        .setLabels(LabelVocabulary.of(List.of("O", "B-PER", "I-PER"))).build())
                .build();
        modelDir = dir.resolve("model");
        model.save(modelDir, false);
        data = dir.resolve("aclImdb");
        review("pos", "0_9.txt", "A warm and brilliant film.<br /><br />Greta Gerwig at her best.");
        review("pos", "1_10.txt", "Lovely. " + "Every scene of this film is a joy to watch, again and again. ".repeat(4));
        review("pos", "2_8.txt", "Not read: beyond the limit of two per class.");
        review("neg", "0_1.txt", "A dull and tedious mess from Warner Bros.");
        review("neg", "1_3.txt", "Boring.");
        spark = SparkSession.builder().master("local[2]").appName("ImdbSparkExampleTest")
                .config("spark.ui.enabled", false).config("spark.sql.shuffle.partitions", 2).getOrCreate();
    }

    private static void review(String label, String file, String text) throws IOException {
        Files.createDirectories(data.resolve("test").resolve(label));
        Files.writeString(data.resolve("test").resolve(label).resolve(file), text);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    void countsLabelsScoresSentimentAndCountsWindowedReviews() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ImdbSparkExample.Summary summary = ImdbSparkExample.run(spark, new PrintStream(printed, true,
                StandardCharsets.UTF_8), "--model", modelDir.toString(), "--data", data.toString(), "--limit", "4",
                "--batch", "3");

        List<LabeledExample> reviews = AclImdbReader.builder().optLimitPerClass(2).build()
                .read(data, AclImdbReader.Split.TEST);
        List<TextPrediction> predictions = model.predict(reviews.stream().map(LabeledExample::text).toList());
        Map<String, Long> counts = predictions.stream().collect(Collectors.groupingBy(
                p -> p.classification("sentiment").label(), TreeMap::new, Collectors.counting()));
        long right = 0;
        for (int i = 0; i < reviews.size(); i++) {
            String gold = reviews.get(i).sentenceLabels().get("sentiment");
            String expected = gold.equals("pos") ? "positive" : "negative";
            right += predictions.get(i).classification("sentiment").label().equals(expected) ? 1 : 0;
        }
        long withEntities = predictions.stream().filter(p -> !p.tagging("ner").entities().isEmpty()).count();
        assertThat(summary.reviews()).isEqualTo(4);
        assertThat(summary.labelCounts()).isEqualTo(Map.of("sentiment", counts));
        assertThat(summary.sentimentTask()).isEqualTo("sentiment");
        assertThat(summary.accuracy()).isEqualTo(right / 4.0);
        assertThat(summary.windowed()).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Predicting 4 IMDB test reviews in ")
                .contains("sentiment: predicted labels " + counts)
                .contains(String.format(Locale.ROOT, "sentiment accuracy against IMDB's labels: %.2f%% (4"
                        + " reviews)", 100 * right / 4.0))
                .contains("1 of 4 reviews were longer than the encoder's maximum length")
                .contains("ner: " + withEntities + " reviews with entities; the first " + Math.min(3, withEntities))
                .contains("model loaded and one review predicted in ")
                .contains("4 reviews predicted in ");
    }

    @Test
    void aMissingModelSaysHowToMakeOne() {
        Path missing = dir.resolve("no-model");

        assertThatThrownBy(() -> ImdbSparkExample.run(spark, System.out, "--model", missing.toString(), "--data",
                data.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No mtl4j model at " + missing + " (mtl4j-model.json is missing). Run the README's first"
                        + " command first, from the repository root; it trains the Quickstart model and saves it"
                        + " there:\n  mvn -B -ntp -q install -DskipTests && mvn -B -ntp -q -pl mtl-examples exec:java\n"
                        + "or name a saved model with --model <folder>.");
    }
}
