package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.ToyData;
import io.mtl4j.text.TokenizedText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real encoder: all-MiniLM-L6-v2 with two small heads, exported and compared to DJL. */
class MiniLmExportTest {

    private static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Café crème brûlée in Zürich 😀 naïve résumé!",
            "Short.",
            "Multi-task learning shares one encoder between several heads, which saves time and memory.");

    @TempDir
    Path dir;

    @Test
    void exportedMiniLmMatchesDjl() throws Exception {
        assumeTrue(getClass().getClassLoader().getResource(BertEncoder.MINILM_ONNX_RESOURCE) != null,
                "all-MiniLM-L6-v2 is not on the classpath");
        try (MultiTaskModel model = MultiTaskModel.builder()
                .setEncoder(BertEncoder.allMiniLmL6V2(Pooling.MEAN, 64))
                .addHead(SequenceClassificationHead.builder().setName(ToyData.MOOD).setLabels(ToyData.MOODS).build())
                .addHead(TokenClassificationHead.builder().setName(ToyData.PLACE).setLabels(ToyData.TAGS).build())
                .build()) {
            Reference.perturbHeads(model, 31);
            Path file = dir.resolve("minilm.onnx");
            OnnxExporter.export(model, file);
            List<TokenizedText> texts = model.encoder().tokenizer().tokenize(SENTENCES);
            Reference.Outputs expected = Reference.djl(model, texts);
            try (OnnxRunner runner = OnnxRunner.builder().setFile(file).setTasks(model.heads().keySet()).build()) {
                OnnxOutputs actual = runner.run(texts);

                assertThat(actual.embedding().shape()).containsExactly(4, 384);
                assertThat(Reference.maxDiff(expected.embedding(), actual.embedding().data())).isLessThan(1e-4);
                for (String task : List.of(ToyData.MOOD, ToyData.PLACE)) {
                    assertThat(Reference.maxDiff(expected.logits().get(task), actual.logits(task).values()))
                            .isLessThan(1e-4);
                }
            }
            assertThat(texts.stream().mapToInt(TokenizedText::length).distinct().count()).isEqualTo(4);
        }
    }
}
