package io.mtl4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.model.EvaluationResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's first example end to end on a small slice, with the real all-MiniLM-L6-v2. */
class QuickstartTest {

    @Test
    void trainsEvaluatesSavesAndReloads(@TempDir Path dir) throws Exception {
        EvaluationResult result = Quickstart.runExample("--output", dir.toString(), "--train", "640", "--epochs", "3", "--lr", "1e-4");
        assertThat(result.tasks().keySet()).containsExactlyInAnyOrder("sentiment", "ner");
        assertThat(result.examples()).isEqualTo(300); // the test split
        // Three short epochs already find most generated entities.
        assertThat(result.metric("ner.f1")).isGreaterThan(0.5);
        assertThat(dir.resolve("model/mtl4j-model.json")).exists();
        assertThat(dir.resolve("run/metrics.json")).exists();
        assertThat(dir.resolve("data/train/seq.in")).exists();
        // mtl-report is on the class path: the run gets its plots and model card.
        for (String plot : new String[] {"loss", "dev-metrics", "confusion-sentiment", "entity-f1-ner"}) {
            assertThat(dir.resolve("run/plots/" + plot + ".png")).isRegularFile();
        }
        assertThat(dir.resolve("run/model/README.md")).content().contains("| sentiment | one label per text |",
                "prediction.tagging(\"ner\")");
    }
}
