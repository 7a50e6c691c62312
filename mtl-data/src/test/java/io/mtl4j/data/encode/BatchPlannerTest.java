package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    /** 1000 lengths between 5 and 64, like short sentences. */
    private static final int[] LENGTHS = new Random(7).ints(1000, 5, 65).toArray();

    private static BatchPlanner.Builder training() {
        return BatchPlanner.builder().setBatchSize(32).optBucketFactor(4);
    }

    private static List<List<Integer>> asLists(BatchPlan plan) {
        return plan.batches().stream()
                .map(b -> Arrays.stream(b).boxed().collect(Collectors.toList()))
                .collect(Collectors.toList());
    }

    @Test
    void everyExampleExactlyOnce() {
        BatchPlan plan = training().build().plan(LENGTHS, 0);
        int[] all = plan.batches().stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 1000).toArray());
        assertThat(plan.size()).isEqualTo(32); // 7 full chunks of 4 batches, then 104 = 3 full + 1 of 8
        assertThat(plan.batches().stream().filter(b -> b.length != 32).mapToInt(b -> b.length))
                .containsExactly(8);
    }

    @Test
    void deterministicForASeedAndEpoch() {
        assertThat(asLists(training().build().plan(LENGTHS, 3))).isEqualTo(asLists(training().build().plan(LENGTHS, 3)));
    }

    @Test
    void differsAcrossEpochsAndSeeds() {
        BatchPlanner planner = training().build();
        assertThat(asLists(planner.plan(LENGTHS, 0))).isNotEqualTo(asLists(planner.plan(LENGTHS, 1)));
        assertThat(asLists(planner.plan(LENGTHS, 0)))
                .isNotEqualTo(asLists(training().optSeed(43).build().plan(LENGTHS, 0)));
    }

    @Test
    void bucketingCutsPaddingFarBelowRandomBatching() {
        long real = Arrays.stream(LENGTHS).sum();
        double random = ratio(training().optBucketByLength(false).build(), real);
        double smallChunks = ratio(training().build(), real);
        double defaultChunks = ratio(BatchPlanner.builder().setBatchSize(32).build(), real);
        // uniform lengths 5..64 (mean 34.5): a random batch of 32 pads to about 63, ~0.8 padding per token;
        // sorted chunks of 128 leave ~15 lengths per batch (~0.2); one sorted chunk of 1000, ~2 (~0.03)
        assertThat(random).isGreaterThan(0.7);
        assertThat(smallChunks).isBetween(0.1, 0.3);
        assertThat(defaultChunks).isLessThan(0.05);
    }

    private static double ratio(BatchPlanner planner, long realTokens) {
        return (double) planner.plan(LENGTHS, 0).paddingTokens(LENGTHS) / realTokens;
    }

    @Test
    void evaluationSortsByLengthAndRestoresInputOrder() {
        int[] lengths = {9, 3, 7, 3, 5};
        BatchPlan plan = BatchPlanner.builder().setBatchSize(2).optShuffle(false).build().plan(lengths, 0);
        assertThat(asLists(plan)).containsExactly(List.of(1, 3), List.of(4, 2), List.of(0));
        // results come back batch after batch; put them back in input order
        List<String> results = new ArrayList<>();
        for (int[] batch : plan.batches()) {
            for (int index : batch) {
                results.add("r" + index);
            }
        }
        assertThat(plan.toInputOrder(results)).containsExactly("r0", "r1", "r2", "r3", "r4");
        assertThat(plan.paddingTokens(lengths)).isEqualTo(0 + 2 + 0);
    }

    @Test
    void evaluationWithoutBucketingKeepsInputOrder() {
        BatchPlan plan = BatchPlanner.builder().setBatchSize(2).optShuffle(false).optBucketByLength(false).build()
                .plan(new int[] {9, 3, 7, 3, 5}, 0);
        assertThat(asLists(plan)).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
    }

    @Test
    void noExamplesNoBatches() {
        assertThat(training().build().plan(new int[0], 0).size()).isZero();
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> BatchPlanner.builder().build())
                .hasMessage("batchSize must be positive, but is: 0");
        assertThatThrownBy(() -> BatchPlanner.builder().setBatchSize(8).optBucketFactor(-1).build())
                .hasMessage("bucketFactor must be positive, but is: -1");
        assertThatThrownBy(() -> training().build().plan(LENGTHS, -1))
                .hasMessage("epoch must not be negative, but is: -1");
        BatchPlan plan = BatchPlanner.builder().setBatchSize(2).optShuffle(false).build().plan(new int[] {1, 2, 3}, 0);
        assertThatThrownBy(() -> plan.toInputOrder(List.of("a")))
                .hasMessage("expected 3 results, got 1");
    }

    @Test
    void planRejectsIndicesTwiceOrMissing() {
        assertThatThrownBy(() -> new BatchPlan(List.of(new int[] {0, 1}, new int[] {1}), 3))
                .hasMessage("example 1 appears twice, again in batch 1");
        assertThatThrownBy(() -> new BatchPlan(List.of(new int[] {0, 1}), 3))
                .hasMessage("the batches cover 2 of 3 examples");
        assertThatThrownBy(() -> new BatchPlan(List.of(new int[] {0, 3}), 3))
                .hasMessage("batch 0 holds index 3 outside [0, 3)");
    }
}
