package io.mtl4j.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.train.BatchSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskMixtureTest {

    /**
     * A data set of {@code n} one-example batches labelled for {@code task}; the token id of each batch
     * encodes (epoch, index), so tests can see exactly which batch was served.
     */
    private static BatchSource source(String task, int n) {
        return new BatchSource() {
            @Override
            public int batchesPerEpoch() {
                return n;
            }

            @Override
            public List<Batch> epoch(int epoch) {
                List<Batch> batches = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    batches.add(new Batch(1, 1, new long[] {epoch * 100_000L + i}, new long[] {1}, new long[] {0},
                            Map.of(task, new TaskLabels(new int[] {0}, 1))));
                }
                return batches;
            }
        };
    }

    private static Map<String, Integer> countTasks(List<Batch> batches) {
        Map<String, Integer> counts = new HashMap<>();
        for (Batch b : batches) {
            assertThat(b.labels()).hasSize(1); // a batch never mixes data sets
            counts.merge(b.labels().keySet().iterator().next(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void drawsInTheConfiguredProportionsOverManyDraws() {
        TaskMixture proportional = TaskMixture.builder().add("big", source("a", 900)).add("small", source("b", 100))
                .optStepsPerEpoch(20_000).build();
        Map<String, Integer> counts = countTasks(proportional.epoch(0));
        // binomial standard deviation at n = 20000, p = 0.9 is 0.0021; 0.01 is almost five of them
        assertThat(counts.get("a") / 20_000.0).isCloseTo(0.9, within(0.01));

        TaskMixture tempered = TaskMixture.builder().add("big", source("a", 900)).add("small", source("b", 100))
                .optSampling(TaskSampling.temperature(2)).optStepsPerEpoch(20_000).build();
        assertThat(countTasks(tempered.epoch(3)).get("a") / 20_000.0).isCloseTo(0.75, within(0.01));
        assertThat(tempered.probabilities()).containsEntry("big", 0.75).containsEntry("small", 0.25);
        assertThat(tempered.drawn(3)).isEqualTo(Map.of("big", countTasks(tempered.epoch(3)).get("a"),
                "small", countTasks(tempered.epoch(3)).get("b")));

        TaskMixture uniform = TaskMixture.builder().add("big", source("a", 900)).add("small", source("b", 100))
                .optSampling(TaskSampling.uniform()).optStepsPerEpoch(20_000).build();
        assertThat(countTasks(uniform.epoch(0)).get("a") / 20_000.0).isCloseTo(0.5, within(0.01));
    }

    @Test
    void anEpochIsTheDataSetsAddedUpByDefaultAndEveryBatchIsServedOncePerPassInOrder() {
        TaskMixture mixture = TaskMixture.builder().add("big", source("a", 30)).add("small", source("b", 10)).build();
        assertThat(mixture.batchesPerEpoch()).isEqualTo(40);
        // Over several epochs each data set is walked through its own epochs in order: no batch skipped
        // or repeated before its data set wraps around.
        List<Long> servedA = new ArrayList<>();
        for (int epoch = 0; epoch < 5; epoch++) {
            for (Batch b : mixture.epoch(epoch)) {
                if (b.labels().containsKey("a")) {
                    servedA.add(b.inputIds()[0]);
                }
            }
        }
        for (int i = 0; i < servedA.size(); i++) {
            assertThat(servedA.get(i)).isEqualTo((i / 30) * 100_000L + i % 30);
        }
    }

    @Test
    void rebuildsAnyEpochIdentically() {
        TaskMixture mixture = TaskMixture.builder().add("big", source("a", 30)).add("small", source("b", 10))
                .optSampling(TaskSampling.temperature(3)).optSeed(7).build();
        List<Long> third = ids(mixture.epoch(2));
        mixture.epoch(0);
        assertThat(ids(mixture.epoch(2))).isEqualTo(third);
        TaskMixture otherSeed = TaskMixture.builder().add("big", source("a", 30)).add("small", source("b", 10))
                .optSampling(TaskSampling.temperature(3)).optSeed(8).build();
        assertThat(ids(otherSeed.epoch(2))).isNotEqualTo(third);
    }

    private static List<Long> ids(List<Batch> batches) {
        return batches.stream().map(b -> b.labels().containsKey("a") ? b.inputIds()[0] : -1 - b.inputIds()[0]).toList();
    }

    @Test
    void roundRobinAlternatesAcrossEpochs() {
        TaskMixture mixture = TaskMixture.builder().add("x", source("a", 5)).add("y", source("b", 2)).add("z", source("c", 2))
                .optSampling(TaskSampling.roundRobin()).optStepsPerEpoch(4).build();
        List<String> order = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            mixture.epoch(e).forEach(b -> order.add(b.labels().keySet().iterator().next()));
        }
        assertThat(order).containsExactly("a", "b", "c", "a", "b", "c", "a", "b");
    }

    @Test
    void everyTaskServesOneBatchOfEachDataSetPerStep() {
        TaskMixture mixture = TaskMixture.builder().add("x", source("a", 6)).add("y", source("b", 2))
                .optSampling(TaskSampling.everyTask()).build();
        assertThat(mixture.batchesPerStep()).isEqualTo(2);
        assertThat(mixture.stepsPerEpoch()).isEqualTo(6);
        List<Batch> batches = mixture.epoch(0);
        assertThat(batches).hasSize(12);
        for (int i = 0; i < batches.size(); i += 2) {
            assertThat(batches.get(i).labels()).containsOnlyKeys("a");
            assertThat(batches.get(i + 1).labels()).containsOnlyKeys("b");
        }
        // the small data set wraps into its next epoch
        assertThat(batches.get(5).inputIds()[0]).isEqualTo(100_000L);
    }

    @Test
    void rejectsBadDataSets() {
        assertThatThrownBy(() -> TaskMixture.builder().build())
                .hasMessage("a task mixture needs at least one data set");
        assertThatThrownBy(() -> TaskMixture.builder().add("sst2", source("a", 0)))
                .hasMessage("data set 'sst2' has no training batches");
        assertThatThrownBy(() -> TaskMixture.builder().add("sst2", source("a", 1)).add("sst2", source("b", 1)))
                .hasMessage("two data sets are named 'sst2'");
        assertThatThrownBy(() -> TaskMixture.builder().add(" ", source("a", 1)))
                .hasMessage("data set name must not be blank");
        assertThatThrownBy(() -> TaskMixture.builder().optStepsPerEpoch(0))
                .hasMessage("stepsPerEpoch must be at least 1, but is: 0");
        TaskMixture nested = TaskMixture.builder().add("x", source("a", 2)).add("y", source("b", 2))
                .optSampling(TaskSampling.everyTask()).build();
        assertThatThrownBy(() -> TaskMixture.builder().add("nested", nested))
                .hasMessage("data set 'nested' serves 2 batches per step; a mixture needs sources of one batch per step");
    }

    @Test
    void anEpochAsksTheSourcesForBatchesOnlyWhenTheyAreRead() {
        List<Integer> epochsAsked = new ArrayList<>();
        BatchSource counting = new BatchSource() {
            @Override
            public int batchesPerEpoch() {
                return 3;
            }

            @Override
            public List<Batch> epoch(int epoch) {
                epochsAsked.add(epoch);
                return source("a", 3).epoch(epoch);
            }
        };
        TaskMixture mixture = TaskMixture.builder().add("a", counting).optStepsPerEpoch(5).build();

        List<Batch> epoch1 = mixture.epoch(1);
        assertThat(epochsAsked).isEmpty();
        assertThat(epoch1).hasSize(5);

        // Epoch 1 of the mixture serves positions 5..9 of the source: its epoch 1 (5), then epoch 2 (6, 7, 8), then 3 (9).
        assertThat(epoch1.get(0).inputIds()).containsExactly(100_002L);
        assertThat(epoch1.get(1).inputIds()).containsExactly(200_000L);
        assertThat(epoch1.get(2).inputIds()).containsExactly(200_001L);
        assertThat(epoch1.get(4).inputIds()).containsExactly(300_000L);
        assertThat(epochsAsked).containsExactly(1, 2, 3);
    }
}
