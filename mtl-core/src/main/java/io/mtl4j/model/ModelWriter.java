package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.head.TaskHead;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a model folder atomically: everything goes into a hidden sibling folder, the manifest last,
 * and the folder is then renamed into place. A crash leaves at most a hidden {@code .tmp} folder, never
 * a folder that looks complete.
 */
final class ModelWriter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelWriter() {
    }

    static void write(MultiTaskModel model, Path directory, boolean overwrite) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        if (Files.exists(target) && !overwrite && !isEmptyDirectory(target)) {
            throw new IllegalArgumentException("refusing to save into non-empty folder " + target
                    + "; pass overwrite=true to replace it");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot save a model to " + target + ": it is a file");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                tensors.put(e.getKey(), e.getValue().getArray());
            }
            SafetensorsFile.write(temp.resolve(ModelFormat.WEIGHTS), tensors);
            model.encoder().tokenizer().save(temp.resolve(ModelFormat.TOKENIZER));
            JSON.writeValue(temp.resolve(ModelFormat.MANIFEST).toFile(), manifest(model));
            replace(temp, target);
        } finally {
            deleteRecursively(temp);
        }
    }

    private static ObjectNode manifest(MultiTaskModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", ModelFormat.FORMAT_VERSION);
        root.put("mtl4j_version", ModelFormat.libraryVersion());
        root.put("created", Instant.now().toString());
        SharedEncoder encoder = model.encoder();
        ObjectNode enc = root.putObject("encoder");
        enc.put("type", encoder.type());
        enc.put("max_length", encoder.maxLength());
        enc.set("config", encoder.config());
        ArrayNode heads = root.putArray("heads");
        for (TaskHead head : model.heads().values()) {
            ObjectNode h = heads.addObject();
            h.put("name", head.name());
            h.set("config", head.config());
        }
        return root;
    }

    private static void replace(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
