package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.files.AtomicFolder;
import io.mtl4j.head.TaskHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a model folder (format version 2, see {@link ModelFormat}) atomically: everything goes into a
 * hidden sibling folder, the encoder's files into {@code encoder/}, the manifest last, and the folder is
 * then renamed into place. A crash leaves at most a hidden {@code .tmp} folder, never
 * a folder that looks complete.
 */
final class ModelWriter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelWriter() {
    }

    static void write(MultiTaskModel model, Path directory, boolean overwrite) throws IOException {
        AtomicFolder.write(directory, overwrite, "a model", folder -> {
            Path encoderFolder = Files.createDirectory(folder.resolve(ModelFormat.ENCODER_FOLDER));
            model.encoder().writeFiles(encoderFolder);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (TaskHead head : model.heads().values()) {
                head.namedParameters().forEach((name, p) ->
                        tensors.put(MultiTaskModel.headParameterName(head.name(), name), p.getArray()));
            }
            SafetensorsFile.write(folder.resolve(ModelFormat.WEIGHTS), tensors);
            JSON.writeValue(folder.resolve(ModelFormat.MANIFEST).toFile(), manifest(model));
        });
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
}
