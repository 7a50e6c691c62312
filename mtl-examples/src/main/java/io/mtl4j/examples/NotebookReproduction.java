package io.mtl4j.examples;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.encode.BatchPlanner;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.EncodedBatches;
import io.mtl4j.data.encode.LabelVocabularies;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.data.read.AclImdbReader;
import io.mtl4j.data.synthetic.SyntheticNerLabeller;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelEvaluator;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Reproduces the original notebook's training run: IMDB reviews for sentiment (Task A) and
 * <em>synthetic</em> NER labels (random {@code O/PER/LOC/ORG} per word, seeded — Task B) in one
 * all-MiniLM-L6-v2 model; every sequence padded to 128 tokens, batch 16, AdamW with learning rate
 * 2e-5, equal loss weights; then the notebook's {@code predict} example.
 *
 * <p>The NER labels are random, so the NER head cannot learn anything real: this run shows the
 * mechanics, not entity quality. For real entities see {@code Quickstart} and the CoNLL readers.
 *
 * <pre>mvn -q -pl mtl-examples exec:java -Dexec.mainClass=io.mtl4j.examples.NotebookReproduction</pre>
 *
 * Options: {@code --data} ({@code ../shared/data/imdb/aclImdb}), {@code --per-class} (reviews per
 * class read from train and from test, default 1000; 12500 reads everything), {@code --epochs} (1),
 * {@code --seed} (42).
 */
public final class NotebookReproduction {

    /** The notebook's example text. */
    static final String EXAMPLE = "Christopher Nolan directed Inception in London, and the film was brilliant.";

    private NotebookReproduction() {
    }

    /**
     * Entry point.
     *
     * @param args options, see the class comment
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        runExample(args);
    }

    /**
     * Runs the reproduction.
     *
     * @param args options
     * @return the test evaluation
     * @throws IOException if the data cannot be read
     */
    public static EvaluationResult runExample(String... args) throws IOException {
        Args options = new Args(args, Set.of("data", "per-class", "epochs", "seed"));
        Path data = options.path("data", "../shared/data/imdb/aclImdb");
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("aclImdb not found at " + data.toAbsolutePath()
                    + "; pass --data <folder holding train/ and test/>");
        }
        long seed = options.integer("seed", 42);
        AclImdbReader reader = AclImdbReader.builder().optLimitPerClass(options.integer("per-class", 1000)).build();
        SyntheticNerLabeller labeller = new SyntheticNerLabeller(seed);
        List<LabeledExample> all = new ArrayList<>(labeller.label(reader.read(data, AclImdbReader.Split.TRAIN)));
        Collections.shuffle(all, new Random(seed));
        // aclImdb has no dev split: carve 10% of train.
        int devSize = Math.max(1, all.size() / 10);
        List<LabeledExample> dev = all.subList(0, devSize);
        List<LabeledExample> train = all.subList(devSize, all.size());
        List<LabeledExample> test = labeller.label(reader.read(data, AclImdbReader.Split.TEST));

        List<TaskSpec> tasks = LabelVocabularies.taskSpecs(train);
        BertEncoder encoder = BertEncoder.allMiniLmL6V2(Pooling.MEAN, 128);
        try (MultiTaskModel model = Pipeline.model(encoder, tasks, false)) {
            Collator collator = new Collator(tasks).fixedLength(128);
            Pipeline.EncodedSplits splits = Pipeline.encode(encoder.tokenizer(), tasks, train, dev, test);

            TrainingConfig config = TrainingConfig.builder()
                    .optEpochs(options.integer("epochs", 1))
                    .optLearningRate(2e-5)
                    .optWarmupRatio(0)
                    .optSeed(seed)
                    .optSelectionMetric("sentiment.accuracy")
                    .build();
            BatchPlanner planner = BatchPlanner.builder().setBatchSize(16).optSeed(seed).optBucketByLength(false).build();
            new MultiTaskTrainer(config).fit(model, new EncodedBatches(splits.train(), collator, planner),
                    Pipeline.evaluationBatches(splits.dev(), collator));

            EvaluationResult result = ModelEvaluator.evaluate(model, Pipeline.evaluationBatches(splits.test(), collator));
            System.out.printf(Locale.ROOT, "IMDB test sentiment accuracy: %.2f%% on %d reviews%n",
                    100 * result.metric("sentiment.accuracy"), test.size());
            System.out.printf(Locale.ROOT, "Synthetic NER entity F1 (random labels, expected near chance): %.2f%%%n",
                    100 * result.metric("ner.f1"));
            TextPrediction p = model.predict(List.of(EXAMPLE)).get(0);
            Quickstart.print(p);
            return result;
        }
    }
}
