package io.mtl4j.encoder.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import io.mtl4j.engine.Scalars;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.mtl4j.encoder.Pooling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code BertModel} (without pooler) as one DJL block whose parameters carry the
 * Hugging Face tensor names, e.g. {@code encoder.layer.0.attention.self.query.weight}. Linear
 * weights are stored {@code [out, in]} as in PyTorch.
 *
 * <p>Inputs: {@code NDList(inputIds [B, T] int64, attentionMask [B, T] int64, tokenTypeIds [B, T]
 * int64)}, with {@code T <= maxPositions}. Outputs: {@code NDList(sequence [B, T, H], pooled [B, H])},
 * pooled by {@link Pooling#MEAN} (masked mean, as sentence-transformers) or {@link Pooling#CLS}.
 * Dropout is applied only in training mode.
 *
 * <p>Every array the forward pass creates belongs to the manager of {@code inputIds} (never to the
 * parameters' manager), so a per-batch sub-manager or {@code NDScope} frees it.
 *
 * <p>Random initialization (used when no weights are loaded): weights and embeddings normal(0, 0.02),
 * biases zeros, LayerNorm weights ones.
 */
public final class BertBlock extends AbstractBlock {

    /** The additive attention score of a padding key. */
    static final float MASK_VALUE = -10_000f;

    private static final byte VERSION = 1;
    private static final float INITIALIZER_SIGMA = 0.02f;

    private final BertConfig config;
    private final Pooling pooling;
    private final Parameter wordEmbeddings;
    private final Parameter positionEmbeddings;
    private final Parameter tokenTypeEmbeddings;
    private final Parameter embeddingsNormWeight;
    private final Parameter embeddingsNormBias;
    private final List<Layer> layers;

    /** The parameters of one transformer layer. */
    private record Layer(
            Parameter queryW, Parameter queryB, Parameter keyW, Parameter keyB, Parameter valueW, Parameter valueB,
            Parameter attentionOutW, Parameter attentionOutB, Parameter attentionNormW, Parameter attentionNormB,
            Parameter intermediateW, Parameter intermediateB, Parameter outputW, Parameter outputB,
            Parameter outputNormW, Parameter outputNormB) {
    }

    /**
     * Creates an uninitialized block.
     *
     * @param config the architecture
     * @param pooling how the pooled output is computed
     */
    public BertBlock(BertConfig config, Pooling pooling) {
        super(VERSION);
        this.config = config;
        this.pooling = pooling;
        Map<String, Parameter> p = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : parameterShapes(config).entrySet()) {
            p.put(e.getKey(), addParameter(newParameter(e.getKey(), e.getValue())));
        }
        wordEmbeddings = p.get("embeddings.word_embeddings.weight");
        positionEmbeddings = p.get("embeddings.position_embeddings.weight");
        tokenTypeEmbeddings = p.get("embeddings.token_type_embeddings.weight");
        embeddingsNormWeight = p.get("embeddings.LayerNorm.weight");
        embeddingsNormBias = p.get("embeddings.LayerNorm.bias");
        List<Layer> list = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            String l = "encoder.layer." + i + ".";
            list.add(new Layer(
                    p.get(l + "attention.self.query.weight"), p.get(l + "attention.self.query.bias"),
                    p.get(l + "attention.self.key.weight"), p.get(l + "attention.self.key.bias"),
                    p.get(l + "attention.self.value.weight"), p.get(l + "attention.self.value.bias"),
                    p.get(l + "attention.output.dense.weight"), p.get(l + "attention.output.dense.bias"),
                    p.get(l + "attention.output.LayerNorm.weight"), p.get(l + "attention.output.LayerNorm.bias"),
                    p.get(l + "intermediate.dense.weight"), p.get(l + "intermediate.dense.bias"),
                    p.get(l + "output.dense.weight"), p.get(l + "output.dense.bias"),
                    p.get(l + "output.LayerNorm.weight"), p.get(l + "output.LayerNorm.bias")));
        }
        layers = List.copyOf(list);
    }

    /**
     * The name and shape of every parameter, in Hugging Face's {@code state_dict} order.
     *
     * @param config the architecture
     * @return shapes by Hugging Face tensor name (without the {@code bert.} prefix)
     */
    public static Map<String, Shape> parameterShapes(BertConfig config) {
        long h = config.hiddenSize();
        long ff = config.intermediateSize();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new Shape(config.vocabSize(), h));
        shapes.put("embeddings.position_embeddings.weight", new Shape(config.maxPositions(), h));
        shapes.put("embeddings.token_type_embeddings.weight", new Shape(config.typeVocabSize(), h));
        shapes.put("embeddings.LayerNorm.weight", new Shape(h));
        shapes.put("embeddings.LayerNorm.bias", new Shape(h));
        for (int i = 0; i < config.numLayers(); i++) {
            String l = "encoder.layer." + i + ".";
            for (String proj : List.of("query", "key", "value")) {
                shapes.put(l + "attention.self." + proj + ".weight", new Shape(h, h));
                shapes.put(l + "attention.self." + proj + ".bias", new Shape(h));
            }
            shapes.put(l + "attention.output.dense.weight", new Shape(h, h));
            shapes.put(l + "attention.output.dense.bias", new Shape(h));
            shapes.put(l + "attention.output.LayerNorm.weight", new Shape(h));
            shapes.put(l + "attention.output.LayerNorm.bias", new Shape(h));
            shapes.put(l + "intermediate.dense.weight", new Shape(ff, h));
            shapes.put(l + "intermediate.dense.bias", new Shape(ff));
            shapes.put(l + "output.dense.weight", new Shape(h, ff));
            shapes.put(l + "output.dense.bias", new Shape(h));
            shapes.put(l + "output.LayerNorm.weight", new Shape(h));
            shapes.put(l + "output.LayerNorm.bias", new Shape(h));
        }
        return Collections.unmodifiableMap(shapes);
    }

    private static Parameter newParameter(String name, Shape shape) {
        Parameter.Builder b = Parameter.builder().setName(name).optShape(shape);
        if (name.endsWith("LayerNorm.weight")) {
            b.setType(Parameter.Type.GAMMA);
        } else if (name.endsWith("LayerNorm.bias")) {
            b.setType(Parameter.Type.BETA);
        } else if (name.endsWith(".bias")) {
            b.setType(Parameter.Type.BIAS);
        } else {
            b.setType(Parameter.Type.WEIGHT).optInitializer(new NormalInitializer(INITIALIZER_SIGMA));
        }
        return b.build();
    }

    /** @return the architecture */
    public BertConfig config() {
        return config;
    }

    /** @return how the pooled output is computed */
    public Pooling pooling() {
        return pooling;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 3) {
            throw new IllegalArgumentException(
                    "expected inputs (inputIds, attentionMask, tokenTypeIds), but got " + inputs.size() + " arrays");
        }
        NDArray inputIds = inputs.get(0);
        NDArray attentionMask = inputs.get(1);
        NDArray tokenTypeIds = inputs.get(2);
        Shape shape = inputIds.getShape();
        if (shape.dimension() != 2 || !attentionMask.getShape().equals(shape) || !tokenTypeIds.getShape().equals(shape)) {
            throw new IllegalArgumentException("inputIds, attentionMask and tokenTypeIds must share one shape [B, T], "
                    + "but are: " + shape + ", " + attentionMask.getShape() + ", " + tokenTypeIds.getShape());
        }
        long batch = shape.get(0);
        long length = shape.get(1);
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException("sequence length must be at most maxPositions (" + config.maxPositions()
                    + "), but is: " + length);
        }
        Forward f = new Forward(parameterStore, inputIds.getDevice(), training);

        // Embeddings: word + token type + position[0:T], LayerNorm, dropout.
        NDManager batchManager = inputIds.getManager();
        NDArray positions = batchManager.arange(0, (int) length, 1, DataType.INT64).reshape(1, length);
        NDArray x = f.embed(inputIds, wordEmbeddings)
                .add(f.embed(tokenTypeIds, tokenTypeEmbeddings))
                .add(f.embed(positions, positionEmbeddings));
        x = f.dropout(f.layerNorm(x, embeddingsNormWeight, embeddingsNormBias), config.hiddenDropout());

        // Additive mask [B, 1, 1, T]: 0 for real tokens, -10000 for padding (as the original BERT). exp(-1e4)
        // is exactly 0 in float32, so outputs equal those of the lowest-float mask newer exports use, while
        // sums with the mask can never overflow to -inf.
        NDArray maskF = attentionMask.toType(DataType.FLOAT32, false);
        NDArray additiveMask = maskF.neg().add(1f).mul(MASK_VALUE).reshape(batch, 1, 1, length);
        for (Layer layer : layers) {
            x = f.layer(x, layer, additiveMask, batch, length);
        }

        NDArray pooled;
        if (pooling == Pooling.CLS) {
            pooled = x.get(":, 0, :");
        } else {
            NDArray m = maskF.reshape(batch, length, 1);
            pooled = x.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1e-9f));
        }
        return new NDList(x, pooled);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        long h = config.hiddenSize();
        return new Shape[] {new Shape(ids.get(0), ids.get(1), h), new Shape(ids.get(0), h)};
    }

    /** One forward pass's helpers: parameter values, and ops whose first operand is the activation. */
    private final class Forward {
        private final ParameterStore store;
        private final Device device;
        private final boolean training;

        Forward(ParameterStore store, Device device, boolean training) {
            this.store = store;
            this.device = device;
            this.training = training;
        }

        NDArray value(Parameter p) {
            return store.getValue(p, device, training);
        }

        NDArray embed(NDArray ids, Parameter table) {
            return ids.getNDArrayInternal().embedding(ids, value(table), SparseFormat.DENSE).singletonOrThrow();
        }

        NDArray linear(NDArray x, Parameter w, Parameter b) {
            return x.getNDArrayInternal().linear(x, value(w), value(b)).singletonOrThrow();
        }

        NDArray layerNorm(NDArray x, Parameter gamma, Parameter beta) {
            return x.getNDArrayInternal()
                    .layerNorm(x, new Shape(config.hiddenSize()), value(gamma), value(beta), (float) config.layerNormEps())
                    .singletonOrThrow();
        }

        NDArray dropout(NDArray x, double rate) {
            if (!training || rate == 0) {
                return x;
            }
            return x.getNDArrayInternal().dropout(x, (float) rate, true).singletonOrThrow();
        }

        /** [B, T, H] to [B, heads, T, d]. */
        NDArray splitHeads(NDArray x, long batch, long length) {
            return x.reshape(batch, length, config.numHeads(), config.headSize()).transpose(0, 2, 1, 3);
        }

        NDArray layer(NDArray x, Layer p, NDArray additiveMask, long batch, long length) {
            NDArray q = splitHeads(linear(x, p.queryW(), p.queryB()), batch, length);
            NDArray k = splitHeads(linear(x, p.keyW(), p.keyB()), batch, length);
            NDArray v = splitHeads(linear(x, p.valueW(), p.valueB()), batch, length);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2))
                    .div(Scalars.of(q, (float) Math.sqrt(config.headSize())))
                    .add(additiveMask);
            NDArray probs = dropout(scores.softmax(3), config.attentionDropout());
            NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, config.hiddenSize());
            NDArray attention = dropout(linear(context, p.attentionOutW(), p.attentionOutB()), config.hiddenDropout());
            NDArray h = layerNorm(attention.add(x), p.attentionNormW(), p.attentionNormB());
            NDArray intermediate = linear(h, p.intermediateW(), p.intermediateB());
            NDArray activated = intermediate.getNDArrayInternal().gelu();
            NDArray out = dropout(linear(activated, p.outputW(), p.outputB()), config.hiddenDropout());
            return layerNorm(out.add(h), p.outputNormW(), p.outputNormB());
        }
    }
}
