package io.mtl4j.spark.example;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.read.AclImdbReader;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.model.ModelFormat;
import io.mtl4j.spark.MultiTaskSparkPredictor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a saved mtl4j model over the IMDB test reviews on Spark and prints what it predicts: the count of
 * each predicted label, the accuracy of a sentiment task (one whose labels include {@code positive} and
 * {@code negative}), how many reviews were read in sliding windows, a few reviews with their entities, and throughput.
 * Writes nothing.
 *
 * <pre>
 * mvn -B -ntp -q install -DskipTests &amp;&amp; mvn -B -ntp -q -pl mtl-examples exec:java   # the Quickstart model
 * mvn -B -ntp -q -pl mtl-spark exec:exec -Dexample.args="--limit 2000"
 * </pre>
 *
 * Options: {@code --model} (default {@code quickstart-output/model}, which the Quickstart writes), {@code --data}
 * (the {@code aclImdb} folder, default {@code ../shared/data/imdb/aclImdb}), {@code --limit} (reviews, half
 * positive and half negative; default 2000), {@code --batch} (texts per predict call, default 32) and
 * {@code --master} (default {@code local[2]}). Relative paths are resolved against the working directory.
 */
public final class ImdbSparkExample {

    /** The model folder read by default: where the Quickstart (the README's first command) saves its model. */
    public static final String DEFAULT_MODEL = "quickstart-output/model";
    /** The IMDB folder read by default. */
    public static final String DEFAULT_DATA = "../shared/data/imdb/aclImdb";
    /** How many reviews are predicted by default. */
    public static final int DEFAULT_LIMIT = 2000;

    private static final Set<String> OPTIONS = Set.of("model", "data", "limit", "batch", "master");
    private static final String LOG_CONFIGURATION = "log4j2.configurationFile";

    /**
     * What a run found.
     *
     * @param reviews how many reviews were predicted
     * @param labelCounts for each sentence task, how often each label was predicted
     * @param sentimentTask the task scored against IMDB's labels, or null if the model has none
     * @param accuracy that task's accuracy, or null
     * @param windowed how many reviews were longer than the encoder's maximum length (read in sliding windows)
     * @param seconds the time to predict them all, once the model was loaded
     */
    public record Summary(long reviews, Map<String, Map<String, Long>> labelCounts, String sentimentTask,
            Double accuracy, long windowed, double seconds) {

        /** @return reviews per second */
        public double textsPerSecond() {
            return reviews / seconds;
        }
    }

    private ImdbSparkExample() {
    }

    /**
     * Entry point: starts a Spark session, runs the example, stops the session.
     *
     * @param args options, see the class comment
     */
    public static void main(String[] args) {
        if (System.getProperty(LOG_CONFIGURATION) == null) {
            System.setProperty(LOG_CONFIGURATION, "io/mtl4j/spark/example/log4j2-example.properties");
        }
        Map<String, String> options;
        try {
            options = parse(args);
            check(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("mtl4j IMDB")
                .master(options.getOrDefault("master", "local[2]"))
                .config("spark.ui.enabled", false)
                .getOrCreate();
        try {
            run(spark, System.out, args);
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs the example in an existing session ({@code --master} is then ignored).
     *
     * @param spark the session
     * @param out where to print
     * @param args options, see the class comment
     * @return what it found
     * @throws IllegalArgumentException if an option is unknown or malformed, or the model or data is missing,
     *     saying what to do
     */
    public static Summary run(SparkSession spark, PrintStream out, String... args) {
        Map<String, String> options = parse(args);
        check(options);
        Path model = Path.of(options.getOrDefault("model", DEFAULT_MODEL)).toAbsolutePath().normalize();
        Path data = Path.of(options.getOrDefault("data", DEFAULT_DATA));
        int limit = integer(options, "limit", DEFAULT_LIMIT);
        int batch = integer(options, "batch", MultiTaskSparkPredictor.DEFAULT_BATCH_SIZE);

        List<LabeledExample> examples = AclImdbReader.builder().optLimitPerClass(limit / 2).build()
                .read(data, AclImdbReader.Split.TEST);
        Dataset<Row> reviews = reviews(spark, examples);
        MultiTaskSparkPredictor predictor = MultiTaskSparkPredictor.builder()
                .setModelPath(model.toString())
                .optTextColumn("text")
                .optBatchSize(batch)
                .optWindowsColumn("windows")
                .build();
        Map<String, List<String>> labels = sentenceTaskLabels(model);
        out.printf(Locale.ROOT, "Predicting %d IMDB test reviews in %d partitions with %s (tasks %s)%n",
                examples.size(), reviews.rdd().getNumPartitions(), model, predictor.tasks());

        // One review first, so that the model is loaded (once per executor JVM) before the clock starts.
        long start = System.nanoTime();
        predictor.transform(reviews.limit(1)).count();
        out.printf(Locale.ROOT, "model loaded and one review predicted in %.1f s%n", (System.nanoTime() - start) / 1e9);
        Dataset<Row> predicted = predictor.transform(reviews).cache();
        start = System.nanoTime();
        long count = predicted.count();
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Map<String, Long>> labelCounts = new LinkedHashMap<>();
        for (String task : predictor.tasks()) {
            if (labels.containsKey(task)) {
                labelCounts.put(task, labelCounts(predicted, task));
                out.printf(Locale.ROOT, "%s: predicted labels %s%n", task, labelCounts.get(task));
            }
        }
        String sentiment = sentimentTask(labels);
        Double accuracy = null;
        if (sentiment != null && predictor.tasks().contains(sentiment)) {
            accuracy = accuracy(predicted, sentiment, labels.get(sentiment));
            out.printf(Locale.ROOT, "%s accuracy against IMDB's labels: %.2f%% (%d reviews)%n", sentiment,
                    100 * accuracy, count);
        } else {
            out.println("no task with labels positive and negative: accuracy not computed");
        }
        long windowed = predicted.filter(col("windows").gt(1)).count();
        out.printf(Locale.ROOT, "%d of %d reviews were longer than the encoder's maximum length and were read in "
                + "sliding windows%n", windowed, count);
        for (String task : predictor.tasks()) {
            if (!labels.containsKey(task)) {
                printEntities(out, predicted, task);
            }
        }
        out.printf(Locale.ROOT, "%d reviews predicted in %.1f s: %.1f reviews/s%n", count, seconds, count / seconds);
        predicted.unpersist();
        return new Summary(count, labelCounts, sentiment, accuracy, windowed, seconds);
    }

    private static Dataset<Row> reviews(SparkSession spark, List<LabeledExample> examples) {
        StructType schema = new StructType()
                .add("review", DataTypes.StringType, false)
                .add("gold", DataTypes.StringType, false)
                .add("text", DataTypes.StringType, false);
        List<Row> rows = new ArrayList<>(examples.size());
        for (LabeledExample e : examples) {
            String file = Path.of(e.origin().substring(0, e.origin().lastIndexOf(':'))).getFileName().toString();
            rows.add(RowFactory.create(file, e.sentenceLabels().get(AclImdbReader.DEFAULT_TASK), e.text()));
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(context.parallelize(rows, 2 * context.defaultParallelism()), schema);
    }

    private static Map<String, Long> labelCounts(Dataset<Row> predicted, String task) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : predicted.groupBy(task + "_label").count().collectAsList()) {
            counts.put(r.isNullAt(0) ? "(none)" : r.getString(0), r.getLong(1));
        }
        return counts;
    }

    /** IMDB's {@code pos}/{@code neg} against the task's labels {@code positive}/{@code negative}. */
    private static double accuracy(Dataset<Row> predicted, String task, List<String> labels) {
        String positive = find(labels, "positive");
        String negative = find(labels, "negative");
        Column label = col(task + "_label");
        Column right = col("gold").equalTo(AclImdbReader.POSITIVE).and(label.equalTo(positive))
                .or(col("gold").equalTo(AclImdbReader.NEGATIVE).and(label.equalTo(negative)));
        return (double) predicted.filter(right).count() / predicted.count();
    }

    private static void printEntities(PrintStream out, Dataset<Row> predicted, String task) {
        String column = task + "_entities";
        List<Row> rows = predicted.filter(size(col(column)).gt(0)).select("review", "text", column).limit(3)
                .collectAsList();
        out.printf(Locale.ROOT, "%s: %d reviews with entities; the first %d:%n", task,
                predicted.filter(size(col(column)).gt(0)).count(), rows.size());
        for (Row r : rows) {
            String text = r.getString(1);
            out.printf(Locale.ROOT, "  %s \"%s\"%n", r.getString(0),
                    text.length() > 100 ? text.substring(0, 100) + "…" : text);
            StringBuilder line = new StringBuilder("     ");
            for (Row e : r.<Row>getList(2)) {
                line.append(String.format(Locale.ROOT, " [%s %s %d-%d %.2f]", e.getString(0), e.getString(1),
                        e.getInt(2), e.getInt(3), e.getDouble(4)));
            }
            out.println(line);
        }
    }

    /** @return each sentence task's labels, from the model's manifest */
    private static Map<String, List<String>> sentenceTaskLabels(Path model) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        try {
            JsonNode manifest = new ObjectMapper().readTree(model.resolve(ModelFormat.MANIFEST).toFile());
            for (JsonNode head : manifest.path("heads")) {
                if (SequenceClassificationHead.TYPE.equals(head.path("config").path("type").asText())) {
                    List<String> names = new ArrayList<>();
                    head.path("config").path("labels").forEach(l -> names.add(l.asText()));
                    labels.put(head.path("name").asText(), names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return labels;
    }

    private static String sentimentTask(Map<String, List<String>> labels) {
        for (Map.Entry<String, List<String>> e : labels.entrySet()) {
            if (find(e.getValue(), "positive") != null && find(e.getValue(), "negative") != null) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String find(List<String> labels, String wanted) {
        return labels.stream().filter(l -> l.equalsIgnoreCase(wanted)).findFirst().orElse(null);
    }

    private static void check(Map<String, String> options) {
        Path model = Path.of(options.getOrDefault("model", DEFAULT_MODEL));
        if (!Files.isRegularFile(model.resolve(ModelFormat.MANIFEST))) {
            throw new IllegalArgumentException("No mtl4j model at " + model.toAbsolutePath().normalize() + " ("
                    + ModelFormat.MANIFEST + " is missing). Run the README's first command first, from the"
                    + " repository root; it trains the Quickstart model and saves it there:\n"
                    + "  mvn -B -ntp -q install -DskipTests && mvn -B -ntp -q -pl mtl-examples exec:java\n"
                    + "or name a saved model with --model <folder>.");
        }
        Path data = Path.of(options.getOrDefault("data", DEFAULT_DATA));
        if (!Files.isDirectory(data.resolve("test/pos")) || !Files.isDirectory(data.resolve("test/neg"))) {
            throw new IllegalArgumentException("No IMDB test set at " + data.toAbsolutePath().normalize()
                    + ": expected test/pos and test/neg in it (the aclImdb layout); name it with --data <folder>.");
        }
        if (integer(options, "limit", DEFAULT_LIMIT) < 2) {
            throw new IllegalArgumentException("--limit must be at least 2, but is: " + options.get("limit"));
        }
        if (integer(options, "batch", 1) < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, but is: " + options.get("batch"));
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected '--option value', got '" + a + "'; options: "
                        + OPTIONS.stream().sorted().toList());
            }
            String name = a.substring(2);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; options: "
                        + OPTIONS.stream().sorted().toList());
            }
            values.put(name, args[++i]);
        }
        return values;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        String v = options.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, but is: " + v, e);
        }
    }
}
