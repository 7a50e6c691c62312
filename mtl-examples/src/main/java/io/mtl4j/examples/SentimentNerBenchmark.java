package io.mtl4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.data.task.TaskDataSets;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.sampling.TaskSampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sentiment (SST-2, or IMDB) and NER (CoNLL-2003) in one all-MiniLM-L6-v2: the multi-task model
 * against one single-task model per data set at an equal budget, then a table of multi-task settings
 * (sampling + loss weighting) at a smaller equal budget, then the demo prediction
 * "Christopher Nolan directed Inception in London". Writes {@code benchmarks/results/sentiment_ner.json}
 * (and {@code .md}).
 *
 * <pre>mvn -q -pl mtl-examples exec:java -Dexec.mainClass=io.mtl4j.examples.SentimentNerBenchmark</pre>
 *
 * <p>Every run (single-ner, single-sentiment, multi, each setting) saves its result to its own part
 * file under {@code --parts-dir}, so runs can go to parallel JVMs ({@code --runs single}, {@code --runs
 * multi}, …); each invocation then rebuilds the final JSON from all parts whose recorded settings match
 * its own, and names the runs still missing. {@code --runs none} only rebuilds.
 *
 * <p>Options: {@code --sentiment} ({@code sst2}|{@code imdb}), {@code --data-dir} ({@code ../shared/data}),
 * {@code --minutes} (budget per model, 30), {@code --steps} (training-batch cap; by default derived from the
 * minutes), {@code --settings-minutes} (6), {@code --settings-steps}, {@code --settings-list}
 * (comma list of {@code sampling+loss}), {@code --runs} ({@code single,multi,settings}),
 * {@code --sampling} ({@code temperature:2}), {@code --loss} ({@code equal}|{@code uncertainty}|{@code
 * pcgrad}), {@code --batch} (32), {@code --lr} (1e-4), {@code --head-lr} (1e-3), {@code --max-length}
 * (128; imdb 256), {@code --train-limit}, {@code --dev-limit} (2000), {@code --test-limit} (all),
 * {@code --eval-every} (300), {@code --cosine-every} (50), {@code --seed} (42), {@code --parts-dir}
 * ({@code benchmarks/results/sentiment_ner-parts}), {@code --output}
 * ({@code benchmarks/results/sentiment_ner.json}).
 */
public final class SentimentNerBenchmark {

    /** The demo sentence. */
    static final String DEMO = "Christopher Nolan directed Inception in London";
    /** The settings compared by default. */
    static final String DEFAULT_SETTINGS = "proportional+equal,temperature:2+equal,proportional+uncertainty,"
            + "every-task+pcgrad";
    /** The accepted {@code --runs} values. */
    static final List<String> RUNS = List.of("single", "multi", "settings", "none");

    private SentimentNerBenchmark() {
    }

    /**
     * Everything an invocation does, validated before any data is read.
     *
     * @param sentiment {@code sst2} or {@code imdb}
     * @param dataDir the data folder
     * @param runs which runs to train
     * @param budget the budget of the single and multi models
     * @param settingsBudget the budget of each settings row
     * @param sampling the multi model's sampling
     * @param lossName the multi model's loss option
     * @param loss the multi model's loss
     * @param settings the rows of the settings table
     * @param batch batch size
     * @param lr encoder learning rate
     * @param headLr head learning rate
     * @param maxLength the encoder's maximum tokens
     * @param limits train/dev/test limits and seed
     * @param evaluateEvery dev evaluation interval
     * @param cosineEvery gradient cosine interval
     * @param parts the part files
     * @param output the final JSON
     */
    record Plan(String sentiment, Path dataDir, Set<String> runs, TransferStudy.Budget budget,
            TransferStudy.Budget settingsBudget, TaskSampling sampling, String lossName, MultiTaskLoss loss,
            List<StudyOptions.Setting> settings, int batch, double lr, double headLr, int maxLength,
            StudyData.Limits limits, int evaluateEvery, int cosineEvery, BenchmarkParts parts, Path output) {

        /**
         * Parses and validates the options.
         *
         * @param args the options
         * @return the plan
         * @throws IllegalArgumentException naming the bad option and value
         */
        static Plan parse(String... args) {
            Args options = new Args(args, Set.of("sentiment", "data-dir", "minutes", "steps", "settings-minutes",
                    "settings-steps", "settings-list", "runs", "sampling", "loss", "batch", "lr", "head-lr",
                    "max-length", "train-limit", "dev-limit", "test-limit", "eval-every", "cosine-every", "seed",
                    "parts-dir", "output"));
            String sentiment = options.string("sentiment", "sst2");
            if (!StudyData.SENTIMENT_DATA.contains(sentiment)) {
                throw new IllegalArgumentException("--sentiment must be one of " + StudyData.SENTIMENT_DATA
                        + ", but is: " + sentiment);
            }
            Set<String> runs = new LinkedHashSet<>();
            for (String run : options.string("runs", "single,multi,settings").split(",")) {
                if (!RUNS.contains(run.trim())) {
                    throw new IllegalArgumentException("--runs takes a comma list of " + RUNS + ", but has: '" + run + "'");
                }
                runs.add(run.trim());
            }
            runs.remove("none");
            TaskSampling sampling = StudyOptions.sampling(options.string("sampling", "temperature:2"));
            String lossName = options.string("loss", "equal");
            MultiTaskLoss loss = StudyOptions.loss(lossName, sampling);
            List<StudyOptions.Setting> settings = new ArrayList<>();
            for (String setting : options.string("settings-list", DEFAULT_SETTINGS).split(",")) {
                settings.add(StudyOptions.Setting.parse(setting.trim()));
            }
            return new Plan(sentiment, options.path("data-dir", "../shared/data"), runs,
                    budget(options, "minutes", 30, "steps"), budget(options, "settings-minutes", 6, "settings-steps"),
                    sampling, lossName, loss, settings, positive(options, "batch", 32), options.number("lr", 1e-4),
                    options.number("head-lr", 1e-3),
                    positive(options, "max-length", sentiment.equals("imdb") ? 256 : 128),
                    new StudyData.Limits(options.integer("train-limit", 0), options.integer("dev-limit", 2000),
                            options.integer("test-limit", 0), options.integer("seed", 42)),
                    positive(options, "eval-every", 300), options.integer("cosine-every", 50),
                    new BenchmarkParts(options.path("parts-dir", "benchmarks/results/sentiment_ner-parts")),
                    options.path("output", "benchmarks/results/sentiment_ner.json"));
        }

        private static TransferStudy.Budget budget(Args options, String minutes, double fallback, String steps) {
            double m = options.number(minutes, fallback);
            if (!(m > 0)) {
                throw new IllegalArgumentException("--" + minutes + " must be positive, but is: " + m);
            }
            int s = options.integer(steps, 0);
            if (s < 0) {
                throw new IllegalArgumentException("--" + steps + " must be >= 0, but is: " + s);
            }
            return new TransferStudy.Budget(s, Duration.ofMillis((long) (m * 60_000)));
        }

        private static int positive(Args options, String name, int fallback) {
            int v = options.integer(name, fallback);
            if (v < 1) {
                throw new IllegalArgumentException("--" + name + " must be at least 1, but is: " + v);
            }
            return v;
        }

        /** @return the settings of each run of the final report, in report order */
        Map<String, ObjectNode> expectedParts() {
            Map<String, ObjectNode> expected = new LinkedHashMap<>();
            expected.put("single-" + StudyData.NER, signature(budget, null, null));
            expected.put("single-" + StudyData.SENTIMENT, signature(budget, null, null));
            expected.put("multi", signature(budget, sampling, loss));
            for (StudyOptions.Setting s : settings) {
                expected.put("settings-" + s.name(), signature(settingsBudget, s.sampling(), s.loss()));
            }
            return expected;
        }

        /** What a run's result depends on; parts recorded with other values are not merged. */
        ObjectNode signature(TransferStudy.Budget runBudget, TaskSampling runSampling, MultiTaskLoss runLoss) {
            ObjectNode node = BenchmarkReport.JSON.createObjectNode();
            ObjectNode data = node.putObject("data");
            data.put("sentiment", sentiment);
            data.put("data_dir", dataDir.toAbsolutePath().normalize().toString());
            data.put("train_limit", limits.train());
            data.put("dev_limit", limits.dev());
            data.put("test_limit", limits.test());
            data.put("max_length", maxLength);
            node.set("budget", runBudget.toJson());
            ObjectNode trainer = node.putObject("trainer");
            trainer.put("batch_size", batch);
            trainer.put("learning_rate", lr);
            trainer.put("head_learning_rate", headLr);
            trainer.put("evaluate_every_steps", evaluateEvery);
            trainer.put("seed", limits.seed());
            if (runSampling != null) {
                trainer.put("sampling", runSampling.toString());
                trainer.put("loss", runLoss.toString());
                trainer.put("gradient_cosine_every_steps", cosineEvery);
            }
            return node;
        }
    }

    /**
     * Entry point.
     *
     * @param args options, see the class comment
     * @throws IOException if the result cannot be written
     */
    public static void main(String[] args) throws IOException {
        runExample(args);
    }

    /**
     * Runs the requested runs, then rebuilds the final report from the parts.
     *
     * @param args options
     * @return the final JSON
     * @throws IOException if the result cannot be written
     */
    public static ObjectNode runExample(String... args) throws IOException {
        Plan plan = Plan.parse(args);
        if (!plan.runs().isEmpty()) {
            train(plan);
        }
        return report(plan, args);
    }

    private static void train(Plan plan) {
        System.out.println("Reading " + plan.sentiment() + " and conll2003 from " + plan.dataDir());
        TaskDataSets data = StudyData.real(plan.dataDir(), plan.sentiment(), plan.limits());
        data.conversions().forEach(c -> System.out.println(" " + c.describe()));
        List<TransferStudy.DataSetInput> inputs;
        try (BertEncoder tokenizing = BertEncoder.allMiniLmL6V2(Pooling.MEAN, plan.maxLength())) {
            inputs = StudyData.encode(data, tokenizing.tokenizer());
        }
        Map<String, ObjectNode> expected = plan.expectedParts();
        TransferStudy.Settings settings = new TransferStudy.Settings(plan.sampling(), plan.loss(), plan.batch(),
                plan.lr(), plan.headLr(), plan.evaluateEvery(), plan.cosineEvery(), 300, plan.limits().seed(), true, DEMO);
        if (plan.runs().contains("single") || plan.runs().contains("multi")) {
            TransferStudy study = new TransferStudy(inputs,
                    () -> BertEncoder.allMiniLmL6V2(Pooling.MEAN, plan.maxLength()), plan.budget(), settings);
            if (plan.runs().contains("single")) {
                for (TransferStudy.DataSetInput d : inputs) {
                    RunResult single = study.single(d.name());
                    System.out.println("   part: " + plan.parts().write(single.run(), expected.get(single.run()),
                            single.toJson()));
                }
            }
            if (plan.runs().contains("multi")) {
                RunResult multi = study.multi();
                System.out.println("   part: " + plan.parts().write("multi", expected.get("multi"), multi.toJson()));
            }
        }
        if (plan.runs().contains("settings")) {
            TransferStudy study = new TransferStudy(inputs,
                    () -> BertEncoder.allMiniLmL6V2(Pooling.MEAN, plan.maxLength()), plan.settingsBudget(),
                    settings);
            for (StudyOptions.Setting s : plan.settings()) {
                String run = "settings-" + s.name();
                RunResult row = study.multi(run, s.sampling(), s.loss());
                System.out.println("   part: " + plan.parts().write(run, expected.get(run), row.toJson()));
            }
        }
    }

    /** Rebuilds the final JSON and markdown from the parts that match this invocation. */
    static ObjectNode report(Plan plan, String[] args) throws IOException {
        BenchmarkParts.Collected parts = plan.parts().collect(plan.expectedParts());
        Map<String, RunResult> singles = new LinkedHashMap<>();
        for (String task : List.of(StudyData.NER, StudyData.SENTIMENT)) {
            singles.put("single-" + task, result(parts, "single-" + task));
        }
        RunResult multi = result(parts, "multi");
        Map<String, RunResult> rows = new LinkedHashMap<>();
        plan.settings().forEach(s -> rows.put(s.name(), result(parts, "settings-" + s.name())));

        String ner = StudyData.NER + ".f1";
        String sentiment = StudyData.SENTIMENT + ".accuracy";
        List<String> metrics = List.of(ner, sentiment);
        BenchmarkReport report = new BenchmarkReport("sentiment_ner", SentimentNerBenchmark.class.getName(), args);
        ObjectNode root = report.root();
        root.put("encoder", "all-MiniLM-L6-v2");
        String acc = plan.sentiment() + "_test_acc";
        percent(root, "conll_test_f1", multi, ner);
        percent(root, acc, multi, sentiment);
        percent(root, "conll_test_f1_single", singles.get("single-" + StudyData.NER), ner);
        percent(root, acc + "_single", singles.get("single-" + StudyData.SENTIMENT), sentiment);
        RunResult.number(root, "train_seconds", multi == null ? Double.NaN : multi.trainSeconds());
        root.put("sampling", plan.sampling().toString());
        root.put("loss", plan.loss().toString());
        ArrayNode settingsRows = root.putArray("settings");
        rows.forEach((name, run) -> {
            if (run != null) {
                ObjectNode row = settingsRows.addObject();
                row.put("setting", name);
                percent(row, "conll_test_f1", run, ner);
                percent(row, acc, run, sentiment);
                row.setAll(run.toJson());
            }
        });
        if (multi == null || multi.demo() == null) {
            root.putNull("demo");
        } else {
            root.set("demo", multi.demo());
        }
        root.set("study", TransferTables.studyJson(singles, multi));
        ObjectNode budgets = root.putObject("budget");
        budgets.set("main", plan.budget().toJson());
        budgets.set("settings", plan.settingsBudget().toJson());
        root.set("config", plan.signature(plan.budget(), plan.sampling(), plan.loss()));
        ObjectNode partsNode = root.putObject("parts");
        partsNode.put("dir", plan.parts().dir().toString());
        parts.results().keySet().forEach(partsNode.putArray("present")::add);
        parts.missing().forEach(partsNode.putArray("missing")::add);
        parts.ignored().forEach(partsNode.putArray("ignored")::add);

        String md = "## Sentiment (" + plan.sentiment() + ") + NER (CoNLL-2003), all-MiniLM-L6-v2\n\n"
                + TransferTables.study(metrics, singles, multi) + "\n### Settings at an equal budget\n\n"
                + TransferTables.settings(metrics, rows)
                + (parts.missing().isEmpty() ? "" : "\nMissing runs: " + String.join(", ", parts.missing()) + "\n");
        System.out.println();
        System.out.print(md);
        parts.ignored().forEach(line -> System.out.println("ignored part " + line));
        Path out = report.write(plan.output());
        String name = out.getFileName().toString();
        Path markdown = out.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".md");
        Files.writeString(markdown, md);
        System.out.println("wrote " + out + " and " + markdown);
        return root;
    }

    private static RunResult result(BenchmarkParts.Collected parts, String run) {
        JsonNode node = parts.results().get(run);
        return node == null ? null : RunResult.fromJson(node);
    }

    private static void percent(ObjectNode node, String key, RunResult run, String metric) {
        double value = run == null ? Double.NaN : run.metric(metric);
        RunResult.number(node, key, Double.isNaN(value) ? Double.NaN
                : Math.round(value * 10_000) / 100.0);
    }
}
