package io.mtl4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the transfer study on generated data with a tiny budget, with the real all-MiniLM-L6-v2. */
class TransferReportTest {

    @Test
    void trainsSingleAndMultiTaskModelsAndWritesTheReport(@TempDir Path dir) throws Exception {
        TransferReport.runExample("--output", dir.resolve("report").toString(), "--train", "96", "--steps", "12",
                "--batch", "8", "--eval-every", "6", "--cosine-every", "3", "--minutes", "3");

        JsonNode json = BenchmarkReport.JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("benchmark").asText()).isEqualTo("transfer_report");
        assertThat(json.get("budget").get("max_steps").asInt()).isEqualTo(12);
        assertThat(json.get("sampling").asText()).isEqualTo("temperature:2");
        assertThat(json.get("timed_texts").asInt()).isEqualTo(48); // 24 test sentences from each data set
        List<String> singles = new ArrayList<>();
        json.get("single").fieldNames().forEachRemaining(singles::add);
        assertThat(singles).containsExactly("single-sentiment (generated-sentiment)", "single-ner (generated-ner)");

        JsonNode sentiment = json.get("single").get("single-sentiment (generated-sentiment)");
        assertThat(sentiment.get("test").size()).isEqualTo(1);
        assertThat(sentiment.get("test").get("sentiment.accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(sentiment.get("batches_per_task").get("sentiment").asInt()).isEqualTo(12);
        assertThat(sentiment.get("gradient_cosine").get("count").asInt()).isZero(); // one task: nothing to compare
        assertThat(json.get("single").get("single-ner (generated-ner)").get("test").get("ner.f1").asDouble())
                .isBetween(0.0, 1.0);

        JsonNode multi = json.get("multi");
        assertThat(multi.get("steps").asInt()).isEqualTo(12);
        assertThat(multi.get("test").get("sentiment.accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(multi.get("test").get("ner.f1").asDouble()).isBetween(0.0, 1.0);
        assertThat(multi.get("batches_per_task").get("sentiment").asInt()
                + multi.get("batches_per_task").get("ner").asInt()).isEqualTo(12);
        // Measured at steps 3, 6, 9 and 12, once both tasks have had a batch.
        assertThat(multi.get("gradient_cosine").get("count").asInt()).isBetween(1, 4);
        assertThat(multi.get("gradient_cosine").get("min").asDouble()).isBetween(-1.0, 1.0);
        assertThat(multi.get("inference_ms_per_text").asDouble()).isPositive();
        // One shared encoder: the multi-task model is the sentiment model plus the NER head, far from twice its size.
        long single = sentiment.get("parameters").asLong();
        assertThat(multi.get("parameters").asLong()).isGreaterThan(single).isLessThan(single + 10_000);
        assertThat(json.get("single_total").get("parameters").asLong()).isGreaterThan(2 * single);
        assertThat(json.get("demo").get("text").asText()).isEqualTo(SentimentNerBenchmark.DEMO);
        assertThat(json.get("demo").get("tasks").get("sentiment").get("label").asText()).isIn("positive", "negative");

        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| model | sentiment.accuracy | ner.f1 | parameters |",
                "| single-sentiment (generated-sentiment) |", "| single-ner (generated-ner) |",
                "| single-task total (2 models) |", "| multi-task (temperature:2, equal) |");
    }

    @Test
    void rejectsBadOptionsBeforeLoadingAnything() {
        assertThatThrownBy(() -> TransferReport.runExample("--sentiment", "yelp"))
                .hasMessage("--sentiment must be generated, sst2 or imdb, but is: yelp");
        assertThatThrownBy(() -> TransferReport.runExample("--loss", "pcgrad"))
                .hasMessage("--loss pcgrad needs --sampling every-task (PCGrad only acts on steps holding several"
                        + " tasks), but the sampling is: temperature:2");
    }
}
