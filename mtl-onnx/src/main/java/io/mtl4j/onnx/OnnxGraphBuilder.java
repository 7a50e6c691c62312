package io.mtl4j.onnx;

import io.mtl4j.onnx.OnnxProto.Attribute;
import io.mtl4j.onnx.OnnxProto.Dim;
import io.mtl4j.onnx.OnnxProto.Graph;
import io.mtl4j.onnx.OnnxProto.Node;
import io.mtl4j.onnx.OnnxProto.Tensor;
import io.mtl4j.onnx.OnnxProto.ValueInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles a graph node by node: each helper adds a standard-domain node with one output and returns
 * that output's name, so graph code reads like the computation it describes. Value names are made
 * unique; scalar and small constants are shared.
 */
final class OnnxGraphBuilder {

    private final String graphName;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Tensor> initializers = new ArrayList<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> constants = new HashMap<>();

    /** @param graphName the graph's name */
    OnnxGraphBuilder(String graphName) {
        this.graphName = graphName;
    }

    /**
     * Declares a graph input.
     *
     * @param name its name
     * @param elementType the ONNX element type
     * @param dims its dimensions
     * @return the name
     */
    String input(String name, int elementType, Dim... dims) {
        claim(name);
        inputs.add(new ValueInfo(name, elementType, List.of(dims)));
        return name;
    }

    /**
     * Declares a graph output that an {@link #identity} or another node produces under {@code name}.
     *
     * @param name the value's name
     * @param elementType the ONNX element type
     * @param dims its dimensions
     */
    void output(String name, int elementType, Dim... dims) {
        outputs.add(new ValueInfo(name, elementType, List.of(dims)));
    }

    /**
     * Adds a float initializer.
     *
     * @param name its name
     * @param values the values, row-major
     * @param dims its dimensions
     * @return the name
     */
    String weight(String name, float[] values, long... dims) {
        claim(name);
        initializers.add(Tensor.ofFloats(name, values, dims));
        return name;
    }

    /**
     * @param value a float
     * @return the name of a shared scalar float initializer holding it
     */
    String scalar(float value) {
        return constants.computeIfAbsent("f:" + Float.floatToIntBits(value), k -> {
            String name = unique("const_" + value);
            initializers.add(Tensor.ofFloats(name, new float[] {value}));
            return name;
        });
    }

    /**
     * @param value an integer
     * @return the name of a shared scalar int64 initializer holding it
     */
    String scalarLong(long value) {
        return constants.computeIfAbsent("l:" + value, k -> {
            String name = unique("const_i" + value);
            initializers.add(Tensor.ofLongs(name, new long[] {value}));
            return name;
        });
    }

    /**
     * @param values integers
     * @return the name of a shared 1-D int64 initializer holding them
     */
    String longs(long... values) {
        return constants.computeIfAbsent("L:" + java.util.Arrays.toString(values), k -> {
            StringBuilder name = new StringBuilder("const_i");
            for (long v : values) {
                name.append('_').append(v);
            }
            String unique = unique(name.toString());
            initializers.add(Tensor.ofLongs(unique, values, values.length));
            return unique;
        });
    }

    /**
     * Adds a node with one output.
     *
     * @param opType the operator
     * @param outputHint a readable output name; made unique
     * @param inputs the input names
     * @param attributes the attributes
     * @return the output's name
     */
    String node(String opType, String outputHint, List<String> inputs, Attribute... attributes) {
        String output = unique(outputHint);
        nodes.add(new Node(output + "_" + opType, opType, OnnxProto.DEFAULT_DOMAIN, inputs, List.of(output),
                List.of(attributes)));
        return output;
    }

    /**
     * Copies a value to a graph output name.
     *
     * @param value the value
     * @param outputName the output's name (must be unused)
     * @return the output's name
     */
    String identity(String value, String outputName) {
        claim(outputName);
        nodes.add(new Node(outputName + "_Identity", "Identity", OnnxProto.DEFAULT_DOMAIN, List.of(value),
                List.of(outputName), List.of()));
        return outputName;
    }

    String add(String hint, String a, String b) {
        return node("Add", hint, List.of(a, b));
    }

    String mul(String hint, String a, String b) {
        return node("Mul", hint, List.of(a, b));
    }

    String div(String hint, String a, String b) {
        return node("Div", hint, List.of(a, b));
    }

    String matMul(String hint, String a, String b) {
        return node("MatMul", hint, List.of(a, b));
    }

    /** {@code x W + b}, the bias as the {@code Add}'s second input (the layout ONNX Runtime's fusions expect). */
    String linear(String hint, String x, String weight, String bias) {
        return add(hint, matMul(hint + "_matmul", x, weight), bias);
    }

    String reshape(String hint, String x, long... shape) {
        return node("Reshape", hint, List.of(x, longs(shape)));
    }

    String transpose(String hint, String x, long... perm) {
        return node("Transpose", hint, List.of(x), Attribute.ofInts("perm", perm));
    }

    String unsqueeze(String hint, String x, long... axes) {
        return node("Unsqueeze", hint, List.of(x, longs(axes)));
    }

    /**
     * @param hint the output name hint
     * @param x the input
     * @param scale gamma
     * @param bias beta
     * @param epsilon the epsilon
     * @return LayerNormalization over the last axis
     */
    String layerNorm(String hint, String x, String scale, String bias, float epsilon) {
        return node("LayerNormalization", hint, List.of(x, scale, bias), Attribute.ofInt("axis", -1),
                Attribute.ofFloat("epsilon", epsilon));
    }

    /** @return the graph */
    Graph build() {
        return new Graph(graphName, nodes, initializers, inputs, outputs);
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("the graph already has a value named '" + name + "'");
        }
    }

    private String unique(String hint) {
        String name = hint;
        for (int i = 1; !names.add(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }
}
