package io.mtl4j.data.cache;

import io.mtl4j.batch.Batch;
import io.mtl4j.data.encode.BatchPlanner;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.EncodedBatches;
import io.mtl4j.train.BatchSource;
import java.util.List;
import java.util.Objects;

/**
 * Training batches read from a token cache: a {@link BatchPlanner} plans each epoch from the cached
 * token counts, and each batch's examples are read from the file and padded by a {@link Collator}
 * only when the trainer asks for that batch. For the same examples, planner and collator the batches
 * equal those of {@link EncodedBatches}; memory holds the plan and one batch, not the data.
 */
public final class CachedBatches implements BatchSource {

    private final CachedExamples examples;
    private final Collator collator;
    private final BatchPlanner planner;
    private final int[] lengths;
    private final int batchesPerEpoch;

    /**
     * @param examples the cached training examples (not owned: the caller closes them after training)
     * @param collator pads batches
     * @param planner plans each epoch (shuffled, usually length-bucketed)
     */
    public CachedBatches(CachedExamples examples, Collator collator, BatchPlanner planner) {
        this.examples = Objects.requireNonNull(examples, "examples");
        this.collator = Objects.requireNonNull(collator, "collator");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.lengths = examples.lengths();
        this.batchesPerEpoch = planner.plan(lengths, 0).size();
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /**
     * Returns an epoch's batches as a lazy, random-access, unmodifiable list: {@code get(i)} reads and
     * collates batch {@code i} on each call.
     *
     * @param epoch the 0-based epoch
     * @return the epoch's batches, deterministic for the planner's seed and the epoch
     */
    @Override
    public List<Batch> epoch(int epoch) {
        return EncodedBatches.lazy(planner.plan(lengths, epoch), indices -> collator.collate(examples.examples(indices)));
    }

    /**
     * Batches for evaluation, read when asked for: sorted by length (little padding), not shuffled.
     *
     * @param examples the cached examples
     * @param collator pads batches
     * @param batchSize examples per batch
     * @return the lazy list of batches
     */
    public static List<Batch> forEvaluation(CachedExamples examples, Collator collator, int batchSize) {
        BatchPlanner planner = BatchPlanner.builder().setBatchSize(batchSize).optShuffle(false).build();
        return EncodedBatches.lazy(planner.plan(examples.lengths(), 0),
                indices -> collator.collate(examples.examples(indices)));
    }
}
