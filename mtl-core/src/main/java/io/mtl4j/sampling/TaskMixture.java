package io.mtl4j.sampling;

import io.mtl4j.batch.Batch;
import io.mtl4j.train.BatchSource;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several data sets (each its own {@link BatchSource}, e.g. SST-2 for sentiment and CoNLL-2003 for
 * NER) served as one: every batch comes from one data set, picked by a {@link TaskSampling}; a batch
 * never mixes data sets. Each data set is walked through its own epochs in order (reshuffled by its
 * source), wrapping around independently of the others, so nothing is skipped.
 *
 * <p>An epoch of the mixture is a number of steps ({@link Builder#optStepsPerEpoch}, by default the
 * data sets' batches added up, or the largest one's for {@link TaskSampling#everyTask()}). The
 * draws are a pure function of the seed and the epoch, so any epoch can be rebuilt (for resuming).
 * The mix drawn is logged per epoch and available through {@link #drawn(int)}.
 */
public final class TaskMixture implements BatchSource {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMixture.class);

    private final List<String> names;
    private final List<BatchSource> sources;
    private final TaskSampling sampling;
    private final int stepsPerEpoch;
    private final long seed;
    private final double[] probabilities;

    private TaskMixture(Builder builder) {
        this.names = List.copyOf(builder.sources.keySet());
        this.sources = List.copyOf(builder.sources.values());
        this.sampling = builder.sampling;
        this.seed = builder.seed;
        long[] sizes = new long[sources.size()];
        int sum = 0;
        int max = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = sources.get(i).batchesPerEpoch();
            sum += sources.get(i).batchesPerEpoch();
            max = Math.max(max, sources.get(i).batchesPerEpoch());
        }
        this.probabilities = sampling.probabilities(sizes);
        this.stepsPerEpoch = builder.stepsPerEpoch > 0 ? builder.stepsPerEpoch
                : sampling.kind() == TaskSampling.Kind.EVERY_TASK ? max : sum;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the data set names, in the order added */
    public List<String> names() {
        return names;
    }

    /** @return the sampling */
    public TaskSampling sampling() {
        return sampling;
    }

    /** @return steps in each epoch of the mixture */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** @return each data set's probability of being drawn (its share, for the deterministic kinds) */
    public Map<String, Double> probabilities() {
        Map<String, Double> p = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            p.put(names.get(i), probabilities[i]);
        }
        return Collections.unmodifiableMap(p);
    }

    @Override
    public int batchesPerEpoch() {
        return stepsPerEpoch * batchesPerStep();
    }

    @Override
    public int batchesPerStep() {
        return sampling.kind() == TaskSampling.Kind.EVERY_TASK ? sources.size() : 1;
    }

    /**
     * @param epoch a 0-based epoch
     * @return how many batches each data set gets in it
     */
    public Map<String, Integer> drawn(int epoch) {
        int[] counts = new int[names.size()];
        for (int d : draws(epoch)) {
            counts[d]++;
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            result.put(names.get(i), counts[i]);
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Returns an epoch's batches as a lazy, random-access, unmodifiable list: which batch of which
     * data set comes at each position is decided at once (a few ints per batch), and {@code get(i)}
     * asks that data set's source for it, so no epoch is materialized here. Each source's epoch list
     * last used is kept, as consecutive positions mostly read the same ones.
     *
     * @param epoch the 0-based epoch
     * @return the epoch's batches, deterministic for the seed and epoch
     */
    @Override
    public List<Batch> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, but is: " + epoch);
        }
        long[] consumed = new long[sources.size()];
        for (int e = 0; e < epoch; e++) {
            for (int d : draws(e)) {
                consumed[d]++;
            }
        }
        int[] draws = draws(epoch);
        int[] sourceEpochs = new int[draws.length];
        int[] positions = new int[draws.length];
        int[] counts = new int[sources.size()];
        for (int i = 0; i < draws.length; i++) {
            int d = draws[i];
            int perEpoch = sources.get(d).batchesPerEpoch();
            long position = consumed[d]++;
            sourceEpochs[i] = (int) (position / perEpoch);
            positions[i] = (int) (position % perEpoch);
            counts[d]++;
        }
        LOG.info("task mix of epoch {} ({}): {}", epoch, sampling, describe(counts));
        return new MixedEpoch(draws, sourceEpochs, positions);
    }

    /** One epoch of the mixture: position i is batch {@code positions[i]} of epoch {@code sourceEpochs[i]} of source {@code draws[i]}. */
    private final class MixedEpoch extends AbstractList<Batch> implements RandomAccess {

        private final int[] draws;
        private final int[] sourceEpochs;
        private final int[] positions;
        private final int[] cachedEpoch;
        private final List<List<Batch>> cache;

        MixedEpoch(int[] draws, int[] sourceEpochs, int[] positions) {
            this.draws = draws;
            this.sourceEpochs = sourceEpochs;
            this.positions = positions;
            this.cachedEpoch = new int[sources.size()];
            Arrays.fill(cachedEpoch, -1);
            this.cache = new ArrayList<>(Collections.nCopies(sources.size(), null));
        }

        @Override
        public synchronized Batch get(int index) {
            Objects.checkIndex(index, draws.length);
            int d = draws[index];
            if (cachedEpoch[d] != sourceEpochs[index]) {
                cache.set(d, sources.get(d).epoch(sourceEpochs[index]));
                cachedEpoch[d] = sourceEpochs[index];
            }
            return cache.get(d).get(positions[index]);
        }

        @Override
        public int size() {
            return draws.length;
        }
    }

    private String describe(int[] counts) {
        int all = Arrays.stream(counts).sum();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(counts[i])
                    .append(String.format(Locale.ROOT, " (%.1f%%, p=%.3f)", 100.0 * counts[i] / all, probabilities[i]));
        }
        return sb.toString();
    }

    /** The data set index of every batch of an epoch, in order. */
    private int[] draws(int epoch) {
        int k = sources.size();
        int[] draws = new int[batchesPerEpoch()];
        switch (sampling.kind()) {
            case EVERY_TASK -> {
                for (int i = 0; i < draws.length; i++) {
                    draws[i] = i % k;
                }
            }
            case ROUND_ROBIN -> {
                long first = (long) epoch * stepsPerEpoch;
                for (int i = 0; i < draws.length; i++) {
                    draws[i] = (int) ((first + i) % k);
                }
            }
            default -> {
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
                for (int i = 0; i < draws.length; i++) {
                    draws[i] = pick(random.nextDouble());
                }
            }
        }
        return draws;
    }

    private int pick(double u) {
        double cumulative = 0;
        for (int i = 0; i < probabilities.length - 1; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    /** Builds a {@link TaskMixture}. */
    public static final class Builder {
        private final Map<String, BatchSource> sources = new LinkedHashMap<>();
        private TaskSampling sampling = TaskSampling.proportional();
        private int stepsPerEpoch;
        private long seed = 42;

        private Builder() {
        }

        /**
         * @param name the data set's name (unique, used in logs)
         * @param source its training batches, one batch per step
         * @return this builder
         */
        public Builder add(String name, BatchSource source) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source of data set '" + name + "'");
            if (name.isBlank()) {
                throw new IllegalArgumentException("data set name must not be blank");
            }
            if (source.batchesPerEpoch() < 1) {
                throw new IllegalArgumentException("data set '" + name + "' has no training batches");
            }
            if (source.batchesPerStep() != 1) {
                throw new IllegalArgumentException("data set '" + name + "' serves " + source.batchesPerStep()
                        + " batches per step; a mixture needs sources of one batch per step");
            }
            if (sources.putIfAbsent(name, source) != null) {
                throw new IllegalArgumentException("two data sets are named '" + name + "'");
            }
            return this;
        }

        /**
         * @param v how data sets are picked (default proportional)
         * @return this
         */
        public Builder optSampling(TaskSampling v) {
            sampling = Objects.requireNonNull(v, "sampling");
            return this;
        }

        /**
         * @param v steps per epoch (default: see the class comment)
         * @return this
         */
        public Builder optStepsPerEpoch(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("stepsPerEpoch must be at least 1, but is: " + v);
            }
            stepsPerEpoch = v;
            return this;
        }

        /**
         * @param v seeds the draws (default 42)
         * @return this
         */
        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        /** @return the mixture */
        public TaskMixture build() {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("a task mixture needs at least one data set");
            }
            return new TaskMixture(this);
        }
    }
}
