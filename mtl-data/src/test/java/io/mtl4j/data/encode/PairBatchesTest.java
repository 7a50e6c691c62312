package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.batch.Batch;
import io.mtl4j.data.ScoredPair;
import io.mtl4j.eval.SimilarityEvaluation;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.objective.SimilarityLoss;
import io.mtl4j.objective.SimilarityObjective;
import io.mtl4j.testing.TestResources;
import io.mtl4j.testing.ToyData;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.train.BatchSource;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairBatchesTest {

    private static BatchPlanner planner(int pairsPerBatch) {
        return BatchPlanner.builder().setBatchSize(pairsPerBatch).optSeed(3).build();
    }

    @Test
    void interleavesEachPairsSentencesAndCarriesTheirScores() {
        try (TextTokenizer tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 32)) {
            List<ScoredPair> pairs = List.of(new ScoredPair("a dog runs", "a dog is running fast", 4.5f, "t:1"),
                    new ScoredPair("hello", "a cat sleeps", 0.5f, "t:2"));
            PairBatches source = new PairBatches("sts", pairs, tokenizer,
                    BatchPlanner.builder().setBatchSize(2).optShuffle(false).optBucketByLength(false).build(), 0);

            assertThat(source.batchesPerEpoch()).isEqualTo(1);
            Batch batch = source.epoch(0).get(0);
            long[] dogRuns = tokenizer.tokenize("a dog runs").ids();
            long[] running = tokenizer.tokenize("a dog is running fast").ids();
            int length = running.length;
            assertThat(batch.size()).isEqualTo(4);
            assertThat(batch.length()).isEqualTo(length);
            assertThat(batch.labels()).isEmpty();
            assertThat(batch.pairScores()).containsOnlyKeys("sts");
            assertThat(batch.pairScores().get("sts")).containsExactly(4.5f, 0.5f);
            long[] row0 = java.util.Arrays.copyOfRange(batch.inputIds(), 0, length);
            long[] row1 = java.util.Arrays.copyOfRange(batch.inputIds(), length, 2 * length);
            assertThat(java.util.Arrays.copyOf(row0, dogRuns.length)).containsExactly(dogRuns);
            assertThat(java.util.Arrays.copyOfRange(row0, dogRuns.length, length)).containsOnly(0L);
            assertThat(row1).containsExactly(running);
            long maskRow0 = java.util.Arrays.stream(batch.attentionMask(), 0, length).sum();
            assertThat(maskRow0).isEqualTo(dogRuns.length);
        }
    }

    @Test
    void everyPairAppearsOncePerEpochAndEpochsAreDeterministic() {
        try (TextTokenizer tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 32)) {
            List<ScoredPair> pairs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pairs.add(new ScoredPair("sentence " + i, "other " + i, i / 2f, "t:" + i));
            }
            PairBatches source = new PairBatches("sts", pairs, tokenizer, planner(3), 0);
            assertThat(source.batchesPerEpoch()).isEqualTo(4);
            List<Float> scores = new ArrayList<>();
            for (Batch batch : source.epoch(1)) {
                for (float s : batch.pairScores().get("sts")) {
                    scores.add(s);
                }
            }
            assertThat(scores).containsExactlyInAnyOrder(0f, 0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f, 4f, 4.5f);
            assertThat(source.epoch(1).get(2).inputIds()).containsExactly(source.epoch(1).get(2).inputIds());
        }
        assertThatThrownBy(() -> new PairBatches("sts", List.of(), null, planner(2), 0))
                .hasMessage("there are no sentence pairs for 'sts'");
    }

    @Test
    void theSimilarityObjectiveTeachesTheEncoderTheScoresOrder() {
        // Pairs share a city (similar, 5) or not (0); the tiny random encoder starts near chance.
        String[] cities = {"paris", "london", "rome", "berlin", "tokyo", "madrid", "vienna", "oslo"};
        String[] frames = {"we went to %s", "the trip to %s was long", "%s is far away", "i love %s"};
        Random random = new Random(4);
        List<ScoredPair> pairs = new ArrayList<>();
        for (int i = 0; i < 192; i++) {
            String a = cities[random.nextInt(cities.length)];
            String b = random.nextBoolean() ? a : cities[random.nextInt(cities.length)];
            pairs.add(new ScoredPair(String.format(frames[random.nextInt(4)], a), String.format(frames[random.nextInt(4)], b),
                    a.equals(b) ? 5f : 0f, "t:" + i));
        }
        List<ScoredPair> probe = pairs.subList(0, 64);
        try (MultiTaskModel model = ToyData.model(6, false)) {
            double before = spearman(model, probe);
            PairBatches source = new PairBatches("sts", pairs, model.encoder().tokenizer(), planner(16), 0);
            // The toy tasks take part too: the mood/place batches and the pair batches alternate.
            List<Batch> mixed = new ArrayList<>();
            List<Batch> tasks = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 192, 2), 16);
            for (int i = 0; i < source.batchesPerEpoch(); i++) {
                mixed.add(source.epoch(0).get(i));
                mixed.add(tasks.get(i));
            }
            TrainingConfig config = TrainingConfig.builder().optEpochs(3).optLearningRate(3e-3)
                    .optHeadLearningRate(1e-2).optProgressBar(false).optLoss(MultiTaskLoss.equalWeights()).build();
            new MultiTaskTrainer(config, List.of(new SimilarityObjective("sts", SimilarityLoss.COSENT, 5f)))
                    .fit(model, BatchSource.fixed(mixed), List.of());
            double after = spearman(model, probe);
            assertThat(after).isGreaterThan(80).isGreaterThan(before + 30);
        }
    }

    @Test
    void aPairBatchWithoutItsObjectiveIsRefusedByName() {
        try (MultiTaskModel model = ToyData.model(6, false)) {
            PairBatches source = new PairBatches("sts", List.of(new ScoredPair("a", "b", 1f, "t:1")),
                    model.encoder().tokenizer(), planner(1), 0);
            TrainingConfig config = TrainingConfig.builder().optEpochs(1).optProgressBar(false).build();
            assertThatThrownBy(() -> new MultiTaskTrainer(config).fit(model, source, List.of()))
                    .hasMessage("a batch carries pair scores for 'sts', but the trainer has no objective of that name;"
                            + " objectives: []");
        }
    }

    private static double spearman(MultiTaskModel model, List<ScoredPair> pairs) {
        return SimilarityEvaluation.evaluate(texts -> model.encode(texts, false),
                pairs.stream().map(ScoredPair::first).toList(), pairs.stream().map(ScoredPair::second).toList(),
                pairs.stream().mapToDouble(ScoredPair::score).toArray()).spearman();
    }
}
