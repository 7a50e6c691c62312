package io.mtl4j.train;

import io.mtl4j.batch.Batch;
import java.util.List;

/** Supplies the training batches of each epoch (shuffled and bucketed as the implementation decides). */
public interface BatchSource {

    /** @return the number of batches in every epoch, a multiple of {@link #batchesPerStep()} */
    int batchesPerEpoch();

    /**
     * How many consecutive batches make one optimizer step: their gradients are combined (summed, or
     * projected by gradient surgery) before the update. Sources that serve one batch of every task
     * per step return the number of tasks.
     *
     * @return batches per step, 1 by default
     */
    default int batchesPerStep() {
        return 1;
    }

    /**
     * @param epoch the 0-based epoch
     * @return its batches, deterministic for a given seed and epoch
     */
    List<Batch> epoch(int epoch);

    /**
     * A source that serves the same batches every epoch.
     *
     * @param batches the batches
     * @return the source
     */
    static BatchSource fixed(List<Batch> batches) {
        List<Batch> copy = List.copyOf(batches);
        return new BatchSource() {
            @Override
            public int batchesPerEpoch() {
                return copy.size();
            }

            @Override
            public List<Batch> epoch(int epoch) {
                return copy;
            }
        };
    }
}
