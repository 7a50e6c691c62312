package io.mtl4j.onnx;

import io.mtl4j.onnx.OnnxProto.Attribute;
import io.mtl4j.onnx.OnnxProto.Graph;
import io.mtl4j.onnx.OnnxProto.Model;
import io.mtl4j.onnx.OnnxProto.Node;
import io.mtl4j.onnx.OnnxProto.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Int8 dynamic quantization of an mtl4j ONNX export: the encoder's {@code Linear} layers (every
 * {@code MatMul} whose right operand is an initializer named {@code encoder.*}) compute in int8; the
 * embeddings, LayerNorms, attention score products and the heads' classifiers stay fp32.
 *
 * <p>Each such {@code MatMul(x, W)} becomes the pattern onnxruntime's own Python quantizer
 * ({@code quantize_dynamic}) emits, which ONNX Runtime fuses into {@code MatMulIntegerToFloat} (taking the
 * following bias {@code Add} with it) and, where the activation feeds one MatMul only, into
 * {@code DynamicQuantizeMatMul}:
 *
 * <pre>
 * DynamicQuantizeLinear(x) -&gt; x_quantized (uint8), x_scale, x_zero_point     (one per distinct x)
 * MatMulInteger(x_quantized, W_quantized (int8), x_zero_point, W_zero_point) -&gt; int32
 * Cast(to = FLOAT)
 * Mul(x_scale, W_scale) -&gt; scale
 * Mul(cast, scale) -&gt; the MatMul's original output
 * </pre>
 *
 * <p>Weights are quantized symmetrically to [-127, 127] with zero point 0, per output column or per
 * tensor ({@link QuantizationGranularity}).
 */
public final class OnnxQuantizer {

    /** Initializers with this prefix are the encoder's weights: the ones quantized. */
    static final String ENCODER_PREFIX = "encoder.";

    private static final int INT8_MAX = 127;

    private OnnxQuantizer() {
    }

    /**
     * Quantizes an exported file per output channel.
     *
     * @param fp32 a file written by {@link OnnxExporter}
     * @param int8 the file to write (atomically; replaces an existing file)
     * @throws IOException if reading or writing fails
     * @throws IllegalArgumentException naming the file if it is not an mtl4j fp32 export
     */
    public static void quantize(Path fp32, Path int8) throws IOException {
        quantize(fp32, int8, QuantizationGranularity.PER_CHANNEL);
    }

    /**
     * Quantizes an exported file.
     *
     * @param fp32 a file written by {@link OnnxExporter}
     * @param int8 the file to write (atomically; replaces an existing file)
     * @param granularity how weight scales are shared
     * @throws IOException if reading or writing fails
     * @throws IllegalArgumentException naming the file if it is not an mtl4j fp32 export
     */
    public static void quantize(Path fp32, Path int8, QuantizationGranularity granularity) throws IOException {
        Objects.requireNonNull(granularity, "granularity");
        if (fp32.toAbsolutePath().normalize().equals(int8.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the quantized file must differ from the fp32 file, but both are: " + fp32);
        }
        Model model = OnnxProtoReader.read(fp32);
        Model quantized;
        try {
            quantized = quantize(model, granularity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fp32 + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(int8, out -> OnnxProtoWriter.write(quantized, out));
    }

    /**
     * @param model an fp32 mtl4j export
     * @param granularity how weight scales are shared
     * @return the int8 model
     * @throws IllegalArgumentException if the model is not an fp32 mtl4j export
     */
    static Model quantize(Model model, QuantizationGranularity granularity) {
        if (!OnnxExporter.PRODUCER.equals(model.producerName())) {
            throw new IllegalArgumentException("not an mtl4j export: producer is '" + model.producerName()
                    + "', expected '" + OnnxExporter.PRODUCER + "'");
        }
        String quantization = model.metadata().getOrDefault(OnnxExporter.QUANTIZATION_KEY, "none");
        if (!quantization.equals("none")) {
            throw new IllegalArgumentException("the model is already quantized (" + OnnxExporter.QUANTIZATION_KEY
                    + " = " + quantization + ")");
        }
        Graph graph = model.graph();
        Map<String, Tensor> initializers = graph.initializersByName();
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> replaced = new LinkedHashMap<>();
        Map<String, String[]> quantizedActivations = new HashMap<>();
        List<Tensor> added = new ArrayList<>();
        for (Node node : graph.nodes()) {
            Tensor weight = node.opType().equals("MatMul") && node.domain().isEmpty()
                    ? initializers.get(node.inputs().get(1)) : null;
            if (weight == null || !weight.name().startsWith(ENCODER_PREFIX) || weight.dataType() != OnnxProto.FLOAT
                    || weight.dims().size() != 2) {
                nodes.add(node);
                continue;
            }
            if (!replaced.containsKey(weight.name())) {
                replaced.put(weight.name(), weight);
                added.addAll(quantizeWeight(weight, granularity));
            }
            String x = node.inputs().get(0);
            String[] xq = quantizedActivations.get(x);
            if (xq == null) {
                xq = new String[] {x + "_quantized", x + "_scale", x + "_zero_point"};
                quantizedActivations.put(x, xq);
                nodes.add(new Node(x + "_QuantizeLinear", "DynamicQuantizeLinear", "", List.of(x), List.of(xq),
                        List.of()));
            }
            String w = weight.name();
            String y = node.outputs().get(0);
            nodes.add(new Node(y + "_MatMulInteger", "MatMulInteger", "",
                    List.of(xq[0], w + "_quantized", xq[2], w + "_zero_point"), List.of(y + "_int32"), List.of()));
            nodes.add(new Node(y + "_Cast", "Cast", "", List.of(y + "_int32"), List.of(y + "_int32_float"),
                    List.of(Attribute.ofInt("to", OnnxProto.FLOAT))));
            nodes.add(new Node(y + "_scales_Mul", "Mul", "", List.of(xq[1], w + "_scale"), List.of(y + "_scales"),
                    List.of()));
            nodes.add(new Node(y + "_Mul", "Mul", "", List.of(y + "_int32_float", y + "_scales"), List.of(y),
                    List.of()));
        }
        if (replaced.isEmpty()) {
            throw new IllegalArgumentException("no MatMul with an '" + ENCODER_PREFIX + "*' weight to quantize");
        }
        Set<String> stillUsed = new HashSet<>();
        nodes.forEach(n -> stillUsed.addAll(n.inputs()));
        List<Tensor> newInitializers = new ArrayList<>();
        for (Tensor t : graph.initializers()) {
            if (!replaced.containsKey(t.name()) || stillUsed.contains(t.name())) {
                newInitializers.add(t);
            }
        }
        newInitializers.addAll(added);
        Map<String, String> metadata = new LinkedHashMap<>(model.metadata());
        metadata.put(OnnxExporter.QUANTIZATION_KEY, "int8-" + granularity.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        Graph quantized = new Graph(graph.name(), nodes, newInitializers, graph.inputs(), graph.outputs());
        return model.with(quantized, metadata);
    }

    /** W [K, N] as W_quantized int8 [K, N], W_scale and W_zero_point ([N] per channel, scalars per tensor). */
    private static List<Tensor> quantizeWeight(Tensor weight, QuantizationGranularity granularity) {
        int rows = Math.toIntExact(weight.dims().get(0));
        int cols = Math.toIntExact(weight.dims().get(1));
        float[] w = weight.floats();
        boolean perChannel = granularity == QuantizationGranularity.PER_CHANNEL;
        float[] scales = new float[perChannel ? cols : 1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int s = perChannel ? c : 0;
                scales[s] = Math.max(scales[s], Math.abs(w[r * cols + c]));
            }
        }
        for (int s = 0; s < scales.length; s++) {
            scales[s] = scales[s] == 0 ? 1f : scales[s] / INT8_MAX;
        }
        byte[] q = new byte[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                double v = Math.rint(w[i] / scales[perChannel ? c : 0]);
                q[i] = (byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, v));
            }
        }
        String name = weight.name();
        long[] scaleDims = perChannel ? new long[] {cols} : new long[0];
        return List.of(
                Tensor.ofBytes(name + "_quantized", OnnxProto.INT8, q, rows, cols),
                Tensor.ofFloats(name + "_scale", scales, scaleDims),
                Tensor.ofBytes(name + "_zero_point", OnnxProto.INT8, new byte[scales.length], scaleDims));
    }
}
