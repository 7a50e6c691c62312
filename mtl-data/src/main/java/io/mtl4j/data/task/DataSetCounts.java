package io.mtl4j.data.task;

import java.util.Objects;

/**
 * The sizes of a data set's splits.
 *
 * @param train the training split
 * @param dev the development split
 * @param test the test split
 */
public record DataSetCounts(SplitCounts train, SplitCounts dev, SplitCounts test) {

    /**
     * Validates that nothing is missing.
     *
     * @param train the training split
     * @param dev the development split
     * @param test the test split
     */
    public DataSetCounts {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(test, "test");
    }

    /**
     * @param split a split
     * @return its counts
     */
    public SplitCounts get(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case DEV -> dev;
            case TEST -> test;
        };
    }
}
