package io.mtl4j.data.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.encode.BatchPlanner;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.EncodedBatches;
import io.mtl4j.data.encode.EncodingResult;
import io.mtl4j.data.encode.ExampleEncoder;
import io.mtl4j.data.encode.LabelVocabularies;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.data.read.DataFormatException;
import io.mtl4j.data.read.JsonlReader;
import io.mtl4j.data.read.JsonlWriter;
import io.mtl4j.data.synthetic.ExampleDataGenerator;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.testing.TestResources;
import io.mtl4j.text.TextTokenizer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheTest {

    private static final int SENTENCES = 160;
    private static final JsonlReader READER = new JsonlReader();

    private static TextTokenizer tokenizer;
    private static List<LabeledExample> examples;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 32);
        examples = ExampleDataGenerator.builder().optSeed(3).optSizes(SENTENCES, 0, 0).build().generate().train();
    }

    @AfterAll
    static void tearDown() {
        tokenizer.close();
    }

    private Path data() {
        Path file = dir.resolve("train.jsonl");
        if (!Files.exists(file)) {
            JsonlWriter.write(file, examples);
        }
        return file;
    }

    private static List<TaskSpec> tasks(Path file) {
        try (Stream<LabeledExample> stream = READER.stream(file)) {
            return LabelVocabularies.taskSpecs(stream);
        }
    }

    private static TokenCache cache(Path folder, int threads) {
        return TokenCache.builder().setFolder(folder).optThreads(threads).optChunkSize(16).optChunksInFlight(3).build();
    }

    @Test
    void cachedBatchesEqualEncodedBatchesOfTheSameExamples() {
        Path file = data();
        List<TaskSpec> tasks = tasks(file);
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks);
        Collator collator = new Collator(tasks);
        BatchPlanner planner = BatchPlanner.builder().setBatchSize(16).optSeed(7).optBucketFactor(4).build();
        EncodingResult inMemory = encoder.encodeAll(READER.read(file));
        EncodedBatches expected = new EncodedBatches(inMemory.examples(), collator, planner);

        try (CachedExamples cached = cache(dir.resolve("cache"), 2).load(file, READER::stream, encoder)) {
            CachedBatches batches = new CachedBatches(cached, collator, planner);

            assertThat(cached.size()).isEqualTo(SENTENCES);
            assertThat(cached.report()).isEqualTo(inMemory.report());
            assertThat(batches.batchesPerEpoch()).isEqualTo(expected.batchesPerEpoch()).isEqualTo(10);
            for (int epoch = 0; epoch < 2; epoch++) {
                assertSameBatches(batches.epoch(epoch), expected.epoch(epoch));
            }
            assertSameBatches(CachedBatches.forEvaluation(cached, collator, 64),
                    EncodedBatches.forEvaluation(inMemory.examples(), collator, 64));
            EncodedExample first = cached.example(0);
            assertThat(first.tokens().ids()).isEqualTo(inMemory.examples().get(0).tokens().ids());
            assertThat(first.tokens().text()).isEmpty();
            assertThat(first.tokens().wordIds()).containsOnly(-1);
        }
    }

    private static void assertSameBatches(List<Batch> actual, List<Batch> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int index = 0; index < expected.size(); index++) {
            int i = index;
            Batch a = actual.get(i);
            Batch e = expected.get(i);
            assertThat(a.size()).as("batch %d size", i).isEqualTo(e.size());
            assertThat(a.length()).as("batch %d length", i).isEqualTo(e.length());
            assertThat(java.util.Arrays.equals(a.inputIds(), e.inputIds())).as("batch %d ids", i).isTrue();
            assertThat(java.util.Arrays.equals(a.attentionMask(), e.attentionMask())).as("batch %d mask", i).isTrue();
            assertThat(java.util.Arrays.equals(a.tokenTypeIds(), e.tokenTypeIds())).as("batch %d types", i).isTrue();
            assertThat(a.labels().keySet()).isEqualTo(e.labels().keySet());
            e.labels().forEach((task, labels) -> {
                assertThat(a.labels().get(task).width()).isEqualTo(labels.width());
                assertThat(java.util.Arrays.equals(a.labels().get(task).values(), labels.values()))
                        .as("batch %d labels of %s", i, task).isTrue();
            });
        }
    }

    @Test
    void aSecondLoadReusesTheFileAndAnyChangedInputGivesANewKey() throws IOException {
        Path file = data();
        List<TaskSpec> tasks = tasks(file);
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks);
        TokenCache cache = cache(dir.resolve("cache"), 2);
        Path cacheFile;
        try (CachedExamples first = cache.load(file, READER::stream, encoder)) {
            assertThat(first.built()).isTrue();
            cacheFile = first.file();
        }
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(cacheFile, old);

        try (CachedExamples second = cache.load(file, path -> {
            throw new AssertionError("the data must not be read again");
        }, encoder)) {
            assertThat(second.built()).isFalse();
            assertThat(second.file()).isEqualTo(cacheFile);
            assertThat(second.size()).isEqualTo(SENTENCES);
        }
        assertThat(Files.getLastModifiedTime(cacheFile)).isEqualTo(old);
        assertThat(cacheFile.getFileName().toString()).matches("[0-9a-f]{64}\\.tokens");
        assertThat(cache.fileFor(file, "", encoder)).isEqualTo(cacheFile);

        try (TextTokenizer longer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 33)) {
            assertThat(cache.fileFor(file, "", new ExampleEncoder(longer, tasks))).isNotEqualTo(cacheFile);
        }
        List<TaskSpec> moreLabels = new ArrayList<>(tasks);
        TaskSpec sentiment = moreLabels.stream().filter(t -> t.type() == TaskType.SEQUENCE_CLASSIFICATION).findFirst().orElseThrow();
        moreLabels.set(moreLabels.indexOf(sentiment), new TaskSpec(sentiment.name(), sentiment.type(),
                LabelVocabulary.of(List.of("negative", "neutral", "positive"))));
        assertThat(cache.fileFor(file, "", new ExampleEncoder(tokenizer, moreLabels))).isNotEqualTo(cacheFile);
        assertThat(cache.fileFor(file, "task=other", encoder)).isNotEqualTo(cacheFile);

        Files.writeString(file, Files.readString(file).replaceFirst("\"positive\"", "\"negative\""));
        assertThat(cache.fileFor(file, "", encoder)).isNotEqualTo(cacheFile);
    }

    @Test
    void aTruncatedCacheFileIsRebuilt() throws IOException {
        Path file = data();
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks(file));
        TokenCache cache = cache(dir.resolve("cache"), 2);
        Path cacheFile;
        try (CachedExamples first = cache.load(file, READER::stream, encoder)) {
            cacheFile = first.file();
        }
        byte[] complete = Files.readAllBytes(cacheFile);
        try (FileChannel channel = FileChannel.open(cacheFile, StandardOpenOption.WRITE)) {
            channel.truncate(complete.length - 10);
        }

        try (CachedExamples rebuilt = cache.load(file, READER::stream, encoder)) {
            assertThat(rebuilt.built()).isTrue();
            assertThat(rebuilt.size()).isEqualTo(SENTENCES);
        }
        assertThat(Files.readAllBytes(cacheFile)).isEqualTo(complete);
    }

    @Test
    void fourThreadsWriteTheSameBytesAsOne() throws IOException {
        Path file = data();
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks(file));
        byte[] one;
        byte[] four;
        try (CachedExamples cached = cache(dir.resolve("one"), 1).load(file, READER::stream, encoder)) {
            one = Files.readAllBytes(cached.file());
        }
        try (CachedExamples cached = cache(dir.resolve("four"), 4).load(file, READER::stream, encoder)) {
            four = Files.readAllBytes(cached.file());
        }
        assertThat(four.length).isGreaterThan(SENTENCES * 10);
        assertThat(java.util.Arrays.equals(four, one)).isTrue();
    }

    @Test
    void aDataErrorNamesFileAndLineAndLeavesNoCacheFile() throws IOException {
        Path file = data();
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks(file));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(149, "{\"text\": \"broken\", \"label\": \"positive\"}");
        Files.write(file, lines);
        Path folder = dir.resolve("cache");

        assertThatThrownBy(() -> cache(folder, 2).load(file, READER::stream, encoder))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":150: expected only the fields text, labels and entities, but found field 'label'");
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anEncodingErrorOnAWorkerThreadSurfacesWithTheExampleOrigin() throws IOException {
        Path file = data();
        List<TaskSpec> onlySentiment = tasks(file).stream().filter(t -> t.type() == TaskType.SEQUENCE_CLASSIFICATION).toList();
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, onlySentiment);

        assertThatThrownBy(() -> cache(dir.resolve("cache"), 2).load(file, READER::stream, encoder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":1: unknown task 'ner'; known tasks: [sentiment]");
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFileWithoutExamplesOrAMissingFileIsRefused() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        Path missing = dir.resolve("missing.jsonl");
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks(data()));

        assertThatThrownBy(() -> cache(dir.resolve("cache"), 1).load(empty, READER::stream, encoder))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(empty + ": expected at least one example, but found none");
        assertThatThrownBy(() -> cache(dir.resolve("cache"), 1).load(missing, READER::stream, encoder))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(missing + ": expected a data file, but found none");
    }

    @Test
    void builderRefusesBadSettings() {
        assertThatThrownBy(() -> TokenCache.builder().build()).hasMessage("folder must be set, but is: null");
        assertThatThrownBy(() -> TokenCache.builder().setFolder(dir).optThreads(0).build())
                .hasMessage("threads must be at least 1, but is: 0");
        assertThatThrownBy(() -> TokenCache.builder().setFolder(dir).optChunkSize(0).build())
                .hasMessage("chunkSize must be at least 1, but is: 0");
        assertThatThrownBy(() -> TokenCache.builder().optChunksInFlight(0))
                .hasMessage("chunksInFlight must be at least 1, but is: 0");
    }
}
