package io.mtl4j.encoder.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.testing.EncoderInputs;
import io.mtl4j.testing.TestResources;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.text.TextTokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link BertEncoder}: random initialization, the contract's accessors and mtl4j's own reload. */
class BertEncoderTest {

    @Test
    void describesItself() {
        try (BertEncoder encoder = TinyBert.create(1)) {
            assertThat(encoder.type()).isEqualTo("bert");
            assertThat(encoder.hiddenSize()).isEqualTo(32);
            assertThat(encoder.maxLength()).isEqualTo(32);
            assertThat(encoder.pooling()).isEqualTo(Pooling.MEAN);
            assertThat(encoder.namedParameters()).hasSize(5 + 2 * 16);
            assertThat(encoder.namedParameters().keySet())
                    .containsExactlyElementsOf(BertBlock.parameterShapes(TinyBert.config()).keySet());
            assertThat(encoder.namedParameters().keySet()).startsWith("embeddings.word_embeddings.weight",
                    "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
                    "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
                    "encoder.layer.0.attention.self.query.weight");
            assertThat(encoder.config().toString()).isEqualTo("{\"bert\":{\"vocabSize\":30522,\"hiddenSize\":32,"
                    + "\"numLayers\":2,\"numHeads\":2,\"intermediateSize\":64,\"maxPositions\":64,\"typeVocabSize\":2,"
                    + "\"layerNormEps\":1.0E-12,\"hiddenDropout\":0.1,\"attentionDropout\":0.1,\"activation\":\"gelu\"},"
                    + "\"pooling\":\"mean\",\"maxLength\":32}");
        }
    }

    @Test
    void randomInitializationIsSeededAndFollowsBert() {
        try (BertEncoder a = TinyBert.create(42); BertEncoder b = TinyBert.create(42); BertEncoder c = TinyBert.create(43)) {
            String q = "encoder.layer.0.attention.self.query.weight";
            String k = "encoder.layer.0.attention.self.key.weight";
            float[] qa = values(a, q);
            assertThat(values(b, q)).containsExactly(qa);
            assertThat(values(c, q)).isNotEqualTo(qa);
            assertThat(values(a, k)).isNotEqualTo(qa);

            float[] word = values(a, "embeddings.word_embeddings.weight");
            double sumSquares = 0;
            for (float v : word) {
                sumSquares += v * v;
                assertThat(Math.abs(v)).isLessThanOrEqualTo(0.04f);
            }
            double std = Math.sqrt(sumSquares / word.length);
            // A normal(0, 0.02) truncated at 2 sigma has standard deviation 0.0176.
            assertThat(std).isBetween(0.0170, 0.0182);
            assertThat(values(a, "encoder.layer.1.output.LayerNorm.weight")).containsOnly(1f);
            assertThat(values(a, "encoder.layer.1.output.dense.bias")).containsOnly(0f);
        }
    }

    @Test
    void rebuildsFromItsOwnConfigAndWeights() {
        try (BertEncoder original = TinyBert.create(5, Pooling.CLS); NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> weights = new LinkedHashMap<>();
            original.namedParameters().forEach((name, p) -> weights.put(name, p.getArray()));
            try (BertEncoder copy = BertEncoder.fromConfig(original.config(), original.tokenizer().json(), weights)) {
                assertThat(copy.config()).isEqualTo(original.config());
                NDList a = forward(original, m);
                NDList b = forward(copy, m);
                assertThat(b.get(0).toFloatArray()).containsExactly(a.get(0).toFloatArray());
                assertThat(b.get(1).toFloatArray()).containsExactly(a.get(1).toFloatArray());
                // Copied, not shared.
                assertThat(copy.namedParameters().get("embeddings.LayerNorm.bias").getArray())
                        .isNotSameAs(weights.get("embeddings.LayerNorm.bias"));
            }
        }
    }

    @Test
    void rejectsATokenizerLongerThanThePositionTable() {
        try (TextTokenizer tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 65)) {
            assertThatThrownBy(() -> BertEncoder.random(TinyBert.config(), tokenizer, Pooling.MEAN, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tokenizer maxLength must be at most maxPositions (64), but is: 65");
        }
    }

    @Test
    void rejectsATokenizerWithMoreIdsThanTheEmbeddingTableHasRows() {
        BertConfig small = BertConfig.builder().setVocabSize(1000).setHiddenSize(32).setNumLayers(1).setNumHeads(2)
                .setIntermediateSize(64).optMaxPositions(64).build();
        try (TextTokenizer tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 32)) {
            assertThatThrownBy(() -> BertEncoder.random(small, tokenizer, Pooling.MEAN, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the tokenizer's vocabulary has 30522 tokens, but the encoder's vocab_size is 1000: "
                            + "token ids 1000 to 30521 would have no row in the word embeddings");
        }
    }

    @Test
    void closeIsIdempotentAndFreesTheWeights() {
        BertEncoder encoder = TinyBert.create(3);
        Parameter word = encoder.namedParameters().get("embeddings.word_embeddings.weight");
        NDArray array = word.getArray();
        encoder.close();
        encoder.close();
        assertThat(array.isReleased()).isTrue();
    }

    private static NDList forward(BertEncoder encoder, NDManager m) {
        return encoder.block().forward(new ParameterStore(m, false),
                EncoderInputs.of(m, encoder.tokenizer().tokenize(List.of("round trip", "of weights")), 0), false);
    }

    private static float[] values(BertEncoder encoder, String name) {
        return encoder.namedParameters().get(name).getArray().toFloatArray();
    }
}
