package io.mtl4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.model.ModelFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes a benchmark's JSON under {@code benchmarks/results/} with the machine, versions and command. */
final class BenchmarkReport {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();

    BenchmarkReport(String benchmark, String mainClass, String[] args) {
        root.put("benchmark", benchmark);
        root.put("date", Instant.now().toString());
        root.put("command", "mvn -q -pl mtl-examples exec:java -Dexec.mainClass=" + mainClass
                + (args.length == 0 ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\""));
        ObjectNode machine = root.putObject("machine");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        ObjectNode versions = root.putObject("versions");
        versions.put("mtl4j", ModelFormat.libraryVersion());
        versions.put("java", System.getProperty("java.version"));
        versions.put("djl", ai.djl.engine.Engine.getDjlVersion());
        versions.put("engine", ai.djl.engine.Engine.getInstance().getEngineName() + " "
                + ai.djl.engine.Engine.getInstance().getVersion());
    }

    ObjectNode root() {
        return root;
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
