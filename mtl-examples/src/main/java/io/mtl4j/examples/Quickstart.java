package io.mtl4j.examples;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.encode.BatchPlanner;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.EncodedBatches;
import io.mtl4j.data.encode.LabelVocabularies;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.data.read.JointBertReader;
import io.mtl4j.data.synthetic.ExampleDataGenerator;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelEvaluator;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.report.ModelCard;
import io.mtl4j.report.TrainingReport;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Trains a small multi-task model (sentiment + named entities) on example data that mtl4j generates,
 * evaluates it, saves it, reloads it and prints predictions.
 *
 * <pre>mvn -q -pl mtl-examples exec:java -Dexec.mainClass=io.mtl4j.examples.Quickstart [-Dexec.args="--epochs 2"]</pre>
 *
 * Options: {@code --output} (default {@code quickstart-output}), {@code --epochs} (2), {@code --train}
 * (3000 sentences), {@code --batch} (32), {@code --lr} (5e-5).
 */
public final class Quickstart {

    /** Sentences printed at the end. */
    static final List<String> EXAMPLES = List.of(
            "Christopher Nolan directed Inception in London",
            "The new film from Warner Bros was a dull and tedious mess",
            "Greta Gerwig delivered a warm, brilliant story set in Paris 😀",
            "");

    private Quickstart() {
    }

    /**
     * Entry point.
     *
     * @param args options, see the class comment
     * @throws IOException if the output folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        runExample(args);
    }

    /**
     * Runs the example.
     *
     * @param args options
     * @return the test-set evaluation
     * @throws IOException if the output folder cannot be written
     */
    public static EvaluationResult runExample(String... args) throws IOException {
        Args options = new Args(args, Set.of("output", "epochs", "train", "batch", "lr"));
        Path output = options.path("output", "quickstart-output");
        int trainSize = options.integer("train", 3000);

        System.out.println("1. Writing example data (sentiment + entities) to " + output.resolve("data"));
        ExampleDataGenerator.builder().optSizes(trainSize, 300, 300).build().writeJointBertLayout(output.resolve("data"));
        JointBertReader reader = JointBertReader.builder()
                .optSentenceTask(ExampleDataGenerator.SENTIMENT_TASK)
                .optTagTask(ExampleDataGenerator.NER_TASK)
                .build();
        List<LabeledExample> train = reader.read(output.resolve("data/train"));
        List<LabeledExample> dev = reader.read(output.resolve("data/dev"));
        List<LabeledExample> test = reader.read(output.resolve("data/test"));

        System.out.println("2. Loading all-MiniLM-L6-v2 and adding a sentiment head and an NER head");
        List<TaskSpec> tasks = LabelVocabularies.taskSpecs(train);
        BertEncoder encoder = BertEncoder.allMiniLmL6V2(Pooling.MEAN, 64);
        try (MultiTaskModel model = Pipeline.model(encoder, tasks, false)) {
            Collator collator = new Collator(tasks);
            Pipeline.EncodedSplits splits = Pipeline.encode(encoder.tokenizer(), tasks, train, dev, test);

            System.out.println("3. Training both heads and the shared encoder together");
            TrainingConfig config = TrainingConfig.builder()
                    .optEpochs(options.integer("epochs", 2))
                    .optLearningRate(options.number("lr", 5e-5))
                    .optHeadLearningRate(1e-3)
                    .optOutputDirectory(output.resolve("run"))
                    .optLogEverySteps(5)
                    .optEvaluateEverySteps(50)
                    .build();
            BatchPlanner planner = BatchPlanner.builder().setBatchSize(options.integer("batch", 32)).build();
            new MultiTaskTrainer(config).fit(model, new EncodedBatches(splits.train(), collator, planner),
                    Pipeline.evaluationBatches(splits.dev(), collator));

            EvaluationResult result = ModelEvaluator.evaluate(model, Pipeline.evaluationBatches(splits.test(), collator));
            System.out.println("4. Test set:");
            result.tasks().forEach((task, evaluation) -> System.out.println("   " + task + ": " + percent(evaluation.metrics())));
            System.out.printf(Locale.ROOT, "   sentence accuracy (every task right): %.1f%%%n", 100 * result.sentenceAccuracy());

            Path saved = output.resolve("model");
            model.save(saved, true);
            System.out.println("5. Saved to " + saved + "; reloading it to predict:");
            try (MultiTaskModel reloaded = MultiTaskModel.load(saved)) {
                for (TextPrediction p : reloaded.predict(EXAMPLES)) {
                    print(p);
                }
            }
            printReport(output.resolve("run"));
            return result;
        }
    }

    /** Prints where mtl-report (on the class path, so found by the trainer) put the run's plots and model card. */
    private static void printReport(Path run) throws IOException {
        Path plots = run.resolve(TrainingReport.PLOTS);
        Path card = run.resolve("model").resolve(ModelCard.FILE);
        System.out.println("6. Training report:");
        if (Files.isDirectory(plots)) {
            try (Stream<Path> files = Files.list(plots)) {
                files.sorted().forEach(f -> System.out.println("   plot " + f));
            }
        }
        System.out.println("   model card " + card + (Files.isRegularFile(card) ? "" : " (not written: see the log)"));
    }

    static void print(TextPrediction p) {
        System.out.println("   \"" + p.text() + "\"" + (p.truncated() ? " (truncated)" : "")
                + (p.windows() > 1 ? " (read in " + p.windows() + " windows)" : ""));
        if (p.tasks().isEmpty()) {
            System.out.println("      (empty text: nothing to predict)");
        }
        for (TaskPrediction t : p.tasks().values()) {
            if (t instanceof TaskPrediction.Classification c) {
                System.out.printf(Locale.ROOT, "      %s: %s (%.3f)%n", c.task(), c.label(), c.probability());
            } else if (t instanceof TaskPrediction.Tagging tagging) {
                StringBuilder sb = new StringBuilder();
                for (Entity e : tagging.entities()) {
                    sb.append(String.format(Locale.ROOT, " [%s %s %d-%d %.2f]", e.text(), e.label(), e.start(), e.end(),
                            e.score()));
                }
                System.out.println("      " + tagging.task() + ":" + (sb.length() == 0 ? " (no entities)" : sb));
            }
        }
    }

    private static String percent(java.util.Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.1f%%  ", k, 100 * v)));
        return sb.toString().trim();
    }
}
