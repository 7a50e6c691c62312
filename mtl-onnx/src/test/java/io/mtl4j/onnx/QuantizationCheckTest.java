package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.encoder.Pooling;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.LabelScore;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.testing.ToyData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizationCheckTest {

    private static TextPrediction prediction(String mood, Entity... places) {
        Map<String, TaskPrediction> tasks = new LinkedHashMap<>();
        tasks.put("mood", new TaskPrediction.Classification("mood", mood, 0.9, List.of(new LabelScore(mood, 0.9))));
        tasks.put("place", new TaskPrediction.Tagging("place", List.of(places), List.of()));
        return new TextPrediction("t", tasks, false);
    }

    @Test
    void countsUnchangedLabelsAndEntityAgreement() {
        Entity paris = new Entity("paris", "LOC", 0, 5, 0.9);
        Entity rome = new Entity("rome", "LOC", 10, 14, 0.9);
        Entity romeShifted = new Entity("rom", "LOC", 10, 13, 0.9);
        List<TextPrediction> fp32 = List.of(prediction("good", paris), prediction("bad", rome), prediction("bad"),
                prediction("good"));
        List<TextPrediction> int8 = List.of(prediction("good", paris), prediction("good", romeShifted),
                prediction("bad"), prediction("good"));
        QuantizationCheck check = QuantizationCheck.compare(fp32, int8);
        assertThat(check.texts()).isEqualTo(4);
        assertThat(check.agreement()).containsOnlyKeys("mood", "place");
        assertThat(check.agreement().get("mood")).isEqualTo(75.0);
        // One of two entities on each side matches exactly: F1 = 2 * 1 / (2 + 2).
        assertThat(check.agreement().get("place")).isEqualTo(50.0);
        assertThat(check.summary()).isEqualTo("int8 vs fp32 on 4 texts: mood 75.00%; place 50.00%");
    }

    @Test
    void theExporterChecksTheInt8CopyOnSampleTexts(@TempDir Path dir) throws Exception {
        try (MultiTaskModel model = Reference.model(11, true, Pooling.MEAN)) {
            Optional<QuantizationCheck> check = OnnxExporter.export(model, dir.resolve("m.onnx"),
                    OnnxExportOptions.builder().optQuantizedFile(dir.resolve("m-int8.onnx"))
                            .optCheckTexts(Reference.TEXTS).build());
            assertThat(check).isPresent();
            assertThat(check.get().texts()).isEqualTo(Reference.TEXTS.size());
            assertThat(check.get().agreement()).containsOnlyKeys(ToyData.MOOD, ToyData.PLACE);
            assertThat(check.get().agreement().values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
            assertThat(OnnxExporter.export(model, dir.resolve("n.onnx"), OnnxExportOptions.defaults())).isEmpty();
        }
        assertThatThrownBy(() -> OnnxExportOptions.builder().optCheckTexts(List.of("a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkTexts compare the int8 copy with the fp32 model, so they need a quantizedFile");
    }
}
