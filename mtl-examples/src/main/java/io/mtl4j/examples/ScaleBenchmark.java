package io.mtl4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.batch.Batch;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.cache.CachedBatches;
import io.mtl4j.data.cache.CachedExamples;
import io.mtl4j.data.cache.TokenCache;
import io.mtl4j.data.encode.BatchPlanner;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.ExampleEncoder;
import io.mtl4j.data.encode.LabelVocabularies;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.data.read.JsonlReader;
import io.mtl4j.data.read.JsonlWriter;
import io.mtl4j.data.synthetic.ExampleDataGenerator;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertConfig;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.train.BatchSource;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Training data larger than memory, end to end: for each size, writes a JSONL file of that many
 * generated sentences (a sentiment label and entity spans each), tokenizes it into a {@link TokenCache}
 * (in parallel, timed: {@code tokenize_per_second}), and trains a small random BERT (hidden 32, 2
 * layers, all-MiniLM-L6-v2's tokenizer) for a fixed number of steps on batches streamed from the
 * cache. Each size runs in its own child JVM (the same {@code java} and classpath, a fixed
 * {@code -Xmx}), which reports its peak resident set ({@code VmHWM}) at its end, so that the memory
 * of one size is not mixed with another's: bounded memory shows as a peak that does not grow with
 * the data. As the resident set also follows how far the collector grows the heap toward {@code -Xmx},
 * each child also reports the most heap in use right after a collection (the live data's upper bound).
 *
 * <pre>mvn -q -pl mtl-examples exec:java -Dexec.mainClass=io.mtl4j.examples.ScaleBenchmark [-Dexec.args="--sizes 2000,10000 --steps 20"]</pre>
 *
 * <p>Options: {@code --sizes} (sentences per run, {@code 100000,1000000}), {@code --steps} (300),
 * {@code --batch} (32), {@code --xmx} (the children's heap, {@code 1g}), {@code --threads} (tokenizer
 * threads, default: all cores), {@code --work} ({@code target/scale-benchmark}: the JSONL files and
 * caches), {@code --output} ({@code benchmarks/results/scale.json}).
 */
public final class ScaleBenchmark {

    /** The line prefix under which a child prints its result. */
    static final String RESULT_PREFIX = "SCALE_RESULT ";

    private static final int MAX_LENGTH = 64;
    private static final int GENERATOR_CHUNK = 2000;
    private static final double MB = 1024.0 * 1024.0;

    private ScaleBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws IOException if a file cannot be written or a child cannot be started
     * @throws InterruptedException if interrupted while waiting for a child
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Args options = new Args(args, Set.of("sizes", "steps", "batch", "xmx", "threads", "work", "output", "child",
                "data", "cache"));
        if (options.has("child")) {
            child(options);
            return;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String size : options.string("sizes", "100000,1000000").split(",")) {
            try {
                sizes.add(Integer.parseInt(size.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sizes must be comma-separated integers, but has: '" + size + "'", e);
            }
        }
        int steps = options.integer("steps", 300);
        int batch = options.integer("batch", 32);
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
        String xmx = options.string("xmx", "1g");
        Path work = options.path("work", "target/scale-benchmark");
        Files.createDirectories(work);

        BenchmarkReport report = new BenchmarkReport("scale", ScaleBenchmark.class.getName(), args);
        ObjectNode root = report.root();
        root.put("steps", steps);
        root.put("batch_size", batch);
        root.put("child_xmx", xmx);
        root.put("tokenizer_threads", threads);
        root.put("max_length", MAX_LENGTH);
        root.put("model", "random BERT, hidden 32, 2 layers, 2 heads, all-MiniLM-L6-v2 tokenizer; sentiment + ner heads");
        ArrayNode runs = root.putArray("runs");
        for (int size : sizes) {
            Path data = work.resolve("train-" + size + ".jsonl");
            System.out.printf(Locale.ROOT, "%,d sentences: writing %s%n", size, data);
            generate(data, size);
            Path cache = work.resolve("cache-" + size);
            deleteTree(cache); // a fresh cache, so the child measures tokenization
            JsonNode result = runChild(xmx, data, cache, steps, batch, threads);
            ObjectNode run = runs.addObject();
            run.put("sentences", size);
            run.put("jsonl_mb", Files.size(data) / MB);
            result.fields().forEachRemaining(e -> run.set(e.getKey(), e.getValue()));
        }
        root.put("notes", "Each size runs in its own JVM (-Xmx" + xmx + "); peak_rss_mb is that JVM's VmHWM at its end "
                + "(heap, native tokenizer and PyTorch memory together), which grows with how far the collector expands the "
                + "heap toward -Xmx; peak_heap_after_gc_mb is the most Java heap in use right after a collection (an "
                + "upper bound of the live data). tokenize_seconds is the wall time of building "
                + "the token cache from the JSONL file (read, tokenize in parallel, write); train_seconds covers "
                + steps + " steps of batch " + batch + " read from the cache. The JSONL generation is not timed.");
        print(runs);
        Path out = report.write(options.path("output", "benchmarks/results/scale.json"));
        System.out.println("wrote " + out);
    }

    /** Writes {@code size} generated sentences as JSONL, a chunk at a time (memory bounded by the chunk). */
    private static void generate(Path file, int size) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int from = 0, chunk = 0; from < size; from += GENERATOR_CHUNK, chunk++) {
                int n = Math.min(GENERATOR_CHUNK, size - from);
                List<LabeledExample> examples = ExampleDataGenerator.builder()
                        .optSeed(ExampleDataGenerator.DEFAULT_SEED + chunk).optSizes(n, 0, 0).build().generate().train();
                for (LabeledExample example : examples) {
                    out.write(JsonlWriter.toLine(example));
                    out.write('\n');
                }
            }
        }
    }

    private static JsonNode runChild(String xmx, Path data, Path cache, int steps, int batch, int threads)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + xmx, "-cp", classpath(), ScaleBenchmark.class.getName(),
                "--child", "true", "--data", data.toString(), "--cache", cache.toString(),
                "--steps", Integer.toString(steps), "--batch", Integer.toString(batch),
                "--threads", Integer.toString(threads));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode result = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(RESULT_PREFIX)) {
                    result = BenchmarkReport.JSON.readTree(line.substring(RESULT_PREFIX.length()));
                } else {
                    System.out.println("   " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("the child JVM for " + data + " failed with exit code " + exit
                    + (result == null ? " and printed no result" : ""));
        }
        return result;
    }

    /**
     * The classpath of this class: the URLs of the nearest URL class loader (under {@code exec:java}, the
     * project's classpath; Maven's own loaders further up are left out), else {@code java.class.path}.
     */
    private static String classpath() {
        for (ClassLoader loader = ScaleBenchmark.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
                List<String> entries = new ArrayList<>();
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        entries.add(url.getPath());
                    }
                }
                return String.join(File.pathSeparator, entries);
            }
        }
        return System.getProperty("java.class.path");
    }

    /** One size, in the child JVM: vocabularies, token cache, training; prints the result as one JSON line. */
    private static void child(Args options) throws IOException {
        Path data = options.path("data", "");
        Path cacheDir = options.path("cache", "");
        int steps = options.integer("steps", 300);
        int batch = options.integer("batch", 32);
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
        HeapAfterGc heap = HeapAfterGc.start();
        JsonlReader reader = new JsonlReader();
        ObjectNode result = BenchmarkReport.JSON.createObjectNode();

        long start = System.nanoTime();
        List<TaskSpec> tasks;
        try (Stream<LabeledExample> examples = reader.stream(data)) {
            tasks = LabelVocabularies.taskSpecs(examples);
        }
        result.put("vocabulary_seconds", seconds(start));

        try (TextTokenizer tokenizer = TextTokenizer.fromJson(miniLmTokenizerJson(), MAX_LENGTH)) {
            ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks);
            TokenCache cache = TokenCache.builder().setFolder(cacheDir).optThreads(threads).build();
            start = System.nanoTime();
            try (CachedExamples cached = cache.load(data, reader::stream, encoder)) {
                double tokenizeSeconds = seconds(start);
                result.put("examples", cached.size());
                result.put("cache_mb", Files.size(cached.file()) / MB);
                result.put("tokenize_seconds", tokenizeSeconds);
                result.put("tokenize_per_second", cached.size() / tokenizeSeconds);
                result.put("examples_truncated", cached.report().examplesTruncated());

                BertConfig config = BertConfig.builder().setVocabSize(tokenizer.vocabularySize()).setHiddenSize(32)
                        .setNumLayers(2).setNumHeads(2).setIntermediateSize(64).optMaxPositions(MAX_LENGTH).build();
                BertEncoder bert = BertEncoder.random(config, TextTokenizer.fromJson(miniLmTokenizerJson(), MAX_LENGTH),
                        Pooling.MEAN, 7);
                try (MultiTaskModel model = Pipeline.model(bert, tasks, false)) {
                    BatchPlanner planner = BatchPlanner.builder().setBatchSize(batch).build();
                    BatchSource train = new FirstSteps(new CachedBatches(cached, new Collator(tasks), planner), steps);
                    TrainingConfig training = TrainingConfig.builder().optEpochs(1).optLearningRate(1e-3)
                            .optHeadLearningRate(1e-3).optProgressBar(false).optLogEverySteps(Math.max(1, steps / 5))
                            .build();
                    start = System.nanoTime();
                    new MultiTaskTrainer(training).fit(model, train, List.of());
                    result.put("train_steps", steps);
                    result.put("train_seconds", seconds(start));
                }
            }
        }
        result.put("peak_rss_mb", peakRssKb() / 1024.0);
        result.put("peak_heap_after_gc_mb", heap.peakBytes() / MB);
        System.out.println(RESULT_PREFIX + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(result));
    }

    /** The first {@code steps} batches of a source's epochs, walked one after the other, as one epoch. */
    private static final class FirstSteps implements BatchSource {

        private final BatchSource source;
        private final int steps;

        FirstSteps(BatchSource source, int steps) {
            this.source = source;
            this.steps = steps;
        }

        @Override
        public int batchesPerEpoch() {
            return steps;
        }

        @Override
        public List<Batch> epoch(int epoch) {
            int perEpoch = source.batchesPerEpoch();
            return new AbstractList<>() {
                private int cachedEpoch = -1;
                private List<Batch> cached;

                @Override
                public Batch get(int index) {
                    long global = (long) epoch * steps + index;
                    int sourceEpoch = (int) (global / perEpoch);
                    if (sourceEpoch != cachedEpoch) {
                        cached = source.epoch(sourceEpoch);
                        cachedEpoch = sourceEpoch;
                    }
                    return cached.get((int) (global % perEpoch));
                }

                @Override
                public int size() {
                    return steps;
                }
            };
        }
    }

    private static byte[] miniLmTokenizerJson() {
        try (InputStream in = ScaleBenchmark.class.getClassLoader().getResourceAsStream(BertEncoder.MINILM_TOKENIZER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BertEncoder.MINILM_TOKENIZER_RESOURCE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The peak resident set of this process, {@code VmHWM} in {@code /proc/self/status}, in KiB (-1 if unknown). */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void print(ArrayNode runs) {
        System.out.println();
        System.out.println("| sentences | JSONL MB | cache MB | tokenize s | tokenized/s | train steps | train s | peak RSS MB "
                + "| heap after GC MB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (JsonNode r : runs) {
            System.out.printf(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %,.0f | %d | %.1f | %.0f | %.0f |%n",
                    r.get("sentences").asInt(), r.get("jsonl_mb").asDouble(), r.get("cache_mb").asDouble(),
                    r.get("tokenize_seconds").asDouble(), r.get("tokenize_per_second").asDouble(),
                    r.get("train_steps").asInt(), r.get("train_seconds").asDouble(), r.get("peak_rss_mb").asDouble(),
                    r.get("peak_heap_after_gc_mb").asDouble());
        }
    }
}
