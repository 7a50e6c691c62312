package io.mtl4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Appends one JSON object per line to {@code metrics.jsonl}; a no-op when there is no output folder. */
final class MetricsLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter writer;

    MetricsLog(Path directory) {
        this(directory, false);
    }

    /** @param append continue an existing log (on resume) instead of starting a new one */
    MetricsLog(Path directory, boolean append) {
        try {
            if (directory == null) {
                writer = null;
            } else {
                Files.createDirectories(directory);
                writer = Files.newBufferedWriter(directory.resolve(CompletedRun.METRICS_LOG), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create metrics log in " + directory, e);
        }
    }

    void write(String kind, int step, int epoch, Map<String, ? extends Number> values) {
        if (writer == null) {
            return;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", kind);
        node.put("step", step);
        node.put("epoch", epoch);
        values.forEach((k, v) -> node.put(k, v.doubleValue()));
        try {
            writer.write(JSON.writeValueAsString(node));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics log", e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
