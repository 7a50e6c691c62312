package io.mtl4j.train;

import java.util.Objects;
import java.util.Set;

/**
 * Which parameters train and how fast, relative to the configured learning rates. Immutable; use
 * {@link #builder()} or {@link #all()}.
 *
 * <p>Layer-wise learning-rate decay gives the encoder's top layer the full encoder rate and each layer
 * below it {@code decay} times the rate of the one above; the embeddings get {@code decay^L} for an
 * encoder of {@code L} layers (Howard &amp; Ruder 2018; Clark et al. 2020). Parameters above the last
 * layer and the heads are not decayed.
 *
 * @param freezeEncoder train the heads only
 * @param freezeEmbeddings keep the encoder's embeddings fixed
 * @param frozenLowestLayers keep the lowest k encoder layers fixed (0 for none)
 * @param layerwiseDecay the per-layer rate factor in (0, 1]; 1 disables decay
 * @param frozenHeads task names whose heads stay fixed
 */
public record TrainableParameters(
        boolean freezeEncoder, boolean freezeEmbeddings, int frozenLowestLayers, double layerwiseDecay,
        Set<String> frozenHeads) {

    /**
     * Validates every field, naming it and its value.
     *
     * @param freezeEncoder train the heads only
     * @param freezeEmbeddings keep the encoder's embeddings fixed
     * @param frozenLowestLayers keep the lowest k encoder layers fixed (0 for none)
     * @param layerwiseDecay the per-layer rate factor in (0, 1]; 1 disables decay
     * @param frozenHeads task names whose heads stay fixed
     */
    public TrainableParameters {
        if (frozenLowestLayers < 0) {
            throw new IllegalArgumentException("frozenLowestLayers must be >= 0, but is: " + frozenLowestLayers);
        }
        if (!(layerwiseDecay > 0 && layerwiseDecay <= 1)) {
            throw new IllegalArgumentException("layerwiseDecay must be in (0, 1], but is: " + layerwiseDecay);
        }
        frozenHeads = Set.copyOf(Objects.requireNonNull(frozenHeads, "frozenHeads"));
    }

    /** @return every parameter trains at the configured rates */
    public static TrainableParameters all() {
        return builder().build();
    }

    /** @return a builder where everything trains */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether anything is frozen or decayed */
    public boolean isDefault() {
        return equals(all());
    }

    /** Builds {@link TrainableParameters}. */
    public static final class Builder {
        private boolean freezeEncoder;
        private boolean freezeEmbeddings;
        private int frozenLowestLayers;
        private double layerwiseDecay = 1;
        private Set<String> frozenHeads = Set.of();

        private Builder() {
        }

        /**
         * @param v train the heads only (default false)
         * @return this
         */
        public Builder optFreezeEncoder(boolean v) {
            freezeEncoder = v;
            return this;
        }

        /**
         * @param v keep the embeddings fixed (default false)
         * @return this
         */
        public Builder optFreezeEmbeddings(boolean v) {
            freezeEmbeddings = v;
            return this;
        }

        /**
         * @param k keep the lowest k encoder layers fixed (default 0)
         * @return this
         */
        public Builder optFrozenLowestLayers(int k) {
            frozenLowestLayers = k;
            return this;
        }

        /**
         * @param v layer-wise learning-rate decay factor in (0, 1] (default 1: none)
         * @return this
         */
        public Builder optLayerwiseDecay(double v) {
            layerwiseDecay = v;
            return this;
        }

        /**
         * @param tasks tasks whose heads stay fixed (default none)
         * @return this
         */
        public Builder optFrozenHeads(Set<String> tasks) {
            frozenHeads = tasks;
            return this;
        }

        /** @return the validated settings */
        public TrainableParameters build() {
            return new TrainableParameters(freezeEncoder, freezeEmbeddings, frozenLowestLayers, layerwiseDecay,
                    frozenHeads);
        }
    }
}
