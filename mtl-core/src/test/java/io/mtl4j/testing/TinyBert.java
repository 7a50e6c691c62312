package io.mtl4j.testing;

import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertConfig;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.text.TextTokenizer;

/**
 * A tiny random BERT for fast engine tests: hidden 32, 2 layers, 2 heads, intermediate 64, 64
 * positions, maxLength 32, with all-MiniLM-L6-v2's tokenizer (vocabulary 30522).
 */
public final class TinyBert {

    /** The maximum number of tokens per text. */
    public static final int MAX_LENGTH = 32;

    private TinyBert() {
    }

    /** @return the tiny architecture */
    public static BertConfig config() {
        return BertConfig.builder().setVocabSize(30522).setHiddenSize(32).setNumLayers(2).setNumHeads(2)
                .setIntermediateSize(64).optMaxPositions(64).build();
    }

    /**
     * @param seed the weights' seed
     * @return a new tiny encoder with mean pooling; the caller closes it
     */
    public static BertEncoder create(long seed) {
        return create(seed, Pooling.MEAN);
    }

    /**
     * @param seed the weights' seed
     * @param pooling the pooling
     * @return a new tiny encoder; the caller closes it
     */
    public static BertEncoder create(long seed, Pooling pooling) {
        return BertEncoder.random(config(), TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), MAX_LENGTH),
                pooling, seed);
    }
}
