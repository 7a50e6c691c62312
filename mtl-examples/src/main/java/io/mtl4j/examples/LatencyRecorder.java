package io.mtl4j.examples;

import java.util.Arrays;

/** Collects call latencies and the texts they served; reports throughput and percentiles. */
final class LatencyRecorder {

    private long[] nanos = new long[1024];
    private int calls;
    private long texts;
    private long totalNanos;

    void add(long elapsedNanos, int textCount) {
        if (calls == nanos.length) {
            nanos = Arrays.copyOf(nanos, calls * 2);
        }
        nanos[calls++] = elapsedNanos;
        texts += textCount;
        totalNanos += elapsedNanos;
    }

    /** @return texts per second over the recorded calls */
    double throughput() {
        return texts / (totalNanos / 1e9);
    }

    /** @return the latency of one call at the given percentile (nearest rank), in milliseconds */
    double percentileMillis(double percentile) {
        long[] sorted = Arrays.copyOf(nanos, calls);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * calls) - 1;
        return sorted[Math.max(0, Math.min(calls - 1, rank))] / 1e6;
    }

    long texts() {
        return texts;
    }

    double seconds() {
        return totalNanos / 1e9;
    }
}
