package io.mtl4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.head.TaskHead;
import io.mtl4j.head.TaskHeadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A model folder's manifest, validated: format version, encoder type and config, and the heads rebuilt
 * (uninitialised) from their configs.
 *
 * @param file the manifest file, for messages
 * @param formatVersion the folder layout's version, one this library reads
 * @param encoderType the encoder's type name
 * @param encoderConfig the encoder's config
 * @param maxLength the encoder's maximum tokens per sequence
 * @param heads the heads, uninitialised, in output order
 */
record ModelManifest(Path file, int formatVersion, String encoderType, ObjectNode encoderConfig, int maxLength, List<TaskHead> heads) {

    static ModelManifest read(Path directory) throws IOException {
        Path manifestFile = directory.resolve(ModelFormat.MANIFEST);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is not an mtl4j model folder: "
                    + (Files.exists(directory) ? "it is a file" : "it does not exist"));
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(directory + " is not an mtl4j model folder: " + ModelFormat.MANIFEST
                    + " is missing");
        }
        JsonNode manifest;
        try {
            manifest = ModelWriter.JSON.readTree(manifestFile.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(manifestFile + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (manifest == null || !manifest.isObject()) {
            throw new IllegalArgumentException(manifestFile + ": expected a JSON object, but found "
                    + (manifest == null || manifest.isMissingNode() ? "an empty file" : manifest.getNodeType().toString()));
        }
        int version = manifest.path("format_version").asInt(-1);
        if (version < ModelFormat.OLDEST_READABLE_VERSION || version > ModelFormat.FORMAT_VERSION) {
            throw new IllegalArgumentException(manifestFile + ": format_version " + version
                    + " is not supported; this mtl4j reads versions " + ModelFormat.OLDEST_READABLE_VERSION + " to "
                    + ModelFormat.FORMAT_VERSION);
        }
        Path encoderFolder = encoderFolder(directory, version);
        for (Path part : List.of(directory.resolve(ModelFormat.WEIGHTS), encoderFolder.resolve(ModelFormat.WEIGHTS),
                encoderFolder.resolve(ModelFormat.TOKENIZER))) {
            if (!Files.isRegularFile(part)) {
                throw new IllegalArgumentException(directory + " is an incomplete mtl4j model folder: "
                        + directory.relativize(part).toString().replace('\\', '/') + " is missing");
            }
        }
        JsonNode encoderNode = require(manifest, "encoder", manifestFile);
        String encoderType = require(encoderNode, "type", manifestFile).asText();
        ObjectNode encoderConfig = requireObject(encoderNode, "config", manifestFile);
        int maxLength = require(encoderNode, "max_length", manifestFile).asInt();
        List<TaskHead> heads = new ArrayList<>();
        for (JsonNode h : require(manifest, "heads", manifestFile)) {
            String name = require(h, "name", manifestFile).asText();
            ObjectNode config = requireObject(h, "config", manifestFile);
            String type = require(config, "type", manifestFile).asText();
            heads.add(headFactory(type, name, manifestFile).create(name, config));
        }
        if (heads.isEmpty()) {
            throw new IllegalArgumentException(manifestFile + ": the model has no heads");
        }
        return new ModelManifest(manifestFile, version, encoderType, encoderConfig, maxLength, List.copyOf(heads));
    }

    private static Path encoderFolder(Path directory, int version) {
        return version == 1 ? directory : directory.resolve(ModelFormat.ENCODER_FOLDER);
    }

    /** @return the model folder */
    Path directory() {
        return file.getParent();
    }

    /** @return the encoder's tensors: {@code encoder/model.safetensors}, or in version 1 the model's only file */
    Path encoderWeights() {
        return encoderFolder(directory(), formatVersion).resolve(ModelFormat.WEIGHTS);
    }

    /** @return the tokenizer: {@code encoder/tokenizer.json}, or in version 1 the model folder's */
    Path tokenizer() {
        return encoderFolder(directory(), formatVersion).resolve(ModelFormat.TOKENIZER);
    }

    /** @return the heads' tensors, {@code model.safetensors} (in version 1 together with the encoder's) */
    Path headWeights() {
        return directory().resolve(ModelFormat.WEIGHTS);
    }

    static JsonNode require(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(file + ": required field '" + field + "' is missing");
        }
        return value;
    }

    private static ObjectNode requireObject(JsonNode node, String field, Path file) {
        JsonNode value = require(node, field, file);
        if (!value.isObject()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' must be a JSON object, but is: " + value);
        }
        return (ObjectNode) value;
    }

    private static TaskHeadFactory headFactory(String type, String head, Path file) {
        List<String> known = new ArrayList<>();
        for (TaskHeadFactory f : ServiceLoader.load(TaskHeadFactory.class)) {
            if (f.type().equals(type)) {
                return f;
            }
            known.add(f.type());
        }
        throw new IllegalArgumentException(file + ": head '" + head + "' has unknown type '" + type
                + "'; valid choices: " + Arrays.toString(known.toArray()));
    }
}
