package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.testing.TestResources;
import io.mtl4j.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes SNIPS train (JointBERT layout, read here with a few lines) and measures the padding of
 * length-bucketed against random batches of 32. Skipped when the data set is absent.
 */
class SnipsPaddingIT {

    private static final Logger LOG = LoggerFactory.getLogger(SnipsPaddingIT.class);
    private static final Path TRAIN = Path.of(System.getProperty("mtl4j.snips", "/work/shared/data/snips/train"));

    @Test
    void bucketingPadsLessThanRandomBatching() throws IOException {
        assumeTrue(Files.isDirectory(TRAIN), "SNIPS not found at " + TRAIN);
        List<String> seqIn = Files.readAllLines(TRAIN.resolve("seq.in"));
        List<String> seqOut = Files.readAllLines(TRAIN.resolve("seq.out"));
        List<String> intents = Files.readAllLines(TRAIN.resolve("label"));
        List<LabeledExample> examples = new ArrayList<>(seqIn.size());
        for (int i = 0; i < seqIn.size(); i++) {
            examples.add(LabeledExample.ofWords("seq.in:" + (i + 1), List.of(seqIn.get(i).trim().split("\\s+")),
                    Map.of("intent", intents.get(i).trim()),
                    Map.of("slots", List.of(seqOut.get(i).trim().split("\\s+")))));
        }
        List<TaskSpec> tasks = LabelVocabularies.taskSpecs(examples);
        try (TextTokenizer tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 128)) {
            ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks);
            long start = System.nanoTime();
            EncodingResult result = encoder.encodeAll(examples);
            long encodeMillis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("encoded {} SNIPS examples in {} ms:\n{}", examples.size(), encodeMillis, result.report().summary());
            // one known loss: seq.in:8427 has a word of six U+FFFD, which the BERT normalizer removes
            EncodingReport.TaskReport slots = result.report().tasks().get("slots");
            assertThat(slots.wordsWithoutTokens()).isEqualTo(1);
            assertThat(slots.labelsLost() + slots.unknownLabelCount()).isEqualTo(1);
            assertThat(result.report().tasks().get("intent").unknownLabelCount()).isZero();
            assertThat(result.report().examplesTruncated()).isZero();

            List<EncodedExample> encoded = result.examples();
            int[] lengths = encoded.stream().mapToInt(e -> e.tokens().length()).toArray();
            long real = Arrays.stream(lengths).sum();
            double bucketed = ratio(BatchPlanner.builder().setBatchSize(32).build(), lengths, real);
            double random = ratio(BatchPlanner.builder().setBatchSize(32).optBucketByLength(false).build(), lengths, real);
            double sorted = ratio(BatchPlanner.builder().setBatchSize(32).optShuffle(false).build(), lengths, real);
            double fixed = (128.0 * lengths.length - real) / real;
            LOG.info("SNIPS train, batch 32, {} real tokens (mean {}): padding/real = bucketed {}, random {}, "
                    + "sorted (eval) {}, fixed 128 {}", real, String.format("%.1f", (double) real / lengths.length),
                    String.format("%.3f", bucketed), String.format("%.3f", random), String.format("%.3f", sorted),
                    String.format("%.2f", fixed));
            assertThat(bucketed).isLessThan(random / 4);

            Collator collator = new Collator(tasks);
            start = System.nanoTime();
            BatchPlan plan = BatchPlanner.builder().setBatchSize(32).build().plan(encoded, 0);
            long cells = 0;
            for (int b = 0; b < plan.size(); b++) {
                Batch batch = collator.collate(Arrays.stream(plan.batch(b)).mapToObj(encoded::get).toList());
                cells += (long) batch.size() * batch.length();
            }
            LOG.info("collated {} batches ({} token cells) in {} ms", plan.size(), cells,
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(cells - real).isEqualTo(plan.paddingTokens(lengths));
        }
    }

    private static double ratio(BatchPlanner planner, int[] lengths, long real) {
        return (double) planner.plan(lengths, 0).paddingTokens(lengths) / real;
    }
}
