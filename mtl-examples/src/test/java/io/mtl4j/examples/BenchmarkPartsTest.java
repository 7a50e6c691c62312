package io.mtl4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkPartsTest {

    private static ObjectNode settings(double minutes) {
        ObjectNode node = BenchmarkReport.JSON.createObjectNode();
        node.putObject("budget").put("max_minutes", minutes);
        node.put("data", "sst2");
        return node;
    }

    private static ObjectNode result(String run) {
        return BenchmarkReport.JSON.createObjectNode().put("run", run);
    }

    @Test
    void collectsMatchingPartsIgnoresOthersAndNamesTheMissing(@TempDir Path dir) {
        BenchmarkParts parts = new BenchmarkParts(dir);
        parts.write("single-ner", settings(30), result("single-ner"));
        parts.write("multi", settings(6), result("multi"));             // another budget
        parts.write("settings-temperature:2+equal", settings(30), result("row"));

        Map<String, ObjectNode> expected = new LinkedHashMap<>();
        expected.put("single-ner", settings(30));
        expected.put("single-sentiment", settings(30));
        expected.put("multi", settings(30));
        expected.put("settings-temperature:2+equal", settings(30));
        BenchmarkParts.Collected collected = parts.collect(expected);

        assertThat(collected.results().keySet()).containsExactly("single-ner", "settings-temperature:2+equal");
        assertThat(collected.results().get("single-ner").get("run").asText()).isEqualTo("single-ner");
        assertThat(collected.missing()).containsExactly("single-sentiment", "multi");
        assertThat(collected.ignored()).containsExactly(
                dir.resolve("multi.json") + ": settings.budget.max_minutes is 6.0, expected 30.0");
        assertThat(dir.resolve("settings-temperature_2+equal.json")).exists();
    }

    @Test
    void aFieldOnlyOneSideHasIsADifference(@TempDir Path dir) {
        BenchmarkParts parts = new BenchmarkParts(dir);
        parts.write("multi", settings(30).put("extra", 1), result("multi"));
        assertThat(parts.collect(Map.of("multi", settings(30))).ignored())
                .containsExactly(dir.resolve("multi.json") + ": settings.extra is 1, expected absent");
    }

    @Test
    void aPartForAnotherRunIsIgnored(@TempDir Path dir) throws Exception {
        BenchmarkParts parts = new BenchmarkParts(dir);
        parts.write("single-ner", settings(30), result("single-ner"));
        Files.copy(dir.resolve("single-ner.json"), dir.resolve("multi.json"));
        BenchmarkParts.Collected collected = parts.collect(Map.of("multi", settings(30)));
        assertThat(collected.missing()).containsExactly("multi");
        assertThat(collected.ignored()).containsExactly(dir.resolve("multi.json")
                + ": run is 'single-ner', expected 'multi'");
    }
}
