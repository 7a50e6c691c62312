package io.mtl4j.predict;

import java.util.Objects;

/**
 * How a {@link MultiTaskPredictor} batches, threads and reads long texts. Immutable; validated where built.
 *
 * @param batchSize texts (or windows) per encoder pass; they are sorted by length first, so a pass pads
 *     only to its own longest text
 * @param maxConcurrentPasses how many encoder passes may run at once across all calling threads; more
 *     callers wait. On a small machine 1 pass using every core is fastest
 * @param intraOpThreads threads one pass may use inside an operator; 0 leaves the runtime's setting
 * @param longTexts what to do with texts longer than the encoder's maximum length
 * @param windowOverlap tokens shared by neighbouring sliding windows, or {@link #AUTO_OVERLAP} for a
 *     quarter of the window
 * @param sentenceWindowing how sentence tasks and embeddings read a windowed text
 * @param topK how many labels sentence tasks list
 */
public record PredictorConfig(
        int batchSize,
        int maxConcurrentPasses,
        int intraOpThreads,
        LongTextPolicy longTexts,
        int windowOverlap,
        SentenceWindowing sentenceWindowing,
        int topK) {

    /** {@link #windowOverlap()} value meaning a quarter of the window's content tokens. */
    public static final int AUTO_OVERLAP = -1;

    /**
     * Validates every field.
     *
     * @param batchSize texts (or windows) per encoder pass; they are sorted by length first, so a pass pads
     *     only to its own longest text
     * @param maxConcurrentPasses how many encoder passes may run at once across all calling threads; more
     *     callers wait. On a small machine 1 pass using every core is fastest
     * @param intraOpThreads threads one pass may use inside an operator; 0 leaves the runtime's setting
     * @param longTexts what to do with texts longer than the encoder's maximum length
     * @param windowOverlap tokens shared by neighbouring sliding windows, or {@link #AUTO_OVERLAP} for a
     *     quarter of the window
     * @param sentenceWindowing how sentence tasks and embeddings read a windowed text
     * @param topK how many labels sentence tasks list
     */
    public PredictorConfig {
        positive("batchSize", batchSize);
        positive("maxConcurrentPasses", maxConcurrentPasses);
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = runtime default), but is: "
                    + intraOpThreads);
        }
        Objects.requireNonNull(longTexts, "longTexts");
        if (windowOverlap < AUTO_OVERLAP) {
            throw new IllegalArgumentException("windowOverlap must be >= 0 (or AUTO_OVERLAP = -1), but is: "
                    + windowOverlap);
        }
        Objects.requireNonNull(sentenceWindowing, "sentenceWindowing");
        positive("topK", topK);
    }

    /**
     * @param windowContent the content tokens a window holds (maximum length minus special tokens)
     * @return the overlap in tokens: {@link #windowOverlap()}, or a quarter of the window when automatic
     */
    public int overlapFor(int windowContent) {
        return windowOverlap == AUTO_OVERLAP ? windowContent / 4 : windowOverlap;
    }

    /**
     * @return the defaults: batch 32, one pass at a time, sliding windows overlapping by a quarter,
     *     averaged sentence logits
     */
    public static PredictorConfig defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, but is: " + value);
        }
    }

    /** Builds {@link PredictorConfig}s; every field has a default. */
    public static final class Builder {
        private int batchSize = 32;
        private int maxConcurrentPasses = 1;
        private int intraOpThreads;
        private LongTextPolicy longTexts = LongTextPolicy.SLIDING_WINDOWS;
        private int windowOverlap = AUTO_OVERLAP;
        private SentenceWindowing sentenceWindowing = SentenceWindowing.AVERAGE;
        private int topK = 1;

        private Builder() {
        }

        /**
         * @param batchSize texts per encoder pass (default 32)
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param maxConcurrentPasses encoder passes allowed at once (default 1)
         * @return this builder
         */
        public Builder optMaxConcurrentPasses(int maxConcurrentPasses) {
            this.maxConcurrentPasses = maxConcurrentPasses;
            return this;
        }

        /**
         * @param intraOpThreads threads per operator, 0 for the runtime's default (default 0)
         * @return this builder
         */
        public Builder optIntraOpThreads(int intraOpThreads) {
            this.intraOpThreads = intraOpThreads;
            return this;
        }

        /**
         * @param longTexts truncate or read in sliding windows (default sliding windows)
         * @return this builder
         */
        public Builder optLongTexts(LongTextPolicy longTexts) {
            this.longTexts = longTexts;
            return this;
        }

        /**
         * @param windowOverlap tokens shared by neighbouring windows (default {@link #AUTO_OVERLAP}, a
         *     quarter of the window); must be smaller than the window, which the predictor checks against its
         *     encoder
         * @return this builder
         */
        public Builder optWindowOverlap(int windowOverlap) {
            this.windowOverlap = windowOverlap;
            return this;
        }

        /**
         * @param sentenceWindowing first window or average (default average)
         * @return this builder
         */
        public Builder optSentenceWindowing(SentenceWindowing sentenceWindowing) {
            this.sentenceWindowing = sentenceWindowing;
            return this;
        }

        /**
         * @param topK labels listed by sentence tasks (default 1)
         * @return this builder
         */
        public Builder optTopK(int topK) {
            this.topK = topK;
            return this;
        }

        /** @return the validated config */
        public PredictorConfig build() {
            return new PredictorConfig(batchSize, maxConcurrentPasses, intraOpThreads, longTexts, windowOverlap,
                    sentenceWindowing, topK);
        }
    }
}
