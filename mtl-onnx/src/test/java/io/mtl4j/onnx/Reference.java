package io.mtl4j.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.model.ModelOutput;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import io.mtl4j.text.TokenizedText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test models with non-trivial weights, and DJL's outputs for them. */
final class Reference {

    /** Texts of 3 to 20 tokens (with [CLS] and [SEP]) for the tiny model's MiniLM tokenizer. */
    static final List<String> TEXTS = List.of(
            "we saw paris and it was good",
            "rome",
            "my friend visited new york and it was lovely , said the team after the long trip home",
            "the team left berlin",
            "they liked tokyo and it was awful");

    private Reference() {
    }

    /** DJL's outputs for one padded batch: values row-major as the ONNX graph returns them. */
    record Outputs(float[] embedding, Map<String, float[]> logits, Map<String, long[]> shapes) {
    }

    /**
     * The toy model (sentence head "mood", token head "place") with every parameter perturbed, so that
     * biases, LayerNorm parameters and heads all matter.
     *
     * @param seed the seed
     * @param crf whether the token head has a CRF
     * @param pooling the encoder's pooling
     * @return the model
     */
    static MultiTaskModel model(long seed, boolean crf, Pooling pooling) {
        MultiTaskModel model = MultiTaskModel.builder()
                .setEncoder(TinyBert.create(seed, pooling))
                .addHead(SequenceClassificationHead.builder().setName(ToyData.MOOD).setLabels(ToyData.MOODS).build())
                .addHead(TokenClassificationHead.builder().setName(ToyData.PLACE).setLabels(ToyData.TAGS)
                        .optCrf(crf).build())
                .build();
        perturb(model, seed);
        return model;
    }

    /**
     * Adds normal noise (standard deviation 0.1) to every parameter; head weights get 0.5 so logits are of
     * order 1.
     *
     * @param model the model
     * @param seed the seed
     */
    static void perturb(MultiTaskModel model, long seed) {
        perturb(model, seed, true);
    }

    /**
     * Like {@link #perturb(MultiTaskModel, long)}, for the heads only: the encoder keeps its weights.
     *
     * @param model the model
     * @param seed the seed
     */
    static void perturbHeads(MultiTaskModel model, long seed) {
        perturb(model, seed, false);
    }

    private static void perturb(MultiTaskModel model, long seed, boolean encoder) {
        Random random = new Random(seed);
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (!encoder && !e.getKey().startsWith("heads.")) {
                continue;
            }
            NDArray array = e.getValue().getArray();
            float[] values = array.toFloatArray();
            double sigma = e.getKey().startsWith("heads.") ? 0.5 : 0.1;
            for (int i = 0; i < values.length; i++) {
                values[i] += (float) (random.nextGaussian() * sigma);
            }
            array.set(values);
        }
    }

    /**
     * @param model the model
     * @param texts tokenized texts, padded to the longest
     * @return DJL's outputs in inference mode
     */
    static Outputs djl(MultiTaskModel model, List<TokenizedText> texts) {
        int length = texts.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        long[][] arrays = pad(texts, length);
        return djl(model, arrays[0], arrays[1], arrays[2], texts.size(), length);
    }

    /**
     * @param model the model
     * @param ids token ids, row-major [batch, length]
     * @param mask the attention mask
     * @param types the token type ids
     * @param batch B
     * @param length T
     * @return DJL's outputs in inference mode
     */
    static Outputs djl(MultiTaskModel model, long[] ids, long[] mask, long[] types, int batch, int length) {
        try (NoGradient noGradient = new NoGradient();
                NDManager manager = model.manager().newSubManager()) {
            Shape shape = new Shape(batch, length);
            NDList inputs = new NDList(manager.create(ids, shape), manager.create(mask, shape),
                    manager.create(types, shape));
            ModelOutput out = model.forward(new ParameterStore(manager, false), inputs, false, null);
            Map<String, float[]> logits = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            out.logits().forEach((task, array) -> {
                logits.put(task, array.toFloatArray());
                shapes.put(task, array.getShape().getShape());
            });
            return new Outputs(out.encoderOutput().get(1).toFloatArray(), logits, shapes);
        }
    }

    /** {ids, mask, types}, row-major [B, length], padded with id 0 and mask 0. */
    static long[][] pad(List<TokenizedText> texts, int length) {
        long[] ids = new long[texts.size() * length];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        for (int b = 0; b < texts.size(); b++) {
            TokenizedText t = texts.get(b);
            for (int i = 0; i < t.length(); i++) {
                ids[b * length + i] = t.ids()[i];
                mask[b * length + i] = 1;
                types[b * length + i] = t.typeIds()[i];
            }
        }
        return new long[][] {ids, mask, types};
    }

    /**
     * @param a values
     * @param b values of the same length
     * @return the largest absolute difference
     */
    static double maxDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
