package io.mtl4j.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.bert.BertConfig;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.encoder.weights.FloatTensor;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TaskHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.onnx.OnnxProto.Attribute;
import io.mtl4j.onnx.OnnxProto.Dim;
import io.mtl4j.onnx.OnnxProto.Graph;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link MultiTaskModel} with a {@link BertEncoder} as one ONNX graph, operation for operation
 * as {@code BertBlock} computes it in inference mode (no dropout), followed by every head's classifier.
 *
 * <p>Inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids}: int64 {@code [batch,
 * sequence]}. Outputs {@code embedding} (the pooled sentence embedding, {@code [batch, H]}) and
 * {@code logits.<task>} per head in model order ({@code [batch, C]} for sentence heads, {@code [batch,
 * sequence, C]} for token heads). A CRF's transitions are not part of the graph: decoding stays in Java.
 *
 * <p>Initializers carry the Hugging Face names; each {@code Linear} weight is stored transposed,
 * {@code [in, out]}, as the second input of a {@code MatMul} whose output feeds an {@code Add} with the
 * bias, which is how PyTorch exports it (so mtl-core's ONNX weight reader can load the encoder back).
 * Head weights are named {@code heads.<task>.classifier.weight}.
 */
final class MultiTaskGraph {

    /** The graph output holding the pooled sentence embedding. */
    static final String EMBEDDING = "embedding";
    /** The prefix of each head's logits output. */
    static final String LOGITS_PREFIX = "logits.";

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    private static final Dim BATCH = Dim.of("batch");
    private static final Dim SEQUENCE = Dim.of("sequence");
    /** The additive attention score of a padding key, as in {@code BertBlock}. */
    private static final float MASK_VALUE = -10_000f;
    private static final float SQRT_2 = (float) Math.sqrt(2);

    private final OnnxGraphBuilder g = new OnnxGraphBuilder("mtl4j");
    private final BertConfig config;
    private final Map<String, Parameter> encoderWeights;

    private MultiTaskGraph(BertEncoder encoder) {
        this.config = encoder.bertConfig();
        this.encoderWeights = encoder.namedParameters();
    }

    /**
     * @param model the model
     * @return the model's graph
     * @throws IllegalArgumentException if the encoder is not a {@link BertEncoder} or a head is neither a
     *     {@link SequenceClassificationHead} nor a {@link TokenClassificationHead}
     */
    static Graph of(MultiTaskModel model) {
        BertEncoder encoder = bertEncoder(model.encoder());
        for (TaskHead head : model.heads().values()) {
            checkHead(head);
        }
        return new MultiTaskGraph(encoder).build(model, encoder.pooling());
    }

    /**
     * @param encoder an encoder
     * @return it as a BERT encoder
     * @throws IllegalArgumentException naming its type if it is not one
     */
    static BertEncoder bertEncoder(SharedEncoder encoder) {
        if (encoder instanceof BertEncoder bert) {
            return bert;
        }
        throw new IllegalArgumentException("ONNX export supports only BertEncoder encoders, but the model's encoder is "
                + encoder.getClass().getName() + " (type '" + encoder.type() + "')");
    }

    private static void checkHead(TaskHead head) {
        if (!(head instanceof SequenceClassificationHead) && !(head instanceof TokenClassificationHead)) {
            throw new IllegalArgumentException("ONNX export supports SequenceClassificationHead and "
                    + "TokenClassificationHead, but head '" + head.name() + "' is " + head.getClass().getName());
        }
    }

    private Graph build(MultiTaskModel model, Pooling pooling) {
        String ids = g.input(INPUT_IDS, OnnxProto.INT64, BATCH, SEQUENCE);
        String mask = g.input(ATTENTION_MASK, OnnxProto.INT64, BATCH, SEQUENCE);
        String types = g.input(TOKEN_TYPE_IDS, OnnxProto.INT64, BATCH, SEQUENCE);

        String x = embeddings(ids, types);
        String maskF = g.node("Cast", "mask_float", List.of(mask), Attribute.ofInt("to", OnnxProto.FLOAT));
        // (1 - mask) * -10000 as [B, 1, 1, T]: 0 for real tokens, -10000 for padding keys.
        String additiveMask = g.unsqueeze("additive_mask",
                g.mul("mask_scaled", g.node("Sub", "mask_inverted", List.of(g.scalar(1f), maskF)), g.scalar(MASK_VALUE)),
                1, 2);
        for (int i = 0; i < config.numLayers(); i++) {
            x = layer(i, x, additiveMask);
        }
        String pooled = pool(pooling, x, maskF);
        g.identity(pooled, EMBEDDING);
        g.output(EMBEDDING, OnnxProto.FLOAT, BATCH, Dim.of(config.hiddenSize()));

        for (TaskHead head : model.heads().values()) {
            boolean tokens = head instanceof TokenClassificationHead;
            String input = tokens ? x : pooled;
            Map<String, Parameter> p = head.namedParameters();
            String prefix = MultiTaskModel.headParameterName(head.name(), "classifier.");
            int classes = head.labels().size();
            String logits = g.linear(head.name() + "_logits", input,
                    transposedWeight(prefix + "weight", p.get("classifier.weight")),
                    g.weight(prefix + "bias", values(p.get("classifier.bias")), classes));
            String output = LOGITS_PREFIX + head.name();
            g.identity(logits, output);
            if (tokens) {
                g.output(output, OnnxProto.FLOAT, BATCH, SEQUENCE, Dim.of(classes));
            } else {
                g.output(output, OnnxProto.FLOAT, BATCH, Dim.of(classes));
            }
        }
        return g.build();
    }

    /** word + token type + position[0:T], then LayerNorm. */
    private String embeddings(String ids, String types) {
        String words = g.node("Gather", "word_embeddings", List.of(encoderWeight("embeddings.word_embeddings.weight"), ids));
        String typeEmbeddings = g.node("Gather", "token_type_embeddings",
                List.of(encoderWeight("embeddings.token_type_embeddings.weight"), types));
        String shape = g.node("Shape", "input_shape", List.of(ids));
        String length = g.node("Squeeze", "sequence_length",
                List.of(g.node("Slice", "sequence_length_1d", List.of(shape, g.longs(1), g.longs(2), g.longs(0))),
                        g.longs(0)));
        String positions = g.node("Range", "position_ids", List.of(g.scalarLong(0), length, g.scalarLong(1)));
        String positionEmbeddings = g.node("Gather", "position_embeddings",
                List.of(encoderWeight("embeddings.position_embeddings.weight"), positions));
        String sum = g.add("embeddings_sum", g.add("embeddings_word_type", words, typeEmbeddings), positionEmbeddings);
        return layerNorm("embeddings_output", sum, "embeddings.LayerNorm.");
    }

    private String layer(int index, String x, String additiveMask) {
        String l = "encoder.layer." + index + ".";
        String n = "layer" + index + "_";
        long heads = config.numHeads();
        long headSize = config.headSize();
        String q = g.transpose(n + "query_heads", g.reshape(n + "query_split",
                linear(n + "query", x, l + "attention.self.query."), 0, 0, heads, headSize), 0, 2, 1, 3);
        // K goes straight to [B, heads, d, T], as PyTorch exports k.transpose(-1, -2).
        String kT = g.transpose(n + "key_heads", g.reshape(n + "key_split",
                linear(n + "key", x, l + "attention.self.key."), 0, 0, heads, headSize), 0, 2, 3, 1);
        String v = g.transpose(n + "value_heads", g.reshape(n + "value_split",
                linear(n + "value", x, l + "attention.self.value."), 0, 0, heads, headSize), 0, 2, 1, 3);
        String scores = g.add(n + "scores_masked",
                g.div(n + "scores_scaled", g.matMul(n + "scores", q, kT), g.scalar((float) Math.sqrt(headSize))),
                additiveMask);
        String probs = g.node("Softmax", n + "probs", List.of(scores), Attribute.ofInt("axis", -1));
        String context = g.reshape(n + "context", g.transpose(n + "context_heads", g.matMul(n + "context_split", probs, v),
                0, 2, 1, 3), 0, 0, config.hiddenSize());
        String attention = linear(n + "attention_output", context, l + "attention.output.dense.");
        String h = layerNorm(n + "attention_norm", g.add(n + "attention_residual", attention, x),
                l + "attention.output.LayerNorm.");
        String intermediate = linear(n + "intermediate", h, l + "intermediate.dense.");
        String out = linear(n + "output", gelu(n + "gelu", intermediate), l + "output.dense.");
        return layerNorm(n + "output_norm", g.add(n + "output_residual", out, h), l + "output.LayerNorm.");
    }

    /** Exact GELU, x * 0.5 * (1 + erf(x / sqrt 2)), in the layout ONNX Runtime fuses into one Gelu. */
    private String gelu(String hint, String x) {
        String erf = g.node("Erf", hint + "_erf", List.of(g.div(hint + "_scaled", x, g.scalar(SQRT_2))));
        return g.mul(hint, g.mul(hint + "_half", x, g.scalar(0.5f)), g.add(hint + "_erf_plus_one", erf, g.scalar(1f)));
    }

    private String pool(Pooling pooling, String sequence, String maskF) {
        if (pooling == Pooling.CLS) {
            return g.node("Gather", "pooled_cls", List.of(sequence, g.scalarLong(0)), Attribute.ofInt("axis", 1));
        }
        String m = g.unsqueeze("mask_tokens", maskF, 2);
        String sum = g.node("ReduceSum", "pooled_sum", List.of(g.mul("masked_sequence", sequence, m), g.longs(1)),
                Attribute.ofInt("keepdims", 0));
        String count = g.node("ReduceSum", "token_count", List.of(m, g.longs(1)), Attribute.ofInt("keepdims", 0));
        String clamped = g.node("Max", "token_count_clamped", List.of(count, g.scalar(1e-9f)));
        return g.div("pooled_mean", sum, clamped);
    }

    private String linear(String hint, String x, String prefix) {
        return g.linear(hint, x, transposedWeight(prefix + "weight", encoderWeights.get(prefix + "weight")),
                encoderWeight(prefix + "bias"));
    }

    private String layerNorm(String hint, String x, String prefix) {
        return g.layerNorm(hint, x, encoderWeight(prefix + "weight"), encoderWeight(prefix + "bias"),
                (float) config.layerNormEps());
    }

    private String encoderWeight(String name) {
        NDArray array = parameter(name, encoderWeights.get(name)).getArray();
        return g.weight(name, array.toFloatArray(), array.getShape().getShape());
    }

    /** A {@code [out, in]} Linear weight as the {@code [in, out]} right operand of a MatMul. */
    private String transposedWeight(String name, Parameter p) {
        NDArray array = parameter(name, p).getArray();
        FloatTensor t = new FloatTensor(array.getShape().getShape(), array.toFloatArray()).transpose();
        return g.weight(name, t.data(), t.shape());
    }

    private static float[] values(Parameter p) {
        return p.getArray().toFloatArray();
    }

    private static Parameter parameter(String name, Parameter p) {
        if (p == null || !p.isInitialized()) {
            throw new IllegalArgumentException("the model has no initialised parameter '" + name + "'");
        }
        return p;
    }

    /** @return the names of the graph's outputs for these tasks, in order: embedding, then logits.<task> */
    static List<String> outputNames(List<String> tasks) {
        String[] names = new String[tasks.size() + 1];
        names[0] = EMBEDDING;
        for (int i = 0; i < tasks.size(); i++) {
            names[i + 1] = LOGITS_PREFIX + tasks.get(i);
        }
        return Arrays.asList(names);
    }
}
