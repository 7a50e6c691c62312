package io.mtl4j.data.encode;

import io.mtl4j.batch.EncodedExample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Plans the batches of an epoch as arrays of example indices.
 *
 * <p>Training (shuffled, length-bucketed, the default): shuffle all indices, sort them by length
 * inside chunks of {@code batchSize * bucketFactor}, cut each chunk into batches, shuffle the batch
 * order. Batches then hold examples of similar length (little padding) while their content and order
 * still change every epoch. The plan is a pure function of seed and epoch. Without bucketing, the
 * shuffled indices are cut directly.
 *
 * <p>Evaluation ({@code optShuffle(false)}): indices sorted by length (stable), or in input order
 * without bucketing; {@link BatchPlan#toInputOrder(List)} restores input order.
 *
 * <p>Immutable and thread-safe.
 */
public final class BatchPlanner {

    /** The seed used unless one is given. */
    public static final long DEFAULT_SEED = 42L;

    /** Chunks sorted by length hold this many batches unless told otherwise. */
    public static final int DEFAULT_BUCKET_FACTOR = 50;

    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean bucketByLength;
    private final int bucketFactor;

    private BatchPlanner(Builder builder) {
        this.batchSize = builder.batchSize;
        this.seed = builder.seed;
        this.shuffle = builder.shuffle;
        this.bucketByLength = builder.bucketByLength;
        this.bucketFactor = builder.bucketFactor;
    }

    /** @return a builder; the batch size is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of examples per batch (the last batches may be smaller) */
    public int batchSize() {
        return batchSize;
    }

    /** @return the seed shuffling derives from */
    public long seed() {
        return seed;
    }

    /**
     * Plans one epoch over encoded examples.
     *
     * @param examples the examples
     * @param epoch the epoch, from 0
     * @return the plan
     */
    public BatchPlan plan(List<EncodedExample> examples, int epoch) {
        return plan(examples.stream().mapToInt(e -> e.tokens().length()).toArray(), epoch);
    }

    /**
     * Plans one epoch over examples of the given lengths.
     *
     * @param lengths the token count of each example
     * @param epoch the epoch, from 0
     * @return the plan
     * @throws IllegalArgumentException if the epoch is negative
     */
    public BatchPlan plan(int[] lengths, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, but is: " + epoch);
        }
        int n = lengths.length;
        Comparator<Integer> byLength = Comparator.comparingInt(i -> lengths[i]);
        if (!shuffle) {
            List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            if (bucketByLength) {
                order.sort(byLength);
            }
            return new BatchPlan(cut(order, 0, n), n);
        }
        SplittableRandom random = new SplittableRandom(epochSeed(epoch));
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        shuffle(order, random);
        List<int[]> batches = new ArrayList<>();
        int chunk = bucketByLength ? batchSize * bucketFactor : Math.max(n, 1);
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            if (bucketByLength) {
                order.subList(from, to).sort(byLength);
            }
            batches.addAll(cut(order, from, to));
        }
        shuffle(batches, random);
        return new BatchPlan(batches, n);
    }

    private long epochSeed(int epoch) {
        return seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L));
    }

    private List<int[]> cut(List<Integer> order, int from, int to) {
        List<int[]> batches = new ArrayList<>();
        for (int start = from; start < to; start += batchSize) {
            int end = Math.min(to, start + batchSize);
            batches.add(order.subList(start, end).stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }

    /** Builds a {@link BatchPlanner}. */
    public static final class Builder {

        private int batchSize;
        private long seed = DEFAULT_SEED;
        private boolean shuffle = true;
        private boolean bucketByLength = true;
        private int bucketFactor = DEFAULT_BUCKET_FACTOR;

        private Builder() {
        }

        /**
         * @param batchSize examples per batch, positive
         * @return this builder
         */
        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param seed the seed shuffling derives from (default {@value BatchPlanner#DEFAULT_SEED})
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param shuffle whether to shuffle (training, the default) or not (evaluation)
         * @return this builder
         */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param bucketByLength whether batches group examples of similar length (default true)
         * @return this builder
         */
        public Builder optBucketByLength(boolean bucketByLength) {
            this.bucketByLength = bucketByLength;
            return this;
        }

        /**
         * @param bucketFactor how many batches each length-sorted chunk holds when shuffling (default
         *     {@value BatchPlanner#DEFAULT_BUCKET_FACTOR}); larger means less padding, less randomness
         * @return this builder
         */
        public Builder optBucketFactor(int bucketFactor) {
            this.bucketFactor = bucketFactor;
            return this;
        }

        /**
         * @return the planner
         * @throws IllegalArgumentException if the batch size or bucket factor is not positive
         */
        public BatchPlanner build() {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be positive, but is: " + batchSize);
            }
            if (bucketFactor <= 0) {
                throw new IllegalArgumentException("bucketFactor must be positive, but is: " + bucketFactor);
            }
            if ((long) batchSize * bucketFactor > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("batchSize * bucketFactor must fit an int, but is: "
                        + (long) batchSize * bucketFactor);
            }
            return new BatchPlanner(this);
        }
    }
}
