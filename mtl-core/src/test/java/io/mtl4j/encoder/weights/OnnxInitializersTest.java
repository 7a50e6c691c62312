package io.mtl4j.encoder.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.mtl4j.encoder.bert.BertBlock;
import io.mtl4j.encoder.bert.BertConfig;
import io.mtl4j.encoder.bert.BertEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OnnxInitializersTest {

    @Test
    void mapsEveryMatMulWeightOfMiniLmToItsHuggingFaceName() throws IOException {
        byte[] model;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BertEncoder.MINILM_ONNX_RESOURCE)) {
            model = in.readAllBytes();
        }
        OnnxInitializers onnx = OnnxInitializers.parse(model);
        Map<String, Shape> expected = BertBlock.parameterShapes(BertConfig.allMiniLmL6V2());
        Map<String, FloatTensor> weights = onnx.weights();
        // 102 initializers: all float tensors but the int64 position ids.
        assertThat(weights).hasSize(101);
        assertThat(weights.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        weights.forEach((name, t) -> assertThat(t.djlShape()).as(name).isEqualTo(expected.get(name)));
        List<String> linear = weights.keySet().stream()
                .filter(n -> n.matches("encoder\\.layer\\.\\d\\.(attention\\.self\\.(query|key|value)|attention\\.output"
                        + "\\.dense|intermediate\\.dense|output\\.dense)\\.weight"))
                .collect(Collectors.toList());
        assertThat(linear).hasSize(36);
        assertThat(weights.get("encoder.layer.0.intermediate.dense.weight").shape()).containsExactly(1536, 384);
        assertThat(onnx.attentionHeads()).hasValue(12);
    }

    @Test
    void namesMatMulWeightsThroughTheBiasAndTransposesThem() {
        byte[] model = model(
                List.of(node("MatMul", List.of("x", "onnx::MatMul_1"), List.of("m")),
                        node("Add", List.of("dense.bias", "m"), List.of("y")),
                        node("MatMul", List.of("y", "proj.weight"), List.of("z")),
                        node("Gather", List.of("emb.weight", "ids"), List.of("e"))),
                List.of(rawFloatTensor("onnx::MatMul_1", new long[] {2, 3}, 1, 2, 3, 4, 5, 6),
                        listedFloatTensor("dense.bias", new long[] {3}, 0.5f, -0.5f, 1f),
                        rawFloatTensor("proj.weight", new long[] {3, 1}, 7, 8, 9),
                        rawFloatTensor("emb.weight", new long[] {2, 2}, 1, 2, 3, 4),
                        int64Tensor("position_ids", new long[] {1, 3}, 0, 1, 2)));
        OnnxInitializers onnx = OnnxInitializers.parse(model);
        assertThat(onnx.weights().keySet()).containsExactly("dense.weight", "dense.bias", "proj.weight", "emb.weight");
        assertThat(onnx.weights().get("dense.weight"))
                .isEqualTo(new FloatTensor(new long[] {3, 2}, new float[] {1, 4, 2, 5, 3, 6}));
        assertThat(onnx.weights().get("dense.bias"))
                .isEqualTo(new FloatTensor(new long[] {3}, new float[] {0.5f, -0.5f, 1f}));
        assertThat(onnx.weights().get("proj.weight"))
                .isEqualTo(new FloatTensor(new long[] {1, 3}, new float[] {7, 8, 9}));
        assertThat(onnx.weights().get("emb.weight"))
                .isEqualTo(new FloatTensor(new long[] {2, 2}, new float[] {1, 2, 3, 4}));
        assertThat(onnx.attentionHeads()).isEmpty();
    }

    @Test
    void readsTheHeadCountFromAConstantReshape() {
        byte[] model = model(
                List.of(node("Add", List.of("q", "encoder.layer.0.attention.self.query.bias"), List.of("a")),
                        node("Reshape", List.of("a", "shape"), List.of("r"))),
                List.of(rawFloatTensor("encoder.layer.0.attention.self.query.bias", new long[] {1}, 0),
                        int64Tensor("shape", new long[] {4}, 0, 0, 4, 8)));
        assertThat(OnnxInitializers.parse(model).attentionHeads()).hasValue(4);
    }

    @Test
    void namesAMatMulWeightThatCannotBeMapped() {
        byte[] model = model(
                List.of(node("MatMul", List.of("x", "onnx::MatMul_9"), List.of("m")),
                        node("Relu", List.of("m"), List.of("y"))),
                List.of(rawFloatTensor("onnx::MatMul_9", new long[] {1, 1}, 2)));
        assertThatThrownBy(() -> OnnxInitializers.parse(model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot name MatMul weights [onnx::MatMul_9]: their MatMul output does not feed an Add "
                        + "with a named '*.bias' initializer");
    }

    @Test
    void rejectsBytesWithoutAGraph() {
        assertThatThrownBy(() -> OnnxInitializers.parse(message(out -> out.writeInt64(1, 6))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an ONNX model: no graph (ModelProto field 7)");
    }

    // --- A minimal ONNX writer (ModelProto.ir_version = 1, graph = 7; GraphProto.node = 1, initializer = 5).

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) {
        try {
            ByteString.Output bytes = ByteString.newOutput();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteString().toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] model(List<byte[]> nodes, List<byte[]> initializers) {
        byte[] graph = message(out -> {
            for (byte[] n : nodes) {
                out.writeByteArray(1, n);
            }
            out.writeString(2, "test");
            for (byte[] t : initializers) {
                out.writeByteArray(5, t);
            }
        });
        return message(out -> {
            out.writeInt64(1, 6);
            out.writeByteArray(7, graph);
        });
    }

    private static byte[] node(String op, List<String> inputs, List<String> outputs) {
        return message(out -> {
            for (String i : inputs) {
                out.writeString(1, i);
            }
            for (String o : outputs) {
                out.writeString(2, o);
            }
            out.writeString(3, op + "_node");
            out.writeString(4, op);
        });
    }

    /** Dims packed, values as little-endian raw_data. */
    private static byte[] rawFloatTensor(String name, long[] dims, float... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return message(out -> {
            writePackedLongs(out, 1, dims);
            out.writeInt32(2, 1);
            out.writeString(8, name);
            out.writeByteArray(9, raw.array());
        });
    }

    /** Dims not packed, values in packed float_data. */
    private static byte[] listedFloatTensor(String name, long[] dims, float... values) {
        return message(out -> {
            for (long d : dims) {
                out.writeInt64(1, d);
            }
            out.writeInt32(2, 1);
            out.writeTag(4, 2);
            out.writeUInt32NoTag(values.length * 4);
            for (float v : values) {
                out.writeFloatNoTag(v);
            }
            out.writeString(8, name);
        });
    }

    private static byte[] int64Tensor(String name, long[] dims, long... values) {
        return message(out -> {
            writePackedLongs(out, 1, dims);
            out.writeInt32(2, 7);
            writePackedLongs(out, 7, values);
            out.writeString(8, name);
        });
    }

    private static void writePackedLongs(CodedOutputStream out, int field, long[] values) throws IOException {
        List<Long> list = new ArrayList<>();
        int size = 0;
        for (long v : values) {
            list.add(v);
            size += CodedOutputStream.computeInt64SizeNoTag(v);
        }
        out.writeTag(field, 2);
        out.writeUInt32NoTag(size);
        for (long v : list) {
            out.writeInt64NoTag(v);
        }
    }
}
