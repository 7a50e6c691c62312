package io.mtl4j.data;

import java.util.Objects;

/**
 * Two sentences and a gold similarity score, as in the STS Benchmark.
 *
 * @param first the first sentence
 * @param second the second sentence
 * @param score the gold similarity
 * @param origin where the pair came from ({@code file:line}), for error messages
 */
public record ScoredPair(String first, String second, float score, String origin) {

    /**
     * Checks that both sentences are present and the score is finite.
     *
     * @param first the first sentence
     * @param second the second sentence
     * @param score the gold similarity
     * @param origin where the pair came from
     */
    public ScoredPair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(origin, "origin");
        if (!Float.isFinite(score)) {
            throw new IllegalArgumentException(origin + ": score must be finite, but is: " + score);
        }
    }
}
