package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.encoder.Pooling;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.onnx.OnnxProto.Model;
import io.mtl4j.onnx.OnnxProto.Node;
import io.mtl4j.onnx.OnnxProto.Tensor;
import io.mtl4j.testing.ToyData;
import io.mtl4j.text.TokenizedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxQuantizerTest {

    @TempDir
    static Path dir;

    private static Path fp32;
    private static Reference.Outputs expected;
    private static List<TokenizedText> texts;
    private static List<String> tasks;

    @BeforeAll
    static void export() throws Exception {
        try (MultiTaskModel model = Reference.model(11, true, Pooling.MEAN)) {
            fp32 = dir.resolve("model.onnx");
            OnnxExporter.export(model, fp32);
            texts = model.encoder().tokenizer().tokenize(Reference.TEXTS);
            expected = Reference.djl(model, texts);
            tasks = List.copyOf(model.heads().keySet());
        }
    }

    @Test
    void int8GraphUsesMatMulIntegerForTheEncoderAndStaysCloseToFp32() throws Exception {
        Path int8 = dir.resolve("per-channel.onnx");
        OnnxQuantizer.quantize(fp32, int8);
        Model model = OnnxProtoReader.read(int8);

        // Per layer: Q, K, V, attention output, intermediate and output dense; one DynamicQuantizeLinear
        // per distinct activation (Q, K and V share theirs). The attention products and heads stay fp32.
        Map<String, Integer> ops = opCounts(model);
        assertThat(ops).containsEntry("MatMulInteger", 12).containsEntry("DynamicQuantizeLinear", 8)
                .containsEntry("Cast", 13).containsEntry("MatMul", 6);
        Map<String, Tensor> initializers = model.graph().initializersByName();
        assertThat(initializers.get("encoder.layer.0.attention.self.query.weight_quantized").dataType())
                .isEqualTo(OnnxProto.INT8);
        assertThat(initializers).doesNotContainKey("encoder.layer.0.attention.self.query.weight");
        assertThat(initializers.get("heads.mood.classifier.weight").dataType()).isEqualTo(OnnxProto.FLOAT);
        assertThat(initializers.get("embeddings.word_embeddings.weight").dataType()).isEqualTo(OnnxProto.FLOAT);
        assertThat(model.metadata()).containsEntry("mtl4j.quantization", "int8-per-channel");
        assertThat(Files.size(int8)).isLessThan(Files.size(fp32));

        try (OnnxRunner runner = OnnxRunner.builder().setFile(int8).setTasks(tasks).build()) {
            OnnxOutputs actual = runner.run(texts);
            // Observed on this tiny, noisy model: embedding 0.011, mood 0.016, place 0.041.
            assertThat(Reference.maxDiff(expected.embedding(), actual.embedding().data())).isLessThan(0.05);
            assertThat(Reference.maxDiff(expected.logits().get(ToyData.MOOD), actual.logits(ToyData.MOOD).values()))
                    .isLessThan(0.1);
            assertThat(Reference.maxDiff(expected.logits().get(ToyData.PLACE), actual.logits(ToyData.PLACE).values()))
                    .isLessThan(0.1);
            // ...but not equal: the graph really computes in int8.
            assertThat(Reference.maxDiff(expected.embedding(), actual.embedding().data())).isGreaterThan(1e-4);
        }
    }

    @Test
    void weightsAreSymmetricInt8WithPerChannelOrPerTensorScales() throws Exception {
        Path perTensor = dir.resolve("per-tensor.onnx");
        OnnxQuantizer.quantize(fp32, perTensor, QuantizationGranularity.PER_TENSOR);
        Map<String, Tensor> original = OnnxProtoReader.read(fp32).graph().initializersByName();
        Map<String, Tensor> perTensorWeights = OnnxProtoReader.read(perTensor).graph().initializersByName();
        Map<String, Tensor> perChannelWeights = OnnxQuantizer.quantize(OnnxProtoReader.read(fp32),
                QuantizationGranularity.PER_CHANNEL).graph().initializersByName();
        String name = "encoder.layer.1.intermediate.dense.weight";
        float[] w = original.get(name).floats();
        int cols = 64;

        assertThat(perTensorWeights.get(name + "_scale").dims()).isEmpty();
        assertThat(perTensorWeights.get(name + "_zero_point").dims()).isEmpty();
        assertThat(perTensorWeights.get(name + "_zero_point").dataType()).isEqualTo(OnnxProto.INT8);
        assertThat(perChannelWeights.get(name + "_scale").dims()).containsExactly(64L);
        assertThat(perChannelWeights.get(name + "_zero_point").raw().toByteArray()).containsOnly(0);
        assertThat(OnnxProtoReader.read(perTensor).metadata()).containsEntry("mtl4j.quantization", "int8-per-tensor");

        for (Map<String, Tensor> weights : List.of(perTensorWeights, perChannelWeights)) {
            float[] scales = weights.get(name + "_scale").floats();
            byte[] q = weights.get(name + "_quantized").raw().toByteArray();
            assertThat(weights.get(name + "_quantized").dims()).containsExactly(32L, 64L);
            int[] maxPerScale = new int[scales.length];
            for (int i = 0; i < w.length; i++) {
                int s = scales.length == 1 ? 0 : i % cols;
                assertThat((double) Math.abs(q[i] * scales[s] - w[i])).isLessThanOrEqualTo(scales[s] / 2 * 1.0001);
                maxPerScale[s] = Math.max(maxPerScale[s], Math.abs(q[i]));
            }
            // Each scale maps its largest weight to exactly +-127.
            assertThat(maxPerScale).containsOnly(127);
        }
    }

    @Test
    void refusesForeignAlreadyQuantizedAndInPlaceInputs() throws Exception {
        Model exported = OnnxProtoReader.read(fp32);
        Path foreign = dir.resolve("foreign.onnx");
        Files.write(foreign, OnnxProtoWriter.toBytes(new Model(8, "pytorch", "2.7", exported.opsets(), exported.graph(),
                Map.of())));
        assertThatThrownBy(() -> OnnxQuantizer.quantize(foreign, dir.resolve("out.onnx")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(foreign + ": not an mtl4j export: producer is 'pytorch', expected 'mtl4j'");

        Path int8 = dir.resolve("twice.onnx");
        OnnxQuantizer.quantize(fp32, int8);
        assertThatThrownBy(() -> OnnxQuantizer.quantize(int8, dir.resolve("out.onnx")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(int8 + ": the model is already quantized (mtl4j.quantization = int8-per-channel)");

        assertThatThrownBy(() -> OnnxQuantizer.quantize(fp32, fp32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the quantized file must differ from the fp32 file, but both are: " + fp32);
        assertThat(dir.resolve("out.onnx")).doesNotExist();
    }

    @Test
    void onnxRuntimeFusesThePatternIntoItsInt8Kernels() throws Exception {
        for (QuantizationGranularity granularity : QuantizationGranularity.values()) {
            Path int8 = dir.resolve("fused-" + granularity + ".onnx");
            Path optimized = dir.resolve("optimized-" + granularity + ".onnx");
            OnnxQuantizer.quantize(fp32, int8, granularity);
            try (OnnxRunner runner = OnnxRunner.builder().setFile(int8).setTasks(tasks).optIntraOpThreads(1)
                    .optOptimizedModelFile(optimized).build()) {
                runner.run(texts);
            }
            // Q, K and V share one quantized input: MatMulIntegerToFloat; the other three Linear layers
            // quantize their own input: DynamicQuantizeMatMul. No unfused integer MatMul is left.
            Map<String, Integer> ops = opCounts(OnnxProtoReader.read(optimized));
            assertThat(ops).as(granularity.name()).containsEntry("MatMulIntegerToFloat", 6)
                    .containsEntry("DynamicQuantizeMatMul", 6).containsEntry("DynamicQuantizeLinear", 2)
                    .doesNotContainKey("MatMulInteger");
        }
    }

    static Map<String, Integer> opCounts(Model model) {
        Map<String, Integer> ops = new TreeMap<>();
        for (Node n : model.graph().nodes()) {
            ops.merge(n.opType(), 1, Integer::sum);
        }
        return ops;
    }
}
