package io.mtl4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a benchmark that runs in pieces (possibly in parallel JVMs): each run's result is saved
 * as its own file, {@code <dir>/<run>.json}, holding the run's name, the settings it ran with (data,
 * budget, trainer) and its result. {@link #collect} gathers the parts whose settings equal the current
 * ones; the others are ignored and their runs reported missing, never invented.
 */
final class BenchmarkParts {

    private final Path dir;

    /** @param dir the folder holding the part files */
    BenchmarkParts(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * What {@link #collect} found.
     *
     * @param results the matching parts' results by run, in the order asked for
     * @param missing runs with no matching part, in the order asked for
     * @param ignored one line per part file whose settings differ, naming the file and the first difference
     */
    record Collected(Map<String, JsonNode> results, List<String> missing, List<String> ignored) {

        /** Copies the collections. */
        Collected {
            results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
            missing = List.copyOf(missing);
            ignored = List.copyOf(ignored);
        }
    }

    /** @return the folder */
    Path dir() {
        return dir;
    }

    /**
     * @param run a run name
     * @return its part file: the name with characters other than letters, digits, {@code + . _ -} as {@code _}
     */
    Path file(String run) {
        return dir.resolve(run.replaceAll("[^A-Za-z0-9+._-]", "_") + ".json");
    }

    /**
     * Saves a run's part, replacing an older one atomically (a parallel reader never sees half a file).
     *
     * @param run the run's name
     * @param settings what the run depends on
     * @param result its result
     * @return the file written
     * @throws UncheckedIOException if it cannot be written
     */
    Path write(String run, ObjectNode settings, JsonNode result) {
        ObjectNode part = BenchmarkReport.JSON.createObjectNode();
        part.put("run", run);
        part.set("settings", settings);
        part.set("result", result);
        Path file = file(run);
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, ".part-", ".tmp");
            BenchmarkReport.JSON.writeValue(temporary.toFile(), part);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark part " + file, e);
        }
    }

    /**
     * Gathers the parts of the given runs whose recorded settings equal the expected ones.
     *
     * @param expected each run's expected settings, in report order
     * @return the results found, the runs missing and the part files ignored
     * @throws UncheckedIOException if a part file cannot be read
     */
    Collected collect(Map<String, ObjectNode> expected) {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        expected.forEach((run, settings) -> {
            Path file = file(run);
            if (!Files.isRegularFile(file)) {
                missing.add(run);
                return;
            }
            JsonNode part;
            try {
                part = BenchmarkReport.JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the benchmark part " + file, e);
            }
            String difference = part == null ? "file is empty" : partDifference(run, settings, part);
            if (difference == null) {
                results.put(run, part.get("result"));
            } else {
                missing.add(run);
                ignored.add(file + ": " + difference);
            }
        });
        return new Collected(results, missing, ignored);
    }

    /** @return the first way the part differs from what the run expects, or null if it matches */
    private static String partDifference(String run, ObjectNode expected, JsonNode part) {
        if (!run.equals(part.path("run").asText())) {
            return "run is '" + part.path("run").asText() + "', expected '" + run + "'";
        }
        if (part.get("result") == null || part.get("result").isNull()) {
            return "no result";
        }
        return nodeDifference("settings", expected, part.path("settings"));
    }

    private static String nodeDifference(String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
            for (String name : names) {
                String d = nodeDifference(path + "." + name, expected.path(name), actual.path(name));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.equals(actual) || expected.isNumber() && actual.isNumber()
                && expected.asDouble() == actual.asDouble()) {
            return null;
        }
        return path + " is " + display(actual) + ", expected " + display(expected);
    }

    private static String display(JsonNode node) {
        return node.isMissingNode() ? "absent" : node.toString();
    }
}
