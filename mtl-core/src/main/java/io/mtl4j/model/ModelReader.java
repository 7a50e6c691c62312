package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.SharedEncoderFactory;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.head.TaskHead;
import io.mtl4j.head.TaskHeadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Reads a model folder written by {@link ModelWriter}, saying exactly what does not match. */
final class ModelReader {

    private ModelReader() {
    }

    static MultiTaskModel read(Path directory) throws IOException {
        Path manifestFile = directory.resolve(ModelFormat.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(directory + " is not an mtl4j model folder: " + ModelFormat.MANIFEST
                    + " is missing");
        }
        JsonNode manifest = ModelWriter.JSON.readTree(manifestFile.toFile());
        int version = manifest.path("format_version").asInt(-1);
        if (version != ModelFormat.FORMAT_VERSION) {
            throw new IllegalArgumentException(manifestFile + ": format_version " + version
                    + " is not supported; this mtl4j reads version " + ModelFormat.FORMAT_VERSION);
        }
        JsonNode encoderNode = require(manifest, "encoder", manifestFile);
        String encoderType = require(encoderNode, "type", manifestFile).asText();
        ObjectNode encoderConfig = (ObjectNode) require(encoderNode, "config", manifestFile);
        SharedEncoderFactory encoderFactory = encoderFactory(encoderType, manifestFile);
        List<TaskHead> heads = new ArrayList<>();
        for (JsonNode h : require(manifest, "heads", manifestFile)) {
            String name = require(h, "name", manifestFile).asText();
            ObjectNode config = (ObjectNode) require(h, "config", manifestFile);
            String type = require(config, "type", manifestFile).asText();
            heads.add(headFactory(type, name, manifestFile).create(name, config));
        }

        try (NDManager loading = NDManager.newBaseManager()) {
            Map<String, NDArray> weights = SafetensorsFile.read(loading, directory.resolve(ModelFormat.WEIGHTS));
            byte[] tokenizer = Files.readAllBytes(directory.resolve(ModelFormat.TOKENIZER));
            SharedEncoder encoder = encoderFactory.create(encoderConfig, weights, tokenizer);
            MultiTaskModel.Builder builder = MultiTaskModel.builder().setEncoder(encoder);
            heads.forEach(builder::addHead);
            MultiTaskModel model = builder.build();
            copyHeadWeights(model, weights, directory);
            return model;
        }
    }

    private static void copyHeadWeights(MultiTaskModel model, Map<String, NDArray> weights, Path directory) {
        TreeSet<String> unused = new TreeSet<>(weights.keySet());
        unused.removeAll(model.encoder().namedParameters().keySet());
        for (TaskHead head : model.heads().values()) {
            for (Map.Entry<String, Parameter> e : head.namedParameters().entrySet()) {
                String name = MultiTaskModel.headParameterName(head.name(), e.getKey());
                NDArray saved = weights.get(name);
                if (saved == null) {
                    model.close();
                    throw new IllegalArgumentException(directory.resolve(ModelFormat.WEIGHTS) + ": tensor '" + name
                            + "' of head '" + head.name() + "' is missing");
                }
                NDArray target = e.getValue().getArray();
                if (!saved.getShape().equals(target.getShape())) {
                    model.close();
                    throw new IllegalArgumentException(directory.resolve(ModelFormat.WEIGHTS) + ": tensor '" + name
                            + "' has shape " + saved.getShape() + ", expected " + target.getShape());
                }
                try (NoGradient noGradient = new NoGradient()) {
                    target.set(saved.toFloatArray());
                }
                unused.remove(name);
            }
        }
        if (!unused.isEmpty()) {
            model.close();
            throw new IllegalArgumentException(directory.resolve(ModelFormat.WEIGHTS)
                    + ": tensors not used by any part of the model: " + unused);
        }
    }

    private static JsonNode require(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(file + ": required field '" + field + "' is missing");
        }
        return value;
    }

    private static SharedEncoderFactory encoderFactory(String type, Path file) {
        List<String> known = new ArrayList<>();
        for (SharedEncoderFactory f : ServiceLoader.load(SharedEncoderFactory.class)) {
            if (f.type().equals(type)) {
                return f;
            }
            known.add(f.type());
        }
        throw new IllegalArgumentException(file + ": unknown encoder type '" + type + "'; valid choices: " + known);
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
