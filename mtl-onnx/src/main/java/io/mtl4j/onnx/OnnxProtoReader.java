package io.mtl4j.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.mtl4j.onnx.OnnxProto.Attribute;
import io.mtl4j.onnx.OnnxProto.Dim;
import io.mtl4j.onnx.OnnxProto.Graph;
import io.mtl4j.onnx.OnnxProto.Model;
import io.mtl4j.onnx.OnnxProto.Node;
import io.mtl4j.onnx.OnnxProto.Tensor;
import io.mtl4j.onnx.OnnxProto.ValueInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the parts of a {@code ModelProto} that {@link OnnxProtoWriter} writes (same field numbers),
 * with protobuf's wire format. Fields outside that subset are skipped, so reading and writing back is
 * lossless only for models mtl4j wrote. Tensors given as {@code float_data}, {@code int32_data} or
 * {@code int64_data} are converted to raw little-endian bytes.
 */
final class OnnxProtoReader {

    private OnnxProtoReader() {
    }

    /**
     * Reads a model file.
     *
     * @param file the {@code .onnx} file
     * @return the model
     * @throws UncheckedIOException naming the file if it cannot be read
     * @throws IllegalArgumentException naming the file if it is not a model this reader understands
     */
    static Model read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX file " + file, e);
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a serialized model.
     *
     * @param bytes the bytes (aliased by the tensors: do not modify them afterwards)
     * @return the model
     * @throws IllegalArgumentException if the bytes are not a model this reader understands
     */
    static Model parse(byte[] bytes) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            long irVersion = 0;
            String producer = "";
            String producerVersion = "";
            Map<String, Long> opsets = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            Graph graph = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> irVersion = in.readInt64();
                    case 2 -> producer = in.readStringRequireUtf8();
                    case 3 -> producerVersion = in.readStringRequireUtf8();
                    case 7 -> graph = parseGraph(lengthDelimited(in, tag, "ModelProto.graph"));
                    case 8 -> parsePair(lengthDelimited(in, tag, "ModelProto.opset_import"), (k, v) ->
                            opsets.put(k, Long.parseLong(v)), true);
                    case 14 -> parsePair(lengthDelimited(in, tag, "ModelProto.metadata_props"), metadata::put, false);
                    default -> in.skipField(tag);
                }
            }
            if (graph == null) {
                throw new IllegalArgumentException("not an ONNX model: no graph (ModelProto field 7)");
            }
            return new Model(irVersion, producer, producerVersion, opsets, graph, metadata);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid ONNX model: " + e.getMessage(), e);
        }
    }

    private static ByteString lengthDelimited(CodedInputStream in, int tag, String field) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new IllegalArgumentException("not an ONNX model: " + field + " has wire type "
                    + WireFormat.getTagWireType(tag));
        }
        return in.readBytes();
    }

    private interface PairConsumer {
        void accept(String key, String value);
    }

    /** An OperatorSetIdProto (domain = 1, version = 2 as int64) or a StringStringEntryProto (key = 1, value = 2). */
    private static void parsePair(ByteString bytes, PairConsumer into, boolean numericValue) throws IOException {
        String key = "";
        String value = numericValue ? "0" : "";
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1) {
                key = in.readStringRequireUtf8();
            } else if (field == 2) {
                value = numericValue ? Long.toString(in.readInt64()) : in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
        into.accept(key, value);
    }

    private static Graph parseGraph(ByteString bytes) throws IOException {
        List<Node> nodes = new ArrayList<>();
        List<Tensor> initializers = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        String name = "";
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(parseNode(in.readBytes()));
                case 2 -> name = in.readStringRequireUtf8();
                case 5 -> initializers.add(parseTensor(in.readBytes()));
                case 11 -> inputs.add(parseValueInfo(in.readBytes()));
                case 12 -> outputs.add(parseValueInfo(in.readBytes()));
                default -> in.skipField(tag);
            }
        }
        return new Graph(name, nodes, initializers, inputs, outputs);
    }

    private static Node parseNode(ByteString bytes) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 2 -> outputs.add(in.readStringRequireUtf8());
                case 3 -> name = in.readStringRequireUtf8();
                case 4 -> opType = in.readStringRequireUtf8();
                case 5 -> attributes.add(parseAttribute(in.readBytes()));
                case 7 -> domain = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Node(name, opType, domain, inputs, outputs, attributes);
    }

    private static Attribute parseAttribute(ByteString bytes) throws IOException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = "";
        Tensor t = null;
        List<Long> ints = new ArrayList<>();
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readInt64();
                case 4 -> s = in.readBytes().toStringUtf8();
                case 5 -> t = parseTensor(in.readBytes());
                case 8 -> readLongs(in, packed, ints);
                case 20 -> type = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        return new Attribute(name, type, f, i, s, t, ints);
    }

    private static Tensor parseTensor(ByteString bytes) throws IOException {
        List<Long> dims = new ArrayList<>();
        List<Long> int64Data = new ArrayList<>();
        List<Long> int32Data = new ArrayList<>();
        List<Float> floatData = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteString raw = null;
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readLongs(in, packed, dims);
                case 2 -> dataType = in.readInt32();
                case 4 -> readFloats(in, packed, floatData);
                case 5 -> readLongs(in, packed, int32Data);
                case 7 -> readLongs(in, packed, int64Data);
                case 8 -> name = in.readStringRequireUtf8();
                case 9 -> raw = in.readBytes();
                default -> in.skipField(tag);
            }
        }
        if (raw == null) {
            raw = typedDataAsRaw(name, dataType, floatData, int32Data, int64Data);
        }
        return new Tensor(name, dataType, dims, raw);
    }

    /** The values of float_data, int32_data or int64_data as little-endian raw bytes. */
    private static ByteString typedDataAsRaw(String name, int dataType, List<Float> floatData, List<Long> int32Data,
            List<Long> int64Data) {
        ByteBuffer out;
        switch (dataType) {
            case OnnxProto.FLOAT -> {
                out = ByteBuffer.allocate(floatData.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                floatData.forEach(out::putFloat);
            }
            case OnnxProto.INT64 -> {
                out = ByteBuffer.allocate(int64Data.size() * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                int64Data.forEach(out::putLong);
            }
            case OnnxProto.INT32 -> {
                out = ByteBuffer.allocate(int32Data.size() * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                int32Data.forEach(v -> out.putInt(v.intValue()));
            }
            case OnnxProto.INT8, OnnxProto.UINT8 -> {
                out = ByteBuffer.allocate(int32Data.size());
                int32Data.forEach(v -> out.put(v.byteValue()));
            }
            default -> throw new IllegalArgumentException("tensor '" + name + "' of ONNX type " + dataType
                    + " has no raw_data");
        }
        return ByteString.copyFrom(out.array());
    }

    private static void readFloats(CodedInputStream in, boolean packed, List<Float> into) throws IOException {
        if (!packed) {
            into.add(in.readFloat());
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            into.add(in.readFloat());
        }
        in.popLimit(limit);
    }

    private static ValueInfo parseValueInfo(ByteString bytes) throws IOException {
        String name = "";
        int elementType = 0;
        List<Dim> dims = new ArrayList<>();
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1) {
                name = in.readStringRequireUtf8();
            } else if (field == 2) {
                // TypeProto.tensor_type = 1 -> Tensor.elem_type = 1, shape = 2 -> TensorShapeProto.dim = 1.
                CodedInputStream type = input(in.readBytes());
                for (int t = type.readTag(); t != 0; t = type.readTag()) {
                    if (WireFormat.getTagFieldNumber(t) != 1) {
                        type.skipField(t);
                        continue;
                    }
                    CodedInputStream tensor = input(type.readBytes());
                    for (int u = tensor.readTag(); u != 0; u = tensor.readTag()) {
                        switch (WireFormat.getTagFieldNumber(u)) {
                            case 1 -> elementType = tensor.readInt32();
                            case 2 -> parseShape(tensor.readBytes(), dims);
                            default -> tensor.skipField(u);
                        }
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        return new ValueInfo(name, elementType, dims);
    }

    private static void parseShape(ByteString bytes, List<Dim> into) throws IOException {
        CodedInputStream in = input(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != 1) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream dim = input(in.readBytes());
            Dim d = Dim.of(0);
            for (int t = dim.readTag(); t != 0; t = dim.readTag()) {
                switch (WireFormat.getTagFieldNumber(t)) {
                    case 1 -> d = Dim.of(dim.readInt64());
                    case 2 -> d = Dim.of(dim.readStringRequireUtf8());
                    default -> dim.skipField(t);
                }
            }
            into.add(d);
        }
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

    private static CodedInputStream input(ByteString bytes) {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        return in;
    }
}
