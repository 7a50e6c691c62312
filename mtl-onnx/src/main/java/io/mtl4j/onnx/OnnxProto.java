package io.mtl4j.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The subset of ONNX's {@code ModelProto} that mtl4j writes and reads back, as immutable values. The
 * field numbers live in {@link OnnxProtoWriter} and {@link OnnxProtoReader}.
 */
final class OnnxProto {

    /** ONNX {@code TensorProto.DataType.FLOAT}. */
    static final int FLOAT = 1;
    /** ONNX {@code TensorProto.DataType.UINT8}. */
    static final int UINT8 = 2;
    /** ONNX {@code TensorProto.DataType.INT8}. */
    static final int INT8 = 3;
    /** ONNX {@code TensorProto.DataType.INT32}. */
    static final int INT32 = 6;
    /** ONNX {@code TensorProto.DataType.INT64}. */
    static final int INT64 = 7;

    /** The default (standard) operator domain. */
    static final String DEFAULT_DOMAIN = "";

    private OnnxProto() {
    }

    /**
     * A model.
     *
     * @param irVersion the ONNX IR version
     * @param producerName the producing tool
     * @param producerVersion its version
     * @param opsets operator set versions by domain
     * @param graph the graph
     * @param metadata {@code metadata_props}, in order
     */
    record Model(long irVersion, String producerName, String producerVersion, Map<String, Long> opsets, Graph graph,
            Map<String, String> metadata) {

        Model {
            Objects.requireNonNull(graph, "graph");
            opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /**
         * @param newGraph the replacement graph
         * @param newMetadata the replacement metadata
         * @return this model with another graph and metadata
         */
        Model with(Graph newGraph, Map<String, String> newMetadata) {
            return new Model(irVersion, producerName, producerVersion, opsets, newGraph, newMetadata);
        }
    }

    /**
     * A graph: nodes in topological order, weights, inputs and outputs.
     *
     * @param name the graph's name
     * @param nodes the nodes, in topological order
     * @param initializers the constant tensors
     * @param inputs the graph inputs
     * @param outputs the graph outputs
     */
    record Graph(String name, List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs,
            List<ValueInfo> outputs) {

        Graph {
            nodes = List.copyOf(nodes);
            initializers = List.copyOf(initializers);
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        /** @return the initializers by name */
        Map<String, Tensor> initializersByName() {
            Map<String, Tensor> byName = new LinkedHashMap<>();
            initializers.forEach(t -> byName.put(t.name(), t));
            return byName;
        }
    }

    /**
     * One operator application.
     *
     * @param name the node's name (may be empty)
     * @param opType the operator, e.g. {@code MatMul}
     * @param domain the operator's domain, {@code ""} for the standard operators
     * @param inputs the input value names; {@code ""} marks an omitted optional input
     * @param outputs the output value names
     * @param attributes the attributes
     */
    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
            List<Attribute> attributes) {

        Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            attributes = List.copyOf(attributes);
        }

        /**
         * @param attributeName an attribute's name
         * @return the attribute, or null
         */
        Attribute attribute(String attributeName) {
            return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst().orElse(null);
        }
    }

    /**
     * A node attribute of one of the kinds mtl4j uses; the fields of other kinds are left at their defaults.
     *
     * @param name the attribute's name
     * @param type ONNX {@code AttributeProto.AttributeType}: {@link #FLOAT_TYPE}, {@link #INT_TYPE},
     *     {@link #STRING_TYPE}, {@link #TENSOR_TYPE} or {@link #INTS_TYPE}
     * @param f the float value
     * @param i the int value
     * @param s the string value
     * @param t the tensor value, or null
     * @param ints the int list value
     */
    record Attribute(String name, int type, float f, long i, String s, Tensor t, List<Long> ints) {

        /** {@code AttributeProto.FLOAT}. */
        static final int FLOAT_TYPE = 1;
        /** {@code AttributeProto.INT}. */
        static final int INT_TYPE = 2;
        /** {@code AttributeProto.STRING}. */
        static final int STRING_TYPE = 3;
        /** {@code AttributeProto.TENSOR}. */
        static final int TENSOR_TYPE = 4;
        /** {@code AttributeProto.INTS}. */
        static final int INTS_TYPE = 7;

        Attribute {
            ints = List.copyOf(ints);
        }

        static Attribute ofFloat(String name, float value) {
            return new Attribute(name, FLOAT_TYPE, value, 0, "", null, List.of());
        }

        static Attribute ofInt(String name, long value) {
            return new Attribute(name, INT_TYPE, 0, value, "", null, List.of());
        }

        static Attribute ofInts(String name, long... values) {
            return new Attribute(name, INTS_TYPE, 0, 0, "", null, java.util.Arrays.stream(values).boxed().toList());
        }
    }

    /**
     * A tensor stored as little-endian {@code raw_data}.
     *
     * @param name the tensor's name
     * @param dataType the ONNX element type, e.g. {@link #FLOAT}
     * @param dims the dimensions
     * @param raw the values, little-endian, row-major
     */
    record Tensor(String name, int dataType, List<Long> dims, ByteString raw) {

        Tensor {
            dims = List.copyOf(dims);
            Objects.requireNonNull(raw, "raw");
        }

        /** @return the number of values the dimensions hold */
        long size() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        static Tensor ofFloats(String name, float[] values, long... dims) {
            ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(values);
            return checked(new Tensor(name, FLOAT, dimsOf(dims), UnsafeByteOperations.unsafeWrap(buffer.array())),
                    values.length);
        }

        static Tensor ofLongs(String name, long[] values, long... dims) {
            ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asLongBuffer().put(values);
            return checked(new Tensor(name, INT64, dimsOf(dims), UnsafeByteOperations.unsafeWrap(buffer.array())),
                    values.length);
        }

        static Tensor ofBytes(String name, int dataType, byte[] values, long... dims) {
            return checked(new Tensor(name, dataType, dimsOf(dims), UnsafeByteOperations.unsafeWrap(values)),
                    values.length);
        }

        private static List<Long> dimsOf(long[] dims) {
            return java.util.Arrays.stream(dims).boxed().toList();
        }

        private static Tensor checked(Tensor t, int count) {
            if (t.size() != count) {
                throw new IllegalArgumentException("tensor " + t.name() + " of shape " + t.dims() + " needs "
                        + t.size() + " values, but got " + count);
            }
            return t;
        }

        /** @return the values of a float tensor */
        float[] floats() {
            if (dataType != FLOAT) {
                throw new IllegalStateException("tensor " + name + " is not float32 but ONNX type " + dataType);
            }
            float[] out = new float[Math.toIntExact(size())];
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
    }

    /**
     * A graph input or output: a tensor of one element type with fixed or named dimensions.
     *
     * @param name the value's name
     * @param elementType the ONNX element type
     * @param dims the dimensions
     */
    record ValueInfo(String name, int elementType, List<Dim> dims) {

        ValueInfo {
            dims = List.copyOf(dims);
        }
    }

    /**
     * One dimension of a {@link ValueInfo}: a fixed size, or a symbolic one.
     *
     * @param value the size when {@code param} is null
     * @param param the symbolic name (such as {@code "batch"}), or null
     */
    record Dim(long value, String param) {

        static Dim of(long value) {
            return new Dim(value, null);
        }

        static Dim of(String param) {
            return new Dim(0, param);
        }
    }
}
