package io.mtl4j.data.cache;

import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.encode.EncodingReport;
import io.mtl4j.data.encode.TaskSpec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The encoded examples of one cache file, read from disk when asked for. Only two small arrays per
 * example stay in memory (its token count and its record's offset: 12 bytes an example); each
 * {@link #examples(int[])} call reads its records with positional {@link FileChannel} reads (no
 * memory mapping, so the resident set stays bounded whatever the file size).
 *
 * <p>The examples carry their token ids, token type ids, truncation flag and each task's label ids;
 * the text and word spans are not cached ({@link io.mtl4j.text.TokenizedText#text()} is empty, word
 * ids, starts and ends are -1), as collation does not use them.
 *
 * <p>Thread-safe. Holds the file open: close it when done.
 */
public final class CachedExamples implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final List<TaskSpec> tasks;
    private final int[] lengths;
    private final long[] offsets;
    private final long indexOffset;
    private final EncodingReport report;
    private final boolean built;

    private CachedExamples(Path file, FileChannel channel, List<TaskSpec> tasks, int[] lengths, long[] offsets,
            long indexOffset, EncodingReport report, boolean built) {
        this.file = file;
        this.channel = channel;
        this.tasks = tasks;
        this.lengths = lengths;
        this.offsets = offsets;
        this.indexOffset = indexOffset;
        this.report = report;
        this.built = built;
    }

    /**
     * Opens a cache file and checks its header, footer and index.
     *
     * @param file the cache file
     * @param tasks the tasks it must hold, in order
     * @param built whether the file was just written (see {@link #built()})
     * @return the examples
     * @throws CorruptCacheException if the file is not a complete cache file of these tasks
     * @throws UncheckedIOException if the file cannot be read
     */
    static CachedExamples open(Path file, List<TaskSpec> tasks, boolean built) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open token cache " + file, e);
        }
        try {
            return read(file, channel, tasks, built);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot read token cache " + file, io);
            }
            throw (RuntimeException) e;
        }
    }

    private static CachedExamples read(Path file, FileChannel channel, List<TaskSpec> tasks, boolean built)
            throws IOException {
        long size = channel.size();
        byte[] expectedHeader = CacheFormat.header(tasks);
        if (size < expectedHeader.length + CacheFormat.FOOTER_BYTES) {
            throw new CorruptCacheException(file, "expected at least " + (expectedHeader.length + CacheFormat.FOOTER_BYTES)
                    + " bytes, but the file has " + size);
        }
        ByteBuffer header = readFully(channel, 0, expectedHeader.length);
        if (!Arrays.equals(header.array(), expectedHeader)) {
            throw new CorruptCacheException(file, "expected the header of a version " + CacheFormat.VERSION
                    + " cache of tasks " + names(tasks) + ", but found another");
        }
        ByteBuffer footer = readFully(channel, size - CacheFormat.FOOTER_BYTES, CacheFormat.FOOTER_BYTES);
        long count = footer.getLong();
        long indexOffset = footer.getLong();
        long reportOffset = footer.getLong();
        byte[] endMagic = new byte[CacheFormat.END_MAGIC.length];
        footer.get(endMagic);
        if (!Arrays.equals(endMagic, CacheFormat.END_MAGIC)) {
            throw new CorruptCacheException(file, "expected the end marker MTL4JEND, but found none (the file was cut short)");
        }
        if (count < 1 || count > Integer.MAX_VALUE || indexOffset < expectedHeader.length
                || indexOffset + 12 * count != reportOffset || reportOffset > size - CacheFormat.FOOTER_BYTES) {
            throw new CorruptCacheException(file, "expected a footer consistent with the file size " + size
                    + ", but found count " + count + ", index at " + indexOffset + ", report at " + reportOffset);
        }
        int n = (int) count;
        ByteBuffer index = readFully(channel, indexOffset, 12 * n);
        int[] lengths = new int[n];
        long[] offsets = new long[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = index.getInt();
        }
        long previous = expectedHeader.length - 1;
        for (int i = 0; i < n; i++) {
            offsets[i] = index.getLong();
            if (offsets[i] <= previous || offsets[i] >= indexOffset || lengths[i] < 0) {
                throw new CorruptCacheException(file, "expected increasing record offsets before the index, but example "
                        + i + " is at " + offsets[i] + " with " + lengths[i] + " tokens");
            }
            previous = offsets[i];
        }
        if (offsets[0] != expectedHeader.length) {
            throw new CorruptCacheException(file, "expected the first record at " + expectedHeader.length
                    + ", but found it at " + offsets[0]);
        }
        int reportLength = Math.toIntExact(size - CacheFormat.FOOTER_BYTES - reportOffset);
        ByteBuffer reportBytes = readFully(channel, reportOffset, reportLength);
        EncodingReport report;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(reportBytes.array()))) {
            report = CacheFormat.readReport(in);
            if (in.available() != 0 || report.examples() != n) {
                throw new CorruptCacheException(file, "expected a report of " + n + " examples, but found one of "
                        + report.examples() + " with " + in.available() + " bytes left");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptCacheException(file, "expected an encoding report, but found an unreadable one (" + e + ")");
        }
        return new CachedExamples(file, channel, List.copyOf(tasks), lengths, offsets, indexOffset, report, built);
    }

    private static List<String> names(List<TaskSpec> tasks) {
        return tasks.stream().map(TaskSpec::name).toList();
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    /** @return the cache file */
    public Path file() {
        return file;
    }

    /** @return whether this call wrote the file ({@code false}: an existing cache file was reused) */
    public boolean built() {
        return built;
    }

    /** @return the number of examples */
    public int size() {
        return lengths.length;
    }

    /** @return the tasks the labels belong to, in the order of the encoder */
    public List<TaskSpec> tasks() {
        return tasks;
    }

    /** @return a copy of every example's token count, in input order (what a {@code BatchPlanner} plans with) */
    public int[] lengths() {
        return lengths.clone();
    }

    /** @return what encoding lost, counted over all examples when the file was built */
    public EncodingReport report() {
        return report;
    }

    /**
     * Reads one example.
     *
     * @param index the example's index, in input order
     * @return the example
     * @throws IndexOutOfBoundsException if the index is out of range
     * @throws IllegalStateException naming the file and example if its record is damaged
     */
    public EncodedExample example(int index) {
        Objects.checkIndex(index, lengths.length);
        long start = offsets[index];
        long end = index + 1 < offsets.length ? offsets[index + 1] : indexOffset;
        String where = file + ": example " + index;
        ByteBuffer record;
        try {
            record = readFully(channel, start, Math.toIntExact(end - start));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where, e);
        }
        return CacheFormat.decode(record, lengths[index], tasks, where);
    }

    /**
     * Reads examples.
     *
     * @param indices the examples' indices
     * @return the examples, in the order of the indices
     */
    public List<EncodedExample> examples(int[] indices) {
        List<EncodedExample> examples = new ArrayList<>(indices.length);
        for (int index : indices) {
            examples.add(example(index));
        }
        return examples;
    }

    /** Closes the file. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
