package io.mtl4j.encoder.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The float weights of an ONNX model exported from a Hugging Face transformer, under their Hugging
 * Face names and in PyTorch layout.
 *
 * <p>PyTorch's exporter stores each {@code Linear} weight as the second input of a {@code MatMul}
 * node, transposed to {@code [in, out]} and often renamed to {@code onnx::MatMul_N}. Such a weight is
 * renamed through the graph: the {@code MatMul}'s output feeds an {@code Add} whose other input is a
 * named bias {@code X.bias}, so the weight is {@code X.weight}. Every {@code MatMul} weight is
 * transposed back to {@code [out, in]}; other float initializers keep their names and layout. Non-float
 * initializers (such as {@code embeddings.position_ids}) are left out.
 */
public final class OnnxInitializers {

    private static final String BIAS_SUFFIX = ".bias";
    private static final String WEIGHT_SUFFIX = ".weight";

    private final Map<String, FloatTensor> weights;
    private final OptionalInt attentionHeads;

    private OnnxInitializers(Map<String, FloatTensor> weights, OptionalInt attentionHeads) {
        this.weights = Collections.unmodifiableMap(weights);
        this.attentionHeads = attentionHeads;
    }

    /**
     * Reads the weights of an ONNX model file.
     *
     * @param file the {@code .onnx} file
     * @return the weights
     * @throws UncheckedIOException naming the file if it cannot be read
     * @throws IllegalArgumentException naming the file if it is not a valid model or a MatMul weight
     *     cannot be mapped to a name
     */
    public static OnnxInitializers read(Path file) {
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
     * Parses the bytes of an ONNX model.
     *
     * @param model the serialized {@code ModelProto}; must not be modified while this call runs
     * @return the weights
     * @throws IllegalArgumentException if the bytes are not a valid model or a MatMul weight cannot be
     *     mapped to a name
     */
    public static OnnxInitializers parse(byte[] model) {
        OnnxGraph graph = OnnxGraph.parse(model);
        Map<String, OnnxGraph.Node> producers = new HashMap<>();
        Map<String, List<OnnxGraph.Node>> consumers = new HashMap<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            node.outputs().forEach(o -> producers.put(o, node));
            node.inputs().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(node));
        }
        Map<String, OnnxGraph.Tensor> initializers = graph.initializers();

        Map<String, String> matMulNames = new HashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!node.opType().equals("MatMul") || node.inputs().size() != 2) {
                continue;
            }
            OnnxGraph.Tensor weight = initializers.get(node.inputs().get(1));
            if (weight == null || weight.dataType() != OnnxGraph.FLOAT || matMulNames.containsKey(weight.name())) {
                continue;
            }
            String name = weight.name().endsWith(WEIGHT_SUFFIX)
                    ? weight.name()
                    : nameFromBias(node.outputs().get(0), consumers, initializers);
            if (name == null) {
                unmapped.add(weight.name());
            } else {
                matMulNames.put(weight.name(), name);
            }
        }
        if (!unmapped.isEmpty()) {
            throw new IllegalArgumentException("cannot name MatMul weights " + unmapped
                    + ": their MatMul output does not feed an Add with a named '*.bias' initializer");
        }

        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        for (OnnxGraph.Tensor t : initializers.values()) {
            if (t.dataType() != OnnxGraph.FLOAT) {
                continue;
            }
            FloatTensor tensor = new FloatTensor(t.dims(), t.floats());
            String mapped = matMulNames.get(t.name());
            if (mapped != null) {
                tensor = tensor.transpose();
            }
            String name = mapped == null ? t.name() : mapped;
            if (weights.put(name, tensor) != null) {
                throw new IllegalArgumentException("two initializers are named " + name);
            }
        }
        return new OnnxInitializers(weights, findAttentionHeads(graph, producers, consumers));
    }

    /** @return the float weights by Hugging Face name; Linear weights are {@code [out, in]} */
    public Map<String, FloatTensor> weights() {
        return weights;
    }

    /**
     * The number of attention heads, read from the graph: the shape that the first self-attention
     * query projection is reshaped to, {@code [B, T, heads, headSize]}. ONNX has no head-count
     * attribute, so this is empty when the shape is computed in a form not recognised here.
     *
     * @return the number of heads, if found
     */
    public OptionalInt attentionHeads() {
        return attentionHeads;
    }

    private static String nameFromBias(
            String matMulOutput, Map<String, List<OnnxGraph.Node>> consumers, Map<String, OnnxGraph.Tensor> initializers) {
        for (OnnxGraph.Node add : consumers.getOrDefault(matMulOutput, List.of())) {
            if (!add.opType().equals("Add") || add.inputs().size() != 2) {
                continue;
            }
            String other = add.inputs().get(0).equals(matMulOutput) ? add.inputs().get(1) : add.inputs().get(0);
            if (other.endsWith(BIAS_SUFFIX) && initializers.containsKey(other)) {
                return other.substring(0, other.length() - BIAS_SUFFIX.length()) + WEIGHT_SUFFIX;
            }
        }
        return null;
    }

    private static OptionalInt findAttentionHeads(
            OnnxGraph graph, Map<String, OnnxGraph.Node> producers, Map<String, List<OnnxGraph.Node>> consumers) {
        for (OnnxGraph.Node add : graph.nodes()) {
            if (!add.opType().equals("Add") || add.inputs().stream().noneMatch(i -> i.endsWith("attention.self.query.bias"))) {
                continue;
            }
            for (OnnxGraph.Node reshape : consumers.getOrDefault(add.outputs().get(0), List.of())) {
                if (reshape.opType().equals("Reshape") && reshape.inputs().size() == 2) {
                    OptionalInt heads = thirdDimension(reshape.inputs().get(1), graph, producers);
                    if (heads.isPresent()) {
                        return heads;
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The third entry of a 4-entry shape tensor: a constant, or a Concat whose third input is one. */
    private static OptionalInt thirdDimension(String shape, OnnxGraph graph, Map<String, OnnxGraph.Node> producers) {
        long[] constant = constantLongs(shape, graph, producers);
        if (constant != null) {
            return constant.length == 4 && constant[2] > 0 ? OptionalInt.of((int) constant[2]) : OptionalInt.empty();
        }
        OnnxGraph.Node concat = producers.get(shape);
        if (concat != null && concat.opType().equals("Concat") && concat.inputs().size() == 4) {
            long[] part = constantLongs(concat.inputs().get(2), graph, producers);
            if (part != null && part.length == 1 && part[0] > 0) {
                return OptionalInt.of((int) part[0]);
            }
        }
        return OptionalInt.empty();
    }

    private static long[] constantLongs(String name, OnnxGraph graph, Map<String, OnnxGraph.Node> producers) {
        OnnxGraph.Tensor t = graph.initializers().get(name);
        OnnxGraph.Node node = producers.get(name);
        if (t == null && node != null && node.opType().equals("Constant")) {
            t = node.tensorAttributes().get("value");
        }
        return t != null && t.dataType() == OnnxGraph.INT64 ? t.longs() : null;
    }
}
