package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.model.ModelFormat;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.onnx.OnnxProto.Dim;
import io.mtl4j.onnx.OnnxProto.Model;
import io.mtl4j.onnx.OnnxProto.ValueInfo;
import io.mtl4j.testing.TestResources;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.text.TokenizedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExporterTest {

    /** ONNX Runtime against DJL, both fp32: observed differences are about 2e-6. */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @Test
    void meanPooledModelMatchesDjlOnAPaddedBatch() throws Exception {
        assertMatchesDjl(Pooling.MEAN, true);
    }

    @Test
    void clsPooledModelMatchesDjlOnAPaddedBatch() throws Exception {
        assertMatchesDjl(Pooling.CLS, false);
    }

    private void assertMatchesDjl(Pooling pooling, boolean crf) throws Exception {
        try (MultiTaskModel model = Reference.model(1, crf, pooling)) {
            Path file = dir.resolve("model.onnx");
            OnnxExporter.export(model, file);
            List<TokenizedText> texts = model.encoder().tokenizer().tokenize(Reference.TEXTS);
            int length = texts.stream().mapToInt(TokenizedText::length).max().orElseThrow();
            Reference.Outputs expected = Reference.djl(model, texts);
            try (OnnxRunner runner = OnnxRunner.builder().setFile(file).setTasks(model.heads().keySet()).build()) {
                OnnxOutputs actual = runner.run(texts);

                assertThat(actual.names()).containsExactly("embedding", "logits.mood", "logits.place");
                assertThat(actual.embedding().shape()).containsExactly(5, 32);
                assertThat(actual.get("logits.mood").shape()).containsExactly(5, 2);
                assertThat(actual.get("logits.place").shape()).containsExactly(5, length, 3);
                assertThat(Reference.maxDiff(expected.embedding(), actual.embedding().data())).isLessThan(TOLERANCE);
                assertThat(Reference.maxDiff(expected.logits().get(ToyData.MOOD), actual.logits(ToyData.MOOD).values()))
                        .isLessThan(TOLERANCE);
                assertThat(Reference.maxDiff(expected.logits().get(ToyData.PLACE), actual.logits(ToyData.PLACE).values()))
                        .isLessThan(TOLERANCE);
            }
            // The batch really is padded, and the outputs are not trivially small.
            assertThat(texts.stream().mapToInt(TokenizedText::length).min().orElseThrow()).isEqualTo(3);
            assertThat(length).isEqualTo(20);
            assertThat(maxAbs(expected.logits().get(ToyData.MOOD))).isGreaterThan(0.5);
        }
    }

    @Test
    void paddingDoesNotChangeATextsOutputs() throws Exception {
        try (MultiTaskModel model = Reference.model(2, false, Pooling.MEAN)) {
            Path file = dir.resolve("model.onnx");
            OnnxExporter.export(model, file);
            List<TokenizedText> texts = model.encoder().tokenizer().tokenize(Reference.TEXTS);
            try (OnnxRunner runner = OnnxRunner.builder().setFile(file).setTasks(model.heads().keySet()).build()) {
                OnnxOutputs batch = runner.run(texts);
                for (int i = 0; i < texts.size(); i++) {
                    OnnxOutputs alone = runner.run(List.of(texts.get(i)));
                    int length = texts.get(i).length();
                    assertThat(Reference.maxDiff(alone.embedding(0), batch.embedding(i))).isLessThan(1e-5);
                    assertThat(Reference.maxDiff(alone.logits(ToyData.MOOD).values(),
                            row(batch.logits(ToyData.MOOD).values(), i, 2))).isLessThan(1e-5);
                    float[] tokens = row(batch.logits(ToyData.PLACE).values(), i, batch.logits(ToyData.PLACE).positions() * 3);
                    assertThat(Reference.maxDiff(alone.logits(ToyData.PLACE).values(), Arrays.copyOf(tokens, length * 3)))
                            .isLessThan(1e-5);
                }
            }
        }
    }

    @Test
    void oneSessionServesBatchesOfOneAndFiveWithLengthsThreeAndTwenty() throws Exception {
        try (MultiTaskModel model = Reference.model(3, false, Pooling.MEAN)) {
            Path file = dir.resolve("model.onnx");
            OnnxExporter.export(model, file);
            Random random = new Random(3);
            try (OnnxRunner runner = OnnxRunner.builder().setFile(file).setTasks(model.heads().keySet())
                    .optIntraOpThreads(1).build()) {
                for (int[] shape : new int[][] {{1, 3}, {5, 20}, {5, 3}, {1, 20}}) {
                    int batch = shape[0];
                    int length = shape[1];
                    long[] ids = new long[batch * length];
                    long[] mask = new long[ids.length];
                    long[] types = new long[ids.length];
                    for (int b = 0; b < batch; b++) {
                        int real = length - b % 3;
                        for (int t = 0; t < real; t++) {
                            ids[b * length + t] = 1000 + random.nextInt(20_000);
                            mask[b * length + t] = 1;
                            types[b * length + t] = t >= real / 2 ? 1 : 0;
                        }
                    }
                    Reference.Outputs expected = Reference.djl(model, ids, mask, types, batch, length);
                    OnnxOutputs actual = runner.run(ids, mask, types, batch, length);

                    assertThat(actual.batch()).isEqualTo(batch);
                    assertThat(actual.logits(ToyData.PLACE).positions()).isEqualTo(length);
                    assertThat(actual.logits(ToyData.MOOD).batch()).isEqualTo(batch);
                    assertThat(Reference.maxDiff(expected.embedding(), actual.embedding().data())).isLessThan(TOLERANCE);
                    for (String task : List.of(ToyData.MOOD, ToyData.PLACE)) {
                        assertThat(Reference.maxDiff(expected.logits().get(task), actual.logits(task).values()))
                                .isLessThan(TOLERANCE);
                    }
                }
            }
        }
    }

    @Test
    void fileDeclaresItsSignatureOpsetAndMetadata() throws Exception {
        try (MultiTaskModel model = Reference.model(4, true, Pooling.MEAN)) {
            Path file = dir.resolve("model.onnx");
            OnnxExporter.export(model, file);
            Model read = OnnxProtoReader.read(file);

            assertThat(read.irVersion()).isEqualTo(8);
            assertThat(read.opsets()).containsExactly(Map.entry("", 17L));
            assertThat(read.producerName()).isEqualTo("mtl4j");
            Dim batch = Dim.of("batch");
            Dim sequence = Dim.of("sequence");
            assertThat(read.graph().inputs()).containsExactly(
                    new ValueInfo("input_ids", OnnxProto.INT64, List.of(batch, sequence)),
                    new ValueInfo("attention_mask", OnnxProto.INT64, List.of(batch, sequence)),
                    new ValueInfo("token_type_ids", OnnxProto.INT64, List.of(batch, sequence)));
            assertThat(read.graph().outputs()).containsExactly(
                    new ValueInfo("embedding", OnnxProto.FLOAT, List.of(batch, Dim.of(32))),
                    new ValueInfo("logits.mood", OnnxProto.FLOAT, List.of(batch, Dim.of(2))),
                    new ValueInfo("logits.place", OnnxProto.FLOAT, List.of(batch, sequence, Dim.of(3))));
            assertThat(read.metadata().keySet()).containsExactly("mtl4j.version", "mtl4j.tasks", "mtl4j.quantization",
                    "mtl4j.encoder", "mtl4j.heads");
            assertThat(read.metadata()).containsEntry("mtl4j.version", ModelFormat.libraryVersion())
                    .containsEntry("mtl4j.tasks", "mood,place")
                    .containsEntry("mtl4j.quantization", "none");
            ObjectMapper json = new ObjectMapper();
            // Compared as parsed JSON: the configs hold floats, which parse back as doubles.
            assertThat(json.readTree(read.metadata().get("mtl4j.encoder")))
                    .isEqualTo(json.readTree(model.encoder().config().toString()));
            ObjectNode heads = (ObjectNode) json.readTree(read.metadata().get("mtl4j.heads"));
            assertThat(heads.get("mood")).isEqualTo(json.readTree(model.head(ToyData.MOOD).config().toString()));
            assertThat(heads.get("place")).isEqualTo(json.readTree(model.head(ToyData.PLACE).config().toString()));
            assertThat(heads.get("place").get("crf").asBoolean()).isTrue();
            // The CRF's transitions stay in Java: no initializer carries them.
            assertThat(read.graph().initializers()).noneMatch(t -> t.name().contains("crf"));
        }
    }

    @Test
    void mtlCoresOnnxLoaderReadsTheEncoderBack() throws Exception {
        try (MultiTaskModel model = Reference.model(5, false, Pooling.MEAN)) {
            Path file = dir.resolve("model.onnx");
            OnnxExporter.export(model, file);
            Path tokenizer = Files.write(dir.resolve("tokenizer.json"), TestResources.miniLmTokenizerJson());
            try (BertEncoder loaded = BertEncoder.fromOnnx(file, tokenizer, Pooling.MEAN)) {
                assertThat(loaded.bertConfig()).isEqualTo(TinyBert.config());
                Map<String, Parameter> original = model.encoder().namedParameters();
                assertThat(loaded.namedParameters().keySet()).containsExactlyElementsOf(original.keySet());
                for (Map.Entry<String, Parameter> e : loaded.namedParameters().entrySet()) {
                    assertThat(Arrays.equals(e.getValue().getArray().toFloatArray(),
                            original.get(e.getKey()).getArray().toFloatArray())).as(e.getKey()).isTrue();
                }
            }
        }
    }

    @Test
    void aNonBertEncoderIsRefusedAndNoFileIsWritten() throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.writeString(file, "previous export");
        try (MultiTaskModel model = MultiTaskModel.builder()
                .setEncoder(new OtherEncoder(TinyBert.create(6)))
                .addHead(SequenceClassificationHead.builder().setName(ToyData.MOOD).setLabels(ToyData.MOODS).build())
                .build()) {
            assertThatThrownBy(() -> OnnxExporter.export(model, file, OnnxExportOptions.builder()
                    .optQuantizedFile(dir.resolve("model-int8.onnx")).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ONNX export supports only BertEncoder encoders, but the model's encoder is "
                            + OtherEncoder.class.getName() + " (type 'other')");
        }
        assertThat(Files.readString(file)).isEqualTo("previous export");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void exportCreatesFoldersReplacesOldFilesAndLeavesNoTemporaryFiles() throws Exception {
        Path folder = dir.resolve("a/b");
        Path file = folder.resolve("model.onnx");
        Path int8 = folder.resolve("model-int8.onnx");
        try (MultiTaskModel model = Reference.model(7, false, Pooling.MEAN)) {
            OnnxExporter.export(model, file);
            Files.writeString(file, "stale");
            OnnxExporter.export(model, file, OnnxExportOptions.builder().optQuantizedFile(int8).build());

            assertThat(OnnxProtoReader.read(file).metadata()).containsEntry("mtl4j.quantization", "none");
            assertThat(OnnxProtoReader.read(int8).metadata()).containsEntry("mtl4j.quantization", "int8-per-channel");
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files).containsExactlyInAnyOrder(file, int8);
            }
            assertThatThrownBy(() -> OnnxExporter.export(model, file, OnnxExportOptions.builder()
                    .optQuantizedFile(folder.resolve("./model.onnx")).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the quantized file must differ from the fp32 file, but both are: " + file);
        }
    }

    private static float[] row(float[] values, int row, int width) {
        return Arrays.copyOfRange(values, row * width, (row + 1) * width);
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** A BERT encoder in disguise: any encoder that is not a {@link BertEncoder}. */
    private static final class OtherEncoder implements SharedEncoder {
        private final BertEncoder delegate;

        OtherEncoder(BertEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String type() {
            return "other";
        }

        @Override
        public Block block() {
            return delegate.block();
        }

        @Override
        public int hiddenSize() {
            return delegate.hiddenSize();
        }

        @Override
        public int maxLength() {
            return delegate.maxLength();
        }

        @Override
        public Pooling pooling() {
            return delegate.pooling();
        }

        @Override
        public TextTokenizer tokenizer() {
            return delegate.tokenizer();
        }

        @Override
        public Map<String, Parameter> namedParameters() {
            return delegate.namedParameters();
        }

        @Override
        public ObjectNode config() {
            return delegate.config();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
