package io.mtl4j.data.cache;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.encode.ExampleEncoder;
import io.mtl4j.data.read.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokenized training data cached on disk, so that a data set larger than memory is tokenized once,
 * in parallel, and then trained on from disk.
 *
 * <p>{@link #load} looks for the cache file of (data file, reader settings, encoder) in the cache
 * folder; its name is a SHA-256 key over a format version, the tokenizer ({@code tokenizer.json} bytes
 * and maximum length), the reader settings, the tasks (names, types and label vocabularies) and the
 * data file's bytes, so a change to any of them gives a new file. If the file is there and complete
 * it is used as it is. Otherwise the data file is streamed: chunks of {@link Builder#optChunkSize}
 * examples are encoded by {@link Builder#optThreads} worker threads and written in input order, with at
 * most {@link Builder#optChunksInFlight} chunks in memory at once, whatever the file size; the output
 * is byte for byte the same for any number of threads. The file is written under a hidden temporary
 * name and renamed into place when complete, so a failure (a bad line in the data, a full disk, a
 * kill) never leaves a half-written cache file. A cache file cut short or otherwise damaged is
 * detected (header, end marker and index checked against the file size), logged at WARN and rebuilt.
 *
 * <pre>{@code
 * TokenCache cache = TokenCache.builder().setFolder(Path.of("cache")).build();
 * JsonlReader reader = new JsonlReader();
 * List<TaskSpec> tasks;
 * try (Stream<LabeledExample> examples = reader.stream(train)) {
 *     tasks = LabelVocabularies.taskSpecs(examples);          // one cheap pass for the vocabularies
 * }
 * try (CachedExamples cached = cache.load(train, reader::stream, new ExampleEncoder(tokenizer, tasks))) {
 *     BatchSource batches = new CachedBatches(cached, new Collator(tasks), planner);
 *     trainer.fit(model, batches, dev);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; two processes building the same key at once both write the same
 * bytes, and the last rename wins.
 */
public final class TokenCache {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    /** The file name extension of cache files. */
    public static final String EXTENSION = ".tokens";

    /** The number of examples per chunk unless told otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 4096;

    private final Path folder;
    private final int threads;
    private final int chunkSize;
    private final int chunksInFlight;

    private TokenCache(Builder builder) {
        this.folder = builder.folder;
        this.threads = builder.threads;
        this.chunkSize = builder.chunkSize;
        this.chunksInFlight = builder.chunksInFlight > 0 ? builder.chunksInFlight : 2 * builder.threads;
    }

    /** @return a builder; the folder is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the folder holding the cache files */
    public Path folder() {
        return folder;
    }

    /**
     * Returns the cache file of a data file for a reader without settings of its own; see
     * {@link #load(Path, String, Function, ExampleEncoder)}.
     *
     * @param data the data file (or folder)
     * @param reader streams the examples of the data file
     * @param encoder tokenizes and aligns the labels
     * @return the cached examples; the caller closes them
     */
    public CachedExamples load(Path data, Function<Path, Stream<LabeledExample>> reader, ExampleEncoder encoder) {
        return load(data, "", reader, encoder);
    }

    /**
     * Returns the cache file of a data file, building it first if it is missing or damaged.
     *
     * @param data the data file (or, for readers of folders, the folder: then every file under it is hashed)
     * @param readerSettings what configures the reader beyond the file (a tag column, a task name), part
     *     of the key: the key cannot see inside {@code reader}, so pass a different string whenever the
     *     reader would read the same file differently
     * @param reader streams the examples of the data file; called only when the file is (re)built
     * @param encoder tokenizes and aligns the labels
     * @return the cached examples; the caller closes them
     * @throws DataFormatException if the data file is missing, has no example, or as the reader throws
     *     it (naming the file and line); no cache file is left behind then
     * @throws IllegalArgumentException as the encoder throws it (an example labelling an unknown task)
     * @throws UncheckedIOException if the folder or file cannot be written or read
     */
    public CachedExamples load(Path data, String readerSettings, Function<Path, Stream<LabeledExample>> reader,
            ExampleEncoder encoder) {
        Objects.requireNonNull(readerSettings, "readerSettings");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(encoder, "encoder");
        if (!Files.exists(data)) {
            throw new DataFormatException(data, "expected a data file, but found none");
        }
        Path file = fileFor(data, readerSettings, encoder);
        if (Files.exists(file)) {
            try {
                return CachedExamples.open(file, encoder.tasks(), false);
            } catch (CorruptCacheException e) {
                LOG.warn("damaged token cache, rebuilding it: {}", e.getMessage());
            }
        }
        build(data, reader, encoder, file);
        return CachedExamples.open(file, encoder.tasks(), true);
    }

    /**
     * Returns where the cache file of a data file is (whether or not it exists yet): the folder, the
     * SHA-256 key as 64 hex digits and {@value #EXTENSION}. Reads the whole data file to hash it.
     *
     * @param data the data file (or folder)
     * @param readerSettings the reader settings, as given to {@link #load(Path, String, Function, ExampleEncoder)}
     * @param encoder the encoder
     * @return the cache file's path
     */
    public Path fileFor(Path data, String readerSettings, ExampleEncoder encoder) {
        return folder.resolve(CacheKey.of(data, readerSettings, encoder) + EXTENSION);
    }

    private void build(Path data, Function<Path, Stream<LabeledExample>> reader, ExampleEncoder encoder, Path file) {
        long start = System.nanoTime();
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(folder);
            try (Stream<LabeledExample> examples = reader.apply(data)) {
                new CacheWriter(encoder, threads, chunkSize, chunksInFlight).write(examples.iterator(), data, temp);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write token cache " + file, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("cannot delete the temporary file {}: {}", temp, e.toString());
            }
        }
        LOG.info("tokenized {} into {} in {} s with {} threads", data, file,
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9), threads);
    }

    /** Configures a {@link TokenCache}. */
    public static final class Builder {

        private Path folder;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private int chunksInFlight;

        private Builder() {}

        /**
         * @param folder the folder of the cache files (required; created when the first file is written)
         * @return this builder
         */
        public Builder setFolder(Path folder) {
            this.folder = folder;
            return this;
        }

        /**
         * @param threads worker threads that tokenize, at least 1 (default: the available processors)
         * @return this builder
         */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * @param chunkSize examples per chunk a worker encodes in one go, at least 1 (default
         *     {@value TokenCache#DEFAULT_CHUNK_SIZE})
         * @return this builder
         */
        public Builder optChunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * @param chunksInFlight how many chunks may be encoding or waiting to be written at once, at
         *     least 1 (default: twice the threads); memory is bounded by this times the chunk size
         * @return this builder
         */
        public Builder optChunksInFlight(int chunksInFlight) {
            if (chunksInFlight < 1) {
                throw new IllegalArgumentException("chunksInFlight must be at least 1, but is: " + chunksInFlight);
            }
            this.chunksInFlight = chunksInFlight;
            return this;
        }

        /**
         * @return the cache
         * @throws IllegalArgumentException if the folder is missing or a number is out of range
         */
        public TokenCache build() {
            if (folder == null) {
                throw new IllegalArgumentException("folder must be set, but is: null");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, but is: " + threads);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunkSize must be at least 1, but is: " + chunkSize);
            }
            return new TokenCache(this);
        }
    }
}
