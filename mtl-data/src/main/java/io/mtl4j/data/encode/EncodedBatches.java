package io.mtl4j.data.encode;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.train.BatchSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Training and evaluation batches over encoded examples: a {@link BatchPlanner} decides which examples
 * go together, a {@link Collator} pads them. Only Java arrays are held; tensors are made per step.
 */
public final class EncodedBatches implements BatchSource {

    private final List<EncodedExample> examples;
    private final Collator collator;
    private final BatchPlanner planner;
    private final int batchesPerEpoch;

    /**
     * @param examples the training examples
     * @param collator pads batches
     * @param planner plans each epoch (shuffled, usually length-bucketed)
     */
    public EncodedBatches(List<EncodedExample> examples, Collator collator, BatchPlanner planner) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("there are no training examples");
        }
        this.examples = List.copyOf(examples);
        this.collator = collator;
        this.planner = planner;
        this.batchesPerEpoch = planner.plan(this.examples, 0).size();
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public List<Batch> epoch(int epoch) {
        return collate(examples, planner.plan(examples, epoch), collator);
    }

    /**
     * Batches for evaluation: sorted by length (little padding), not shuffled.
     *
     * @param examples the examples
     * @param collator pads batches
     * @param batchSize examples per batch
     * @return the batches
     */
    public static List<Batch> forEvaluation(List<EncodedExample> examples, Collator collator, int batchSize) {
        if (examples.isEmpty()) {
            return List.of();
        }
        BatchPlanner planner = BatchPlanner.builder().setBatchSize(batchSize).optShuffle(false).build();
        return collate(examples, planner.plan(examples, 0), collator);
    }

    private static List<Batch> collate(List<EncodedExample> examples, BatchPlan plan, Collator collator) {
        List<Batch> batches = new ArrayList<>(plan.size());
        for (int[] indices : plan.batches()) {
            List<EncodedExample> members = new ArrayList<>(indices.length);
            for (int i : indices) {
                members.add(examples.get(i));
            }
            batches.add(collator.collate(members));
        }
        return batches;
    }
}
