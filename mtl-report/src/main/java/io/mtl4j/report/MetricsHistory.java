package io.mtl4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines of a run's JSON-lines metrics log ({@code metrics.jsonl}), grouped into series: for each
 * kind of line ({@code train}, {@code dev}) and each value, the steps it was logged at and its values.
 *
 * @param series per kind, per value name, the points by ascending step (unmodifiable)
 */
public record MetricsHistory(Map<String, Map<String, Series>> series) {

    /** The kind of the lines logged every few training steps (losses, learning rate). */
    public static final String TRAIN = "train";
    /** The kind of the lines logged at each dev evaluation (the flattened metrics). */
    public static final String DEV = "dev";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("kind", "step", "epoch");

    /**
     * One value over the steps it was logged at.
     *
     * @param steps the steps, ascending
     * @param values the values, one per step
     */
    public record Series(List<Integer> steps, List<Double> values) {
        /**
         * Copies the lists and checks that they have the same length.
         *
         * @param steps the steps, ascending
         * @param values the values, one per step
         */
        public Series {
            steps = List.copyOf(steps);
            values = List.copyOf(values);
            if (steps.size() != values.size()) {
                throw new IllegalArgumentException("a series needs one value per step, but has " + steps.size()
                        + " steps and " + values.size() + " values");
            }
        }
    }

    /**
     * Copies the maps.
     *
     * @param series per kind, per value name, the points by ascending step (unmodifiable)
     */
    public MetricsHistory {
        Map<String, Map<String, Series>> copy = new LinkedHashMap<>();
        series.forEach((kind, values) -> copy.put(kind, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        series = Collections.unmodifiableMap(copy);
    }

    /**
     * @param kind a kind of line, e.g. {@link #TRAIN}
     * @return its series by value name, in order of first appearance; empty when the log has no such line
     */
    public Map<String, Series> of(String kind) {
        return series.getOrDefault(kind, Map.of());
    }

    /**
     * Reads a metrics log. Non-finite values (logged as {@code NaN}) are left out of their series; a step
     * logged twice (a resumed run repeats the steps after its checkpoint) keeps its last value.
     *
     * @param file the {@code metrics.jsonl} file
     * @return its series
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and line of a line that is not a JSON object
     *     with a text {@code kind} and a whole-number {@code step}
     */
    public static MetricsHistory read(Path file) throws IOException {
        // Per kind, per value, step -> value: a resumed run appends the steps after its checkpoint again,
        // and the later line of a step wins, so every series runs forward.
        Map<String, Map<String, TreeMap<Integer, Double>>> points = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = parse(file, i + 1, line);
            String kind = node.path("kind").asText();
            int step = node.path("step").asInt();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (KEYS.contains(field.getKey()) || !field.getValue().isNumber()) {
                    continue;
                }
                double value = field.getValue().asDouble();
                if (Double.isFinite(value)) {
                    points.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                            .computeIfAbsent(field.getKey(), k -> new TreeMap<>()).put(step, value);
                }
            }
        }
        Map<String, Map<String, Series>> series = new LinkedHashMap<>();
        points.forEach((kind, byName) -> byName.forEach((name, p) -> series.computeIfAbsent(kind,
                k -> new LinkedHashMap<>()).put(name, new Series(new ArrayList<>(p.keySet()), new ArrayList<>(p.values())))));
        return new MetricsHistory(series);
    }

    private static JsonNode parse(Path file, int lineNumber, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": expected a JSON object, but is: " + line);
        }
        for (String key : List.of("kind", "step")) {
            if (!node.has(key)) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": '" + key + "' is missing");
            }
        }
        if (!node.path("kind").isTextual()) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": 'kind' must be a text, but is: "
                    + node.path("kind"));
        }
        if (!node.path("step").canConvertToInt() || !node.path("step").isIntegralNumber()) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": 'step' must be a whole number, but is: "
                    + node.path("step"));
        }
        return node;
    }
}
