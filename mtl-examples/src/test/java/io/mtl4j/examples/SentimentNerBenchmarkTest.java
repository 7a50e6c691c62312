package io.mtl4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentNerBenchmarkTest {

    @Test
    void namesBadOptions() {
        assertThatThrownBy(() -> SentimentNerBenchmark.Plan.parse("--sampling", "fast"))
                .hasMessage("--sampling: unknown task sampling 'fast'; expected proportional, temperature:<T>, uniform,"
                        + " round-robin or every-task");
        assertThatThrownBy(() -> SentimentNerBenchmark.Plan.parse("--loss", "gradnorm"))
                .hasMessage("--loss must be one of [equal, uncertainty, pcgrad], but is: gradnorm");
        assertThatThrownBy(() -> SentimentNerBenchmark.Plan.parse("--loss", "pcgrad", "--sampling", "proportional"))
                .hasMessage("--loss pcgrad needs --sampling every-task (PCGrad only acts on steps holding several"
                        + " tasks), but the sampling is: proportional");
        assertThatThrownBy(() -> SentimentNerBenchmark.Plan.parse("--runs", "single,both"))
                .hasMessage("--runs takes a comma list of [single, multi, settings, none], but has: 'both'");
        assertThatThrownBy(() -> SentimentNerBenchmark.Plan.parse("--sentiment", "yelp"))
                .hasMessage("--sentiment must be one of [sst2, imdb], but is: yelp");
        assertThatThrownBy(() -> SentimentNerBenchmark.Plan.parse("--settings-list", "uniform"))
                .hasMessage("a setting must be written sampling+loss, e.g. temperature:2+equal, but is: 'uniform'");
        assertThatThrownBy(() -> SentimentNerBenchmark.Plan.parse("--minutes", "0"))
                .hasMessage("--minutes must be positive, but is: 0.0");
    }

    @Test
    void defaultsFollowTheDataSet() {
        SentimentNerBenchmark.Plan sst2 = SentimentNerBenchmark.Plan.parse();
        assertThat(sst2.maxLength()).isEqualTo(128);
        assertThat(sst2.sampling().toString()).isEqualTo("temperature:2");
        assertThat(sst2.budget().maxDuration().toMinutes()).isEqualTo(30);
        assertThat(sst2.settingsBudget().maxDuration().toMinutes()).isEqualTo(6);
        assertThat(sst2.runs()).containsExactly("single", "multi", "settings");
        assertThat(sst2.settings()).extracting(StudyOptions.Setting::name).containsExactly("proportional+equal",
                "temperature:2+equal", "proportional+uncertainty", "every-task+pcgrad");
        assertThat(sst2.expectedParts().keySet()).containsExactly("single-ner", "single-sentiment", "multi",
                "settings-proportional+equal", "settings-temperature:2+equal", "settings-proportional+uncertainty",
                "settings-every-task+pcgrad");
        assertThat(SentimentNerBenchmark.Plan.parse("--sentiment", "imdb").maxLength()).isEqualTo(256);
    }

    private static RunResult run(String name, Map<String, Double> metrics, double seconds) {
        return new RunResult(name, List.of("sst2", "conll2003"), metrics, 22_569_611, 3.5, seconds, 100, 100, 90, 40.0,
                "temperature:2", "equal", Map.of("ner", 40L, "sentiment", 60L), 0.1, -0.2, 2, Map.of(), null);
    }

    @Test
    void rebuildsTheReportFromMatchingPartsOnly(@TempDir Path dir) throws Exception {
        String[] args = {"--runs", "none", "--parts-dir", dir.resolve("parts").toString(),
            "--output", dir.resolve("out.json").toString(), "--settings-list", "proportional+equal,uniform+uncertainty"};
        SentimentNerBenchmark.Plan plan = SentimentNerBenchmark.Plan.parse(args);
        Map<String, ObjectNode> expected = plan.expectedParts();
        plan.parts().write("single-ner", expected.get("single-ner"),
                run("single-ner", Map.of("ner.f1", 0.8512), 600).toJson());
        ObjectNode multi = run("multi", Map.of("ner.f1", 0.8421, "sentiment.accuracy", 0.9034), 1700).toJson();
        multi.set("demo", BenchmarkReport.JSON.createObjectNode().put("text", SentimentNerBenchmark.DEMO));
        plan.parts().write("multi", expected.get("multi"), multi);
        plan.parts().write("settings-proportional+equal", expected.get("settings-proportional+equal"),
                run("settings-proportional+equal", Map.of("ner.f1", 0.8, "sentiment.accuracy", 0.9), 300).toJson());
        // Recorded with another budget: must not be merged.
        plan.parts().write("single-sentiment", SentimentNerBenchmark.Plan.parse("--minutes", "5").expectedParts()
                .get("single-sentiment"), run("single-sentiment", Map.of("sentiment.accuracy", 0.91), 300).toJson());

        ObjectNode root = SentimentNerBenchmark.runExample(args);

        assertThat(root.get("conll_test_f1").asDouble()).isEqualTo(84.21);
        assertThat(root.get("sst2_test_acc").asDouble()).isEqualTo(90.34);
        assertThat(root.get("conll_test_f1_single").asDouble()).isEqualTo(85.12);
        assertThat(root.get("sst2_test_acc_single").isNull()).isTrue();
        assertThat(root.get("train_seconds").asDouble()).isEqualTo(1700);
        assertThat(root.get("sampling").asText()).isEqualTo("temperature:2");
        assertThat(root.get("loss").asText()).isEqualTo("equal");
        assertThat(root.get("demo").get("text").asText()).isEqualTo(SentimentNerBenchmark.DEMO);
        assertThat(root.get("settings")).hasSize(1);
        assertThat(root.get("settings").get(0).get("setting").asText()).isEqualTo("proportional+equal");
        assertThat(root.get("settings").get(0).get("conll_test_f1").asDouble()).isEqualTo(80.0);
        JsonNode parts = root.get("parts");
        assertThat(parts.get("missing").toString())
                .isEqualTo("[\"single-sentiment\",\"settings-uniform+uncertainty\"]");
        assertThat(parts.get("ignored").get(0).asText()).isEqualTo(dir.resolve("parts/single-sentiment.json")
                + ": settings.budget.max_minutes is 5.0, expected 30.0");
        assertThat(root.get("study").get("single_total").isNull()).isTrue();
        assertThat(BenchmarkReport.JSON.readTree(dir.resolve("out.json").toFile()).get("conll_test_f1").asDouble())
                .isEqualTo(84.21);
        String md = Files.readString(dir.resolve("out.md"));
        assertThat(md).contains("| single-sentiment | missing |", "| multi-task (temperature:2, equal) | 84.21 | 90.34 |",
                "| uniform+uncertainty | missing |", "Missing runs: single-sentiment, settings-uniform+uncertainty");
    }
}
