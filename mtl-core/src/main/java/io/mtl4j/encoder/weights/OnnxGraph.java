package io.mtl4j.encoder.weights;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX {@code ModelProto} needed to extract weights: the graph's nodes and its
 * initializers, read with protobuf's wire format (no generated classes).
 *
 * <p>Field numbers follow {@code onnx.proto}: ModelProto.graph = 7; GraphProto.node = 1,
 * initializer = 5; NodeProto.input = 1, output = 2, op_type = 4, attribute = 5; AttributeProto.name =
 * 1, t = 5; TensorProto.dims = 1, data_type = 2, float_data = 4, int64_data = 7, name = 8, raw_data =
 * 9.
 */
final class OnnxGraph {

    /** ONNX {@code TensorProto.DataType.FLOAT}. */
    static final int FLOAT = 1;
    /** ONNX {@code TensorProto.DataType.INT64}. */
    static final int INT64 = 7;

    private final List<Node> nodes;
    private final Map<String, Tensor> initializers;

    private OnnxGraph(List<Node> nodes, Map<String, Tensor> initializers) {
        this.nodes = List.copyOf(nodes);
        this.initializers = initializers;
    }

    /** A graph node; {@code tensorAttributes} holds its tensor-valued attributes (a Constant's {@code value}). */
    record Node(String opType, List<String> inputs, List<String> outputs, Map<String, Tensor> tensorAttributes) {
    }

    /** A tensor as stored in the file; values stay undecoded until asked for. */
    record Tensor(String name, int dataType, long[] dims, ByteString raw, float[] floatData, long[] int64Data) {

        /** @return the number of values the dimensions hold */
        long size() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        /** @return the values of a float tensor */
        float[] floats() {
            if (dataType != FLOAT) {
                throw new IllegalStateException("tensor " + name + " is not float32 but ONNX type " + dataType);
            }
            if (raw.isEmpty()) {
                return floatData.clone();
            }
            float[] out = new float[Math.toIntExact(size())];
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }

        /** @return the values of an int64 tensor */
        long[] longs() {
            if (dataType != INT64) {
                throw new IllegalStateException("tensor " + name + " is not int64 but ONNX type " + dataType);
            }
            if (raw.isEmpty()) {
                return int64Data.clone();
            }
            long[] out = new long[Math.toIntExact(size())];
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }
    }

    /** @return the nodes in file order */
    List<Node> nodes() {
        return nodes;
    }

    /** @return the initializers by name, in file order */
    Map<String, Tensor> initializers() {
        return initializers;
    }

    /**
     * Parses a serialized {@code ModelProto}.
     *
     * @param model the file's bytes (aliased, not copied: do not modify them afterwards)
     * @return the graph
     * @throws IllegalArgumentException if the bytes are not a valid ONNX model
     */
    static OnnxGraph parse(byte[] model) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(model);
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            ByteString graph = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 7 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    graph = in.readBytes();
                } else {
                    in.skipField(tag);
                }
            }
            if (graph == null) {
                throw new IllegalArgumentException("not an ONNX model: no graph (ModelProto field 7)");
            }
            return parseGraph(graph);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid ONNX model: " + e.getMessage(), e);
        }
    }

    private static OnnxGraph parseGraph(ByteString bytes) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1) {
                nodes.add(parseNode(in.readBytes()));
            } else if (field == 5) {
                Tensor t = parseTensor(in.readBytes());
                initializers.put(t.name(), t);
            } else {
                in.skipField(tag);
            }
        }
        return new OnnxGraph(nodes, initializers);
    }

    private static Node parseNode(ByteString bytes) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String opType = "";
        Map<String, Tensor> attributes = new LinkedHashMap<>();
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 2 -> outputs.add(in.readStringRequireUtf8());
                case 4 -> opType = in.readStringRequireUtf8();
                case 5 -> parseAttribute(in.readBytes(), attributes);
                default -> in.skipField(tag);
            }
        }
        return new Node(opType, List.copyOf(inputs), List.copyOf(outputs), Map.copyOf(attributes));
    }

    private static void parseAttribute(ByteString bytes, Map<String, Tensor> into) throws IOException {
        String name = "";
        Tensor tensor = null;
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 5 -> tensor = parseTensor(in.readBytes());
                default -> in.skipField(tag);
            }
        }
        if (tensor != null) {
            into.put(name, tensor);
        }
    }

    private static Tensor parseTensor(ByteString bytes) throws IOException {
        List<Long> dims = new ArrayList<>();
        List<Long> int64 = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteString raw = ByteString.EMPTY;
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (field) {
                case 1 -> readLongs(in, packed, dims);
                case 2 -> dataType = in.readInt32();
                case 4 -> readFloats(in, packed, floats);
                case 7 -> readLongs(in, packed, int64);
                case 8 -> name = in.readStringRequireUtf8();
                case 9 -> raw = in.readBytes();
                default -> in.skipField(tag);
            }
        }
        float[] floatData = new float[floats.size()];
        for (int i = 0; i < floatData.length; i++) {
            floatData[i] = floats.get(i);
        }
        return new Tensor(name, dataType, dims.stream().mapToLong(Long::longValue).toArray(), raw,
                floatData, int64.stream().mapToLong(Long::longValue).toArray());
    }

    private static void readLongs(CodedInputStream in, boolean packed, List<Long> into) throws IOException {
        if (!packed) {
            into.add(in.readInt64());
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            into.add(in.readInt64());
        }
        in.popLimit(limit);
    }

    private static void readFloats(CodedInputStream in, boolean packed, List<Float> into) throws IOException {
        if (!packed) {
            into.add(in.readFloat());
            return;
        }
        int length = in.readRawVarint32();
        ByteBuffer buffer = ByteBuffer.wrap(in.readRawBytes(length)).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            into.add(buffer.getFloat());
        }
    }

    private static CodedInputStream input(ByteString bytes) {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        return in;
    }
}
