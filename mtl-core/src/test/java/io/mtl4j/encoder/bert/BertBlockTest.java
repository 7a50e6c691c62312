package io.mtl4j.encoder.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.testing.EncoderInputs;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.text.TokenizedText;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Engine tests of {@link BertBlock} on a tiny random BERT (hidden 32, 2 layers, 2 heads). */
class BertBlockTest {

    private static final int H = 32;
    private static BertEncoder encoder;
    private static NDManager base;

    @BeforeAll
    static void createEncoder() {
        encoder = TinyBert.create(7);
        base = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeEncoder() {
        base.close();
        encoder.close();
    }

    private static NDList forward(NDManager manager, List<String> texts, int minLength, boolean training) {
        return forward(encoder, manager, texts, minLength, training);
    }

    private static NDList forward(BertEncoder enc, NDManager manager, List<String> texts, int minLength,
            boolean training) {
        NDList inputs = EncoderInputs.of(manager, enc.tokenizer().tokenize(texts), minLength);
        return enc.block().forward(new ParameterStore(manager, false), inputs, training);
    }

    @Test
    void outputsSequenceAndPooledShapes() {
        try (NDManager m = base.newSubManager()) {
            NDList out = forward(m, List.of("hello world", "a"), 6, false);
            assertThat(out).hasSize(2);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 6, H));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, H));
            assertThat(encoder.block().getOutputShapes(new Shape[] {new Shape(5, 9), new Shape(5, 9), new Shape(5, 9)}))
                    .containsExactly(new Shape(5, 9, H), new Shape(5, H));
        }
    }

    @Test
    void paddingDoesNotChangeRealTokens() {
        try (NDManager m = base.newSubManager()) {
            String sentence = "masking must not leak";
            NDList alone = forward(m, List.of(sentence), 0, false);
            NDList padded = forward(m, List.of(sentence, "a much longer sentence that forces padding of the first one"),
                    0, false);
            long t = alone.get(0).getShape().get(1);
            assertThat(padded.get(0).getShape().get(1)).isGreaterThan(t);
            float[] expected = alone.get(0).toFloatArray();
            float[] actual = padded.get(0).get("0, :" + t + ", :").toFloatArray();
            assertMaxAbsDiff(actual, expected, 1e-5);
            assertMaxAbsDiff(padded.get(1).get("0, :").toFloatArray(), alone.get(1).toFloatArray(), 1e-5);
        }
    }

    @Test
    void meanPoolingAveragesRealTokensOnly() {
        try (NDManager m = base.newSubManager()) {
            List<TokenizedText> texts = encoder.tokenizer().tokenize(List.of("two words", "three words here"));
            NDList out = encoder.block().forward(new ParameterStore(m, false), EncoderInputs.of(m, texts, 10), false);
            float[] sequence = out.get(0).toFloatArray();
            float[] pooled = out.get(1).toFloatArray();
            for (int b = 0; b < 2; b++) {
                int length = texts.get(b).length();
                for (int h = 0; h < H; h++) {
                    double sum = 0;
                    for (int i = 0; i < length; i++) {
                        sum += sequence[(b * 10 + i) * H + h];
                    }
                    assertThat(pooled[b * H + h]).isCloseTo((float) (sum / length), within(1e-5f));
                }
            }
        }
    }

    @Test
    void clsPoolingTakesTheFirstToken() {
        try (BertEncoder cls = TinyBert.create(7, Pooling.CLS); NDManager m = base.newSubManager()) {
            NDList out = forward(cls, m, List.of("first token pooling", "b"), 0, false);
            assertThat(out.get(1).toFloatArray()).containsExactly(out.get(0).get(":, 0, :").toFloatArray());
            // Same weights as the mean-pooled encoder: only the pooling differs.
            NDList mean = forward(m, List.of("first token pooling", "b"), 0, false);
            assertThat(out.get(0).toFloatArray()).containsExactly(mean.get(0).toFloatArray());
            assertThat(out.get(1).toFloatArray()).isNotEqualTo(mean.get(1).toFloatArray());
        }
    }

    @Test
    void dropoutOnlyWhenTraining() {
        try (NDManager m = base.newSubManager()) {
            float[] eval1 = forward(m, List.of("dropout check"), 0, false).get(0).toFloatArray();
            float[] eval2 = forward(m, List.of("dropout check"), 0, false).get(0).toFloatArray();
            float[] train = forward(m, List.of("dropout check"), 0, true).get(0).toFloatArray();
            assertThat(eval2).containsExactly(eval1);
            assertThat(train).isNotEqualTo(eval1);
        }
    }

    @Test
    void gradientsReachEmbeddingTableAndLayerWeights() {
        Parameter word = encoder.namedParameters().get("embeddings.word_embeddings.weight");
        Parameter dense = encoder.namedParameters().get("encoder.layer.1.output.dense.weight");
        assertThat(encoder.namedParameters().values()).allMatch(Parameter::requiresGradient);
        try (NDManager m = base.newSubManager()) {
            TokenizedText text = encoder.tokenizer().tokenize("gradient");
            long usedId = text.ids()[1];
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = encoder.block().forward(new ParameterStore(m, false),
                        EncoderInputs.of(m, List.of(text), 0), true);
                collector.backward(out.get(1).square().sum());
            }
            try (NDArray wordGrad = word.getArray().getGradient();
                    NDArray denseGrad = dense.getArray().getGradient()) {
                assertThat(wordGrad.get(usedId).abs().sum().getFloat()).isGreaterThan(0f);
                assertThat(wordGrad.get(12345).abs().sum().getFloat()).isZero();
                assertThat(denseGrad.abs().sum().getFloat()).isGreaterThan(0f);
                // Leave no gradient behind for other tests.
                wordGrad.subi(wordGrad);
                denseGrad.subi(denseGrad);
            }
        }
    }

    @Test
    void forwardPassesDoNotAccumulateArraysInTheParameterManager() {
        NDManager parameterManager = encoder.namedParameters().get("embeddings.word_embeddings.weight")
                .getArray().getManager();
        // Warm up once, so lazily created state is not counted.
        try (NDManager m = base.newSubManager()) {
            forward(m, List.of("warm up"), 0, true);
        }
        int before = parameterManager.getManagedArrays().size();
        for (int i = 0; i < 25; i++) {
            // A sub-manager alone must free everything: no NDScope to hide arrays made in the wrong place.
            try (NDManager m = base.newSubManager()) {
                forward(m, List.of("memory check number " + i, "b"), 0, i % 2 == 0);
            }
        }
        for (int i = 0; i < 25; i++) {
            try (NDManager m = base.newSubManager(); NDScope scope = new NDScope()) {
                forward(m, List.of("memory check with a scope " + i), 0, false);
            }
        }
        assertThat(parameterManager.getManagedArrays().size()).isEqualTo(before);
        assertThat(base.getManagedArrays().size()).isZero();
    }

    @Test
    void rejectsSequencesLongerThanThePositionTable() {
        try (NDManager m = base.newSubManager()) {
            NDArray ids = m.zeros(new Shape(1, 65), ai.djl.ndarray.types.DataType.INT64);
            NDList inputs = new NDList(ids, ids.duplicate(), ids.duplicate());
            assertThatThrownBy(() -> encoder.block().forward(new ParameterStore(m, false), inputs, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sequence length must be at most maxPositions (64), but is: 65");
        }
    }

    static void assertMaxAbsDiff(float[] actual, float[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        assertThat(max).isLessThanOrEqualTo(tolerance);
    }
}
