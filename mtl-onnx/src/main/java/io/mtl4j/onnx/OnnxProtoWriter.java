package io.mtl4j.onnx;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.mtl4j.onnx.OnnxProto.Attribute;
import io.mtl4j.onnx.OnnxProto.Dim;
import io.mtl4j.onnx.OnnxProto.Graph;
import io.mtl4j.onnx.OnnxProto.Model;
import io.mtl4j.onnx.OnnxProto.Node;
import io.mtl4j.onnx.OnnxProto.Tensor;
import io.mtl4j.onnx.OnnxProto.ValueInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serializes an {@link OnnxProto.Model} with protobuf's wire format (no generated classes). Small
 * messages are encoded into byte arrays first; the initializers, which hold nearly all the bytes, are
 * streamed once their lengths are known, so a model is never held twice in memory.
 *
 * <p>Field numbers follow {@code onnx.proto}: ModelProto.ir_version = 1, producer_name = 2,
 * producer_version = 3, graph = 7, opset_import = 8, metadata_props = 14; OperatorSetIdProto.domain = 1,
 * version = 2; StringStringEntryProto.key = 1, value = 2; GraphProto.node = 1, name = 2, initializer = 5,
 * input = 11, output = 12; NodeProto.input = 1, output = 2, name = 3, op_type = 4, attribute = 5,
 * domain = 7; AttributeProto.name = 1, f = 2, i = 3, s = 4, t = 5, ints = 8, type = 20;
 * TensorProto.dims = 1, data_type = 2, name = 8, raw_data = 9; ValueInfoProto.name = 1, type = 2;
 * TypeProto.tensor_type = 1; TypeProto.Tensor.elem_type = 1, shape = 2; TensorShapeProto.dim = 1;
 * Dimension.dim_value = 1, dim_param = 2. Repeated scalars are written unpacked, as proto2 declares them.
 */
final class OnnxProtoWriter {

    private OnnxProtoWriter() {
    }

    /**
     * Writes a model.
     *
     * @param model the model
     * @param stream where to write (not closed)
     * @throws IOException if writing fails
     */
    static void write(Model model, OutputStream stream) throws IOException {
        CodedOutputStream out = CodedOutputStream.newInstance(stream, 1 << 16);
        out.writeInt64(1, model.irVersion());
        out.writeString(2, model.producerName());
        out.writeString(3, model.producerVersion());
        for (Map.Entry<String, Long> opset : model.opsets().entrySet()) {
            out.writeByteArray(8, encode(o -> {
                o.writeString(1, opset.getKey());
                o.writeInt64(2, opset.getValue());
            }));
        }
        writeGraph(out, model.graph());
        for (Map.Entry<String, String> entry : model.metadata().entrySet()) {
            out.writeByteArray(14, encode(o -> {
                o.writeString(1, entry.getKey());
                o.writeString(2, entry.getValue());
            }));
        }
        out.flush();
    }

    /**
     * @param model the model
     * @return its serialized bytes
     */
    static byte[] toBytes(Model model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(model, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeGraph(CodedOutputStream out, Graph graph) throws IOException {
        List<byte[]> nodes = new ArrayList<>();
        graph.nodes().forEach(n -> nodes.add(node(n)));
        List<byte[]> inputs = new ArrayList<>();
        graph.inputs().forEach(v -> inputs.add(valueInfo(v)));
        List<byte[]> outputs = new ArrayList<>();
        graph.outputs().forEach(v -> outputs.add(valueInfo(v)));

        long size = CodedOutputStream.computeStringSize(2, graph.name());
        for (byte[] n : nodes) {
            size += CodedOutputStream.computeByteArraySize(1, n);
        }
        for (Tensor t : graph.initializers()) {
            int body = tensorSize(t);
            size += CodedOutputStream.computeTagSize(5) + CodedOutputStream.computeUInt32SizeNoTag(body) + body;
        }
        for (byte[] v : inputs) {
            size += CodedOutputStream.computeByteArraySize(11, v);
        }
        for (byte[] v : outputs) {
            size += CodedOutputStream.computeByteArraySize(12, v);
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the graph needs " + size
                    + " bytes, more than protobuf's 2 GB limit for one message");
        }

        out.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag((int) size);
        for (byte[] n : nodes) {
            out.writeByteArray(1, n);
        }
        out.writeString(2, graph.name());
        for (Tensor t : graph.initializers()) {
            out.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(tensorSize(t));
            writeTensorBody(out, t);
        }
        for (byte[] v : inputs) {
            out.writeByteArray(11, v);
        }
        for (byte[] v : outputs) {
            out.writeByteArray(12, v);
        }
    }

    private static byte[] node(Node node) {
        return encode(o -> {
            for (String input : node.inputs()) {
                o.writeString(1, input);
            }
            for (String output : node.outputs()) {
                o.writeString(2, output);
            }
            if (!node.name().isEmpty()) {
                o.writeString(3, node.name());
            }
            o.writeString(4, node.opType());
            for (Attribute a : node.attributes()) {
                o.writeByteArray(5, attribute(a));
            }
            if (!node.domain().isEmpty()) {
                o.writeString(7, node.domain());
            }
        });
    }

    private static byte[] attribute(Attribute a) {
        return encode(o -> {
            o.writeString(1, a.name());
            switch (a.type()) {
                case Attribute.FLOAT_TYPE -> o.writeFloat(2, a.f());
                case Attribute.INT_TYPE -> o.writeInt64(3, a.i());
                case Attribute.STRING_TYPE -> o.writeString(4, a.s());
                case Attribute.TENSOR_TYPE -> o.writeByteArray(5, encode(t -> writeTensorBody(t, a.t())));
                case Attribute.INTS_TYPE -> {
                    for (long v : a.ints()) {
                        o.writeInt64(8, v);
                    }
                }
                default -> throw new IllegalArgumentException("attribute " + a.name() + " has unsupported type "
                        + a.type());
            }
            o.writeInt32(20, a.type());
        });
    }

    private static int tensorSize(Tensor t) {
        int size = 0;
        for (long d : t.dims()) {
            size += CodedOutputStream.computeInt64Size(1, d);
        }
        size += CodedOutputStream.computeInt32Size(2, t.dataType());
        size += CodedOutputStream.computeStringSize(8, t.name());
        size += CodedOutputStream.computeBytesSize(9, t.raw());
        return size;
    }

    private static void writeTensorBody(CodedOutputStream o, Tensor t) throws IOException {
        for (long d : t.dims()) {
            o.writeInt64(1, d);
        }
        o.writeInt32(2, t.dataType());
        o.writeString(8, t.name());
        o.writeBytes(9, t.raw());
    }

    private static byte[] valueInfo(ValueInfo v) {
        byte[] shape = encode(o -> {
            for (Dim d : v.dims()) {
                o.writeByteArray(1, encode(dim -> {
                    if (d.param() != null) {
                        dim.writeString(2, d.param());
                    } else {
                        dim.writeInt64(1, d.value());
                    }
                }));
            }
        });
        byte[] tensorType = encode(o -> {
            o.writeInt32(1, v.elementType());
            o.writeByteArray(2, shape);
        });
        byte[] type = encode(o -> o.writeByteArray(1, tensorType));
        return encode(o -> {
            o.writeString(1, v.name());
            o.writeByteArray(2, type);
        });
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] encode(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
