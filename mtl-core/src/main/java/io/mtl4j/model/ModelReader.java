package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.SharedEncoderFactory;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.head.TaskHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a model folder written by {@link ModelWriter}, saying exactly what does not match. */
final class ModelReader {

    private ModelReader() {
    }

    static MultiTaskModel read(Path directory) throws IOException {
        ModelManifest manifest = ModelManifest.read(directory);
        SharedEncoderFactory encoderFactory = encoderFactory(manifest.encoderType(), manifest.file());
        ObjectNode encoderConfig = manifest.encoderConfig();
        List<TaskHead> heads = manifest.heads();

        try (NDManager loading = NDManager.newBaseManager()) {
            Map<String, NDArray> encoderWeights = SafetensorsFile.read(loading, manifest.encoderWeights());
            boolean oneFile = manifest.encoderWeights().equals(manifest.headWeights());
            Map<String, NDArray> headWeights = oneFile ? encoderWeights
                    : SafetensorsFile.read(loading, manifest.headWeights());
            byte[] tokenizer = Files.readAllBytes(manifest.tokenizer());
            SharedEncoder encoder;
            try {
                encoder = encoderFactory.create(encoderConfig, encoderWeights, tokenizer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(directory + ": cannot load its '" + manifest.encoderType()
                        + "' encoder: " + e.getMessage(), e);
            }
            MultiTaskModel.Builder builder = MultiTaskModel.builder().setEncoder(encoder);
            heads.forEach(builder::addHead);
            MultiTaskModel model = builder.build();
            try {
                Set<String> usedByHeads = copyHeadWeights(model.heads().values(), headWeights, manifest.headWeights());
                TreeSet<String> unusedEncoder = new TreeSet<>(encoderWeights.keySet());
                unusedEncoder.removeAll(model.encoder().namedParameters().keySet());
                TreeSet<String> unusedHeads = new TreeSet<>(oneFile ? unusedEncoder : headWeights.keySet());
                unusedHeads.removeAll(usedByHeads);
                if (!oneFile) {
                    requireAllUsed(unusedEncoder, manifest.encoderWeights());
                }
                requireAllUsed(unusedHeads, manifest.headWeights());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            return model;
        }
    }

    private static void requireAllUsed(Set<String> unused, Path file) {
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(file + ": tensors not used by any part of the model: " + unused);
        }
    }

    /**
     * Copies the saved values into initialised heads.
     *
     * @param file where the weights were read from, for messages
     * @return the names of the tensors used
     */
    static Set<String> copyHeadWeights(Collection<TaskHead> heads, Map<String, NDArray> weights, Path file) {
        Set<String> used = new TreeSet<>();
        for (TaskHead head : heads) {
            for (Map.Entry<String, Parameter> e : head.namedParameters().entrySet()) {
                String name = MultiTaskModel.headParameterName(head.name(), e.getKey());
                NDArray saved = weights.get(name);
                if (saved == null) {
                    throw new IllegalArgumentException(file + ": tensor '" + name
                            + "' of head '" + head.name() + "' is missing");
                }
                NDArray target = e.getValue().getArray();
                if (!saved.getShape().equals(target.getShape())) {
                    throw new IllegalArgumentException(file + ": tensor '" + name
                            + "' has shape " + saved.getShape() + ", expected " + target.getShape());
                }
                try (NoGradient noGradient = new NoGradient()) {
                    target.set(saved.toFloatArray());
                }
                used.add(name);
            }
        }
        return used;
    }

    private static SharedEncoderFactory encoderFactory(String type, Path file) {
        try {
            return SharedEncoderFactory.forType(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

}
