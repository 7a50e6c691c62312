package io.mtl4j.data.encode;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.train.BatchSource;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * Training and evaluation batches over encoded examples: a {@link BatchPlanner} decides which examples
 * go together, a {@link Collator} pads them. Only Java arrays are held; tensors are made per step.
 * An epoch's batches are collated only when asked for ({@link #epoch(int)} returns a lazy list), so
 * the padded copies of a whole epoch never sit in memory together.
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

    /**
     * Returns an epoch's batches as a lazy, random-access, unmodifiable list: the plan (example
     * indices) is made at once, and {@code get(i)} collates batch {@code i} on each call, always
     * to an equal batch.
     *
     * @param epoch the 0-based epoch
     * @return the epoch's batches
     */
    @Override
    public List<Batch> epoch(int epoch) {
        BatchPlan plan = planner.plan(examples, epoch);
        return lazy(plan, indices -> {
            List<EncodedExample> members = new ArrayList<>(indices.length);
            for (int i : indices) {
                members.add(examples.get(i));
            }
            return collator.collate(members);
        });
    }

    /**
     * A list of a plan's batches, each made by {@code collate} from its example indices when asked
     * for: no batch is kept.
     *
     * @param plan the plan
     * @param collate makes the batch of an array of example indices
     * @return the lazy, random-access, unmodifiable list
     */
    public static List<Batch> lazy(BatchPlan plan, Function<int[], Batch> collate) {
        List<int[]> batches = plan.batches();
        return new LazyBatches(batches, collate);
    }

    /** The batches of a plan, collated on each {@code get}. */
    private static final class LazyBatches extends AbstractList<Batch> implements RandomAccess {

        private final List<int[]> batches;
        private final Function<int[], Batch> collate;

        LazyBatches(List<int[]> batches, Function<int[], Batch> collate) {
            this.batches = batches;
            this.collate = collate;
        }

        @Override
        public Batch get(int index) {
            return collate.apply(batches.get(index).clone());
        }

        @Override
        public int size() {
            return batches.size();
        }
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
