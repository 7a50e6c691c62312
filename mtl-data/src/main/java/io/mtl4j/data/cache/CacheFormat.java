package io.mtl4j.data.cache;

import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.encode.EncodingReport;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.head.TaskType;
import io.mtl4j.text.TokenizedText;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layout of a cache file, all numbers big-endian:
 *
 * <pre>
 * header   magic "MTL4JTOK", int version, int task count, per task: UTF name, byte type (0 sentence, 1 token)
 * records  per example: int n (tokens), byte flags (1 = truncated), int[n] token ids, byte[n] type ids,
 *          per task in header order: byte 0 (unlabelled) or 1 followed by int label (sentence task) or int[n] (token task)
 * index    int[count] token counts, long[count] record offsets
 * report   the EncodingReport (see writeReport)
 * footer   long count, long index offset, long report offset, magic "MTL4JEND"
 * </pre>
 *
 * A file is trusted only if both magics, the version and the footer's offsets agree with its size, so
 * a file cut short anywhere is never read as a valid cache.
 */
final class CacheFormat {

    /** Bumped whenever the layout or the meaning of a record changes; part of the cache key. */
    static final int VERSION = 1;

    static final byte[] MAGIC = "MTL4JTOK".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "MTL4JEND".getBytes(StandardCharsets.US_ASCII);
    static final int FOOTER_BYTES = 8 + 8 + 8 + 8;

    private CacheFormat() {}

    /** The header bytes for the tasks. */
    static byte[] header(List<TaskSpec> tasks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(tasks.size());
            for (TaskSpec task : tasks) {
                out.writeUTF(task.name());
                out.writeByte(task.type() == TaskType.SEQUENCE_CLASSIFICATION ? 0 : 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Encodes one example into {@code buffer} (cleared first, grown if needed).
     *
     * @return the buffer holding the record, flipped for reading
     * @throws IllegalArgumentException if a token id does not fit an int or a type id a byte
     */
    static ByteBuffer record(EncodedExample example, List<TaskSpec> tasks, ByteBuffer buffer, String origin) {
        TokenizedText tokens = example.tokens();
        int n = tokens.length();
        int size = recordSize(n, tasks, example.labels());
        ByteBuffer out = buffer.capacity() >= size ? buffer.clear() : ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
        out.putInt(n);
        out.put((byte) (tokens.truncated() ? 1 : 0));
        for (long id : tokens.ids()) {
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(origin + ": token id " + id + " does not fit the cache's int32 ids");
            }
            out.putInt((int) id);
        }
        for (long type : tokens.typeIds()) {
            if (type < 0 || type > Byte.MAX_VALUE) {
                throw new IllegalArgumentException(origin + ": token type id " + type + " does not fit the cache's int8 type ids");
            }
            out.put((byte) type);
        }
        for (TaskSpec task : tasks) {
            int[] labels = example.labels().get(task.name());
            if (labels == null) {
                out.put((byte) 0);
            } else {
                out.put((byte) 1);
                for (int label : labels) {
                    out.putInt(label);
                }
            }
        }
        return out.flip();
    }

    private static int recordSize(int n, List<TaskSpec> tasks, Map<String, int[]> labels) {
        int size = 4 + 1 + 4 * n + n;
        for (TaskSpec task : tasks) {
            int[] values = labels.get(task.name());
            size += 1 + (values == null ? 0 : 4 * values.length);
        }
        return size;
    }

    /**
     * Decodes one record. The text and word spans are not cached: the text is empty and word ids,
     * starts and ends are -1.
     *
     * @throws IllegalStateException if the record does not have the expected length or size
     */
    static EncodedExample decode(ByteBuffer in, int expectedLength, List<TaskSpec> tasks, String where) {
        try {
            int n = in.getInt();
            if (n != expectedLength) {
                throw new IllegalStateException(where + ": expected " + expectedLength + " tokens, but the record has " + n);
            }
            boolean truncated = (in.get() & 1) != 0;
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.getInt();
            }
            long[] types = new long[n];
            for (int i = 0; i < n; i++) {
                types[i] = in.get();
            }
            Map<String, int[]> labels = new HashMap<>();
            for (TaskSpec task : tasks) {
                byte present = in.get();
                if (present == 1) {
                    int[] values = new int[task.type() == TaskType.SEQUENCE_CLASSIFICATION ? 1 : n];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = in.getInt();
                    }
                    labels.put(task.name(), values);
                } else if (present != 0) {
                    throw new IllegalStateException(where + ": expected a label marker 0 or 1 for task '" + task.name()
                            + "', but found " + present);
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException(where + ": " + in.remaining() + " bytes left after the record");
            }
            int[] none = new int[n];
            Arrays.fill(none, -1);
            return new EncodedExample(new TokenizedText("", ids, types, none, none, none, truncated), labels);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalStateException(where + ": the record is shorter than its contents", e);
        }
    }

    /** Serializes a report. */
    static byte[] report(EncodingReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(report.examples());
            out.writeInt(report.examplesTruncated());
            out.writeInt(report.tasks().size());
            for (Map.Entry<String, EncodingReport.TaskReport> e : report.tasks().entrySet()) {
                EncodingReport.TaskReport t = e.getValue();
                out.writeUTF(e.getKey());
                for (int v : new int[] {t.examplesLabelled(), t.examplesTruncated(), t.wordsLostToTruncation(),
                        t.wordsWithoutTokens(), t.entitiesLostToTruncation(), t.entitiesWithoutTokens(),
                        t.misalignedEntities()}) {
                    out.writeInt(v);
                }
                out.writeInt(t.unknownLabels().size());
                for (Map.Entry<String, Integer> u : t.unknownLabels().entrySet()) {
                    out.writeUTF(u.getKey());
                    out.writeInt(u.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a report written by {@link #report(EncodingReport)}. */
    static EncodingReport readReport(DataInputStream in) throws IOException {
        int examples = in.readInt();
        int truncated = in.readInt();
        int taskCount = in.readInt();
        Map<String, EncodingReport.TaskReport> tasks = new LinkedHashMap<>();
        for (int i = 0; i < taskCount; i++) {
            String name = in.readUTF();
            int[] v = new int[7];
            for (int k = 0; k < v.length; k++) {
                v[k] = in.readInt();
            }
            int unknownCount = in.readInt();
            TreeMap<String, Integer> unknown = new TreeMap<>();
            for (int k = 0; k < unknownCount; k++) {
                unknown.put(in.readUTF(), in.readInt());
            }
            tasks.put(name, new EncodingReport.TaskReport(v[0], v[1], v[2], v[3], v[4], v[5], v[6], unknown));
        }
        return new EncodingReport(examples, truncated, tasks);
    }

    /** Adds two reports of the same tasks: the report of both sets of examples. */
    static EncodingReport plus(EncodingReport a, EncodingReport b) {
        Map<String, EncodingReport.TaskReport> tasks = new LinkedHashMap<>();
        a.tasks().forEach((name, x) -> {
            EncodingReport.TaskReport y = b.tasks().get(name);
            TreeMap<String, Integer> unknown = new TreeMap<>(x.unknownLabels());
            y.unknownLabels().forEach((label, count) -> unknown.merge(label, count, Integer::sum));
            tasks.put(name, new EncodingReport.TaskReport(
                    x.examplesLabelled() + y.examplesLabelled(),
                    x.examplesTruncated() + y.examplesTruncated(),
                    x.wordsLostToTruncation() + y.wordsLostToTruncation(),
                    x.wordsWithoutTokens() + y.wordsWithoutTokens(),
                    x.entitiesLostToTruncation() + y.entitiesLostToTruncation(),
                    x.entitiesWithoutTokens() + y.entitiesWithoutTokens(),
                    x.misalignedEntities() + y.misalignedEntities(),
                    unknown));
        });
        return new EncodingReport(a.examples() + b.examples(), a.examplesTruncated() + b.examplesTruncated(), tasks);
    }
}
