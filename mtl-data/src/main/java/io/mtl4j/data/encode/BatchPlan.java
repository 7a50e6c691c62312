package io.mtl4j.data.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One epoch's batches, each an array of indices into the planned examples; every example appears in
 * exactly one batch. Because batches hold input indices, results computed batch by batch can be put
 * back into input order with {@link #toInputOrder(List)}.
 */
public final class BatchPlan {

    private final List<int[]> batches;
    private final int exampleCount;

    /**
     * @param batches the batches of example indices
     * @param exampleCount the number of examples planned
     * @throws IllegalArgumentException if an index is out of range, appears twice, or is missing, or a
     *     batch is empty
     */
    public BatchPlan(List<int[]> batches, int exampleCount) {
        boolean[] seen = new boolean[exampleCount];
        List<int[]> copy = new ArrayList<>(batches.size());
        int covered = 0;
        for (int b = 0; b < batches.size(); b++) {
            int[] batch = batches.get(b);
            if (batch.length == 0) {
                throw new IllegalArgumentException("batch " + b + " is empty");
            }
            for (int index : batch) {
                if (index < 0 || index >= exampleCount) {
                    throw new IllegalArgumentException("batch " + b + " holds index " + index
                            + " outside [0, " + exampleCount + ")");
                }
                if (seen[index]) {
                    throw new IllegalArgumentException("example " + index + " appears twice, again in batch " + b);
                }
                seen[index] = true;
                covered++;
            }
            copy.add(batch.clone());
        }
        if (covered != exampleCount) {
            throw new IllegalArgumentException("the batches cover " + covered + " of " + exampleCount + " examples");
        }
        this.batches = List.copyOf(copy);
        this.exampleCount = exampleCount;
    }

    /** @return the number of batches */
    public int size() {
        return batches.size();
    }

    /** @return the number of examples planned */
    public int exampleCount() {
        return exampleCount;
    }

    /**
     * @param batch a batch index
     * @return a copy of that batch's example indices, in row order
     */
    public int[] batch(int batch) {
        return batches.get(batch).clone();
    }

    /** @return copies of all batches, in order */
    public List<int[]> batches() {
        List<int[]> copy = new ArrayList<>(batches.size());
        for (int[] batch : batches) {
            copy.add(batch.clone());
        }
        return copy;
    }

    /**
     * Puts per-example results back into input order.
     *
     * @param <T> the result type
     * @param resultsInPlanOrder one result per example, batch after batch, rows in order
     * @return the results indexed like the planned examples
     * @throws IllegalArgumentException if the number of results is not the number of examples
     */
    public <T> List<T> toInputOrder(List<T> resultsInPlanOrder) {
        if (resultsInPlanOrder.size() != exampleCount) {
            throw new IllegalArgumentException("expected " + exampleCount + " results, got " + resultsInPlanOrder.size());
        }
        List<T> ordered = new ArrayList<>(Collections.nCopies(exampleCount, (T) null));
        int k = 0;
        for (int[] batch : batches) {
            for (int index : batch) {
                ordered.set(index, resultsInPlanOrder.get(k++));
            }
        }
        return ordered;
    }

    /**
     * Counts the padding positions dynamic padding would add: per batch, {@code B * max length} minus
     * the real tokens.
     *
     * @param lengths the length of each planned example
     * @return the number of padding positions over the epoch
     */
    public long paddingTokens(int[] lengths) {
        if (lengths.length != exampleCount) {
            throw new IllegalArgumentException("expected " + exampleCount + " lengths, got " + lengths.length);
        }
        long padding = 0;
        for (int[] batch : batches) {
            int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElse(0);
            for (int index : batch) {
                padding += longest - lengths[index];
            }
        }
        return padding;
    }
}
