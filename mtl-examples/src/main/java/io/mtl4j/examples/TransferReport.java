package io.mtl4j.examples;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Does training one model on two data sets help or hurt? Trains one single-task model per data set
 * and one multi-task model on all of them at the same budget, and writes {@code <output>.md} (the
 * table) and {@code <output>.json}: each task's test metric, parameters, inference cost for all tasks,
 * training time and steps, gradient cosines between the tasks and the mix drawn.
 *
 * <p>By default it runs on sentences mtl4j generates, split into two data sets (one labelled only for
 * sentiment, one only for entities), in a few minutes; {@code --sentiment sst2|imdb} runs on SST-2 or
 * IMDB with CoNLL-2003 from {@code --data-dir}.
 *
 * <pre>mvn -q -pl mtl-examples exec:java -Dexec.mainClass=io.mtl4j.examples.TransferReport</pre>
 *
 * Options: {@code --output} ({@code transfer-report/report}, giving {@code .md} and {@code .json}), {@code --sentiment} ({@code generated}|{@code
 * sst2}|{@code imdb}), {@code --data-dir} ({@code ../shared/data}), {@code --steps} (generated 150;
 * real data: derived from the minutes), {@code --minutes} (generated 2; real 30), {@code --train}
 * (generated sentences per data set, 600), {@code --train-limit}, {@code --dev-limit} (2000),
 * {@code --test-limit}, {@code --batch} (16; real 32), {@code --lr} (1e-4), {@code --head-lr} (1e-3),
 * {@code --sampling} ({@code temperature:2}), {@code --loss} ({@code equal}|{@code uncertainty}|{@code
 * pcgrad}), {@code --max-length} (generated 64; sst2 128; imdb 256), {@code --eval-every} (generated 50;
 * real 300), {@code --cosine-every} (generated 10; real 50), {@code --seed} (42).
 */
public final class TransferReport {

    private TransferReport() {
    }

    /**
     * Entry point.
     *
     * @param args options, see the class comment
     * @throws IOException if the report cannot be written
     */
    public static void main(String[] args) throws IOException {
        runExample(args);
    }

    /**
     * Runs the study and writes the report.
     *
     * @param args options
     * @return the JSON written
     * @throws IOException if the report cannot be written
     */
    public static ObjectNode runExample(String... args) throws IOException {
        Args options = new Args(args, Set.of("output", "sentiment", "data-dir", "steps", "minutes", "train",
                "train-limit", "dev-limit", "test-limit", "batch", "lr", "head-lr", "sampling", "loss", "max-length",
                "eval-every", "cosine-every", "seed"));
        String sentiment = options.string("sentiment", "generated");
        boolean generated = sentiment.equals("generated");
        if (!generated && !StudyData.SENTIMENT_DATA.contains(sentiment)) {
            throw new IllegalArgumentException("--sentiment must be generated, sst2 or imdb, but is: " + sentiment);
        }
        TaskSampling sampling = StudyOptions.sampling(options.string("sampling", "temperature:2"));
        MultiTaskLoss loss = StudyOptions.loss(options.string("loss", "equal"), sampling);
        long seed = options.integer("seed", 42);
        int maxLength = options.integer("max-length", generated ? 64 : sentiment.equals("imdb") ? 256 : 128);
        TransferStudy.Budget budget = new TransferStudy.Budget(options.integer("steps", generated ? 150 : 0),
                Duration.ofMillis((long) (60_000 * options.number("minutes", generated ? 2 : 30))));
        Path output = options.path("output", "transfer-report/report");

        TaskDataSets data = generated
                ? StudyData.generated(options.integer("train", 600), seed)
                : StudyData.real(options.path("data-dir", "../shared/data"), sentiment, new StudyData.Limits(
                        options.integer("train-limit", 0), options.integer("dev-limit", 2000),
                        options.integer("test-limit", 0), seed));
        System.out.println("1. Data sets, each labelled for one task:");
        List<TransferStudy.DataSetInput> inputs;
        try (BertEncoder tokenizing = BertEncoder.allMiniLmL6V2(Pooling.MEAN, maxLength)) {
            inputs = StudyData.encode(data, tokenizing.tokenizer());
        }
        TransferStudy.Settings settings = new TransferStudy.Settings(sampling, loss,
                options.integer("batch", generated ? 16 : 32), options.number("lr", 1e-4), options.number("head-lr", 1e-3),
                options.integer("eval-every", generated ? 50 : 300), options.integer("cosine-every", generated ? 10 : 50),
                300, seed, true, SentimentNerBenchmark.DEMO);
        TransferStudy study = new TransferStudy(inputs, () -> BertEncoder.allMiniLmL6V2(Pooling.MEAN, maxLength),
                budget, settings);

        System.out.println("2. One single-task model per data set, then one multi-task model on all of them:");
        Map<String, RunResult> singles = new LinkedHashMap<>();
        for (TransferStudy.DataSetInput d : inputs) {
            RunResult single = study.single(d.name());
            singles.put(single.run() + " (" + d.name() + ")", single);
        }
        RunResult multi = study.multi();

        String table = TransferTables.study(study.metrics(), singles, multi);
        String md = "## Single-task vs multi-task (" + String.join(" + ", inputs.stream().map(TransferStudy.DataSetInput::name)
                .toList()) + ")\n\n" + table + "\nBudget per model: " + budget.toJson() + (Double.isNaN(study.secondsPerBatch())
                ? "" : String.format(java.util.Locale.ROOT, " (calibrated %.3f s per batch)", study.secondsPerBatch()))
                + "; inference timed on the same " + study.timedTexts().size() + " test texts for every model.\n";
        System.out.println();
        System.out.print(md);

        BenchmarkReport report = new BenchmarkReport("transfer_report", TransferReport.class.getName(), args);
        ObjectNode root = report.root();
        root.put("data", sentiment);
        data.summaries().forEach(root.putArray("data_sets")::add);
        root.set("budget", budget.toJson());
        root.put("sampling", sampling.toString());
        root.put("loss", loss.toString());
        root.put("batch_size", settings.batchSize());
        root.put("max_length", maxLength);
        root.put("timed_texts", study.timedTexts().size());
        root.setAll(TransferTables.studyJson(singles, multi));
        root.set("demo", multi.demo());
        Path json = report.write(Path.of(output + ".json"));
        Path markdown = Path.of(output + ".md");
        Files.writeString(markdown, md);
        System.out.println("wrote " + markdown + " and " + json);
        return root;
    }
}
