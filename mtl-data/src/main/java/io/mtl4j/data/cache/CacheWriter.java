package io.mtl4j.data.cache;

import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.encode.EncodingReport;
import io.mtl4j.data.encode.EncodingResult;
import io.mtl4j.data.encode.ExampleEncoder;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.data.read.DataFormatException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one cache file from a stream of examples: the caller's thread reads the stream into chunks,
 * a pool of worker threads encodes the chunks ({@link ExampleEncoder#encodeAll}), and the caller's
 * thread writes the results in input order. At most {@code chunksInFlight} chunks are being encoded
 * or waiting to be written, so memory is bounded by the chunk size, not the data size. Not
 * thread-safe; one instance per file.
 */
final class CacheWriter {

    private final ExampleEncoder encoder;
    private final List<TaskSpec> tasks;
    private final int threads;
    private final int chunkSize;
    private final int chunksInFlight;

    private OutputStream out;
    private long position;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 12);
    private int[] lengths = new int[1024];
    private long[] offsets = new long[1024];
    private int count;
    private EncodingReport report;

    CacheWriter(ExampleEncoder encoder, int threads, int chunkSize, int chunksInFlight) {
        this.encoder = encoder;
        this.tasks = encoder.tasks();
        this.threads = threads;
        this.chunkSize = chunkSize;
        this.chunksInFlight = chunksInFlight;
    }

    /**
     * Encodes the examples and writes {@code target} (which must not exist).
     *
     * @param examples the examples, consumed (not closed)
     * @param data the data file, for the message when there is no example
     * @param target the file to write
     * @return the report of what encoding lost, all examples together
     * @throws DataFormatException if the stream has no example, or as the stream throws it
     * @throws IllegalArgumentException as the encoder throws it (an example labelling an unknown task)
     * @throws UncheckedIOException if writing fails
     */
    EncodingReport write(Iterator<LabeledExample> examples, Path data, Path target) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "mtl4j-tokenize-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Deque<Future<EncodingResult>> inFlight = new ArrayDeque<>();
        try (OutputStream file = new BufferedOutputStream(
                Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
            out = file;
            write(CacheFormat.header(tasks));
            List<LabeledExample> chunk = new ArrayList<>(chunkSize);
            while (examples.hasNext()) {
                chunk.add(examples.next());
                if (chunk.size() == chunkSize) {
                    submit(pool, inFlight, chunk);
                    chunk = new ArrayList<>(chunkSize);
                }
            }
            if (!chunk.isEmpty()) {
                submit(pool, inFlight, chunk);
            }
            while (!inFlight.isEmpty()) {
                append(await(inFlight.poll()));
            }
            if (count == 0) {
                throw new DataFormatException(data, "expected at least one example, but found none");
            }
            writeTail();
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private void submit(ExecutorService pool, Deque<Future<EncodingResult>> inFlight, List<LabeledExample> chunk)
            throws IOException {
        if (inFlight.size() >= chunksInFlight) {
            append(await(inFlight.poll()));
        }
        inFlight.add(pool.submit(() -> encoder.encodeAll(chunk)));
    }

    private static EncodingResult await(Future<EncodingResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tokenizing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("tokenizing failed: " + cause, cause);
        }
    }

    private void append(EncodingResult result) throws IOException {
        report = report == null ? result.report() : CacheFormat.plus(report, result.report());
        for (EncodedExample example : result.examples()) {
            if (count == lengths.length) {
                lengths = Arrays.copyOf(lengths, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            lengths[count] = example.tokens().length();
            offsets[count] = position;
            count++;
            buffer = CacheFormat.record(example, tasks, buffer, "example " + count);
            write(buffer.array(), buffer.limit());
        }
    }

    private void writeTail() throws IOException {
        long indexOffset = position;
        ByteBuffer index = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < count; i++) {
            if (index.remaining() < 4) {
                write(index.array(), index.position());
                index.clear();
            }
            index.putInt(lengths[i]);
        }
        for (int i = 0; i < count; i++) {
            if (index.remaining() < 8) {
                write(index.array(), index.position());
                index.clear();
            }
            index.putLong(offsets[i]);
        }
        write(index.array(), index.position());
        long reportOffset = position;
        write(CacheFormat.report(report));
        ByteBuffer footer = ByteBuffer.allocate(CacheFormat.FOOTER_BYTES);
        footer.putLong(count).putLong(indexOffset).putLong(reportOffset).put(CacheFormat.END_MAGIC);
        write(footer.array());
    }

    private void write(byte[] bytes) throws IOException {
        write(bytes, bytes.length);
    }

    private void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        position += length;
    }
}
