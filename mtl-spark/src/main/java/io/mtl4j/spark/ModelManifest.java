package io.mtl4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TaskType;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.model.ModelFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of a saved model, read from its manifest alone: the driver derives the output schema without
 * loading weights or native libraries.
 *
 * @param file the manifest file
 * @param headTypes each head's type name ({@code config.type}) by task name, in the model's order
 */
record ModelManifest(Path file, Map<String, String> headTypes) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, TaskType> COLUMN_TYPES = Map.of(
            SequenceClassificationHead.TYPE, TaskType.SEQUENCE_CLASSIFICATION,
            TokenClassificationHead.TYPE, TaskType.TOKEN_CLASSIFICATION);

    ModelManifest {
        headTypes = Collections.unmodifiableMap(new LinkedHashMap<>(headTypes));
    }

    /**
     * @param modelDirectory a model folder written by {@code MultiTaskModel.save}
     * @return its tasks
     * @throws IllegalArgumentException if the folder has no manifest, or a head has no name or no type
     * @throws UncheckedIOException if the manifest cannot be read
     */
    static ModelManifest read(Path modelDirectory) {
        Path file = modelDirectory.resolve(ModelFormat.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(modelDirectory + " is not an mtl4j model folder: " + ModelFormat.MANIFEST
                    + " is missing");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode heads = root.path("heads");
        if (!heads.isArray() || heads.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected a non-empty array 'heads'");
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < heads.size(); i++) {
            JsonNode head = heads.get(i);
            String name = head.path("name").asText("");
            String type = head.path("config").path("type").asText("");
            if (name.isEmpty() || type.isEmpty()) {
                throw new IllegalArgumentException(file + ": heads[" + i + "] needs a 'name' and a 'config.type'");
            }
            types.put(name, type);
        }
        return new ModelManifest(file, types);
    }

    /**
     * @param tasks the tasks to output, or null for all of them
     * @return their columns, in the model's order
     * @throws IllegalArgumentException naming a task the model does not have, or whose head type has no
     *     columns here
     */
    List<TaskOutput> outputs(List<String> tasks) {
        if (tasks != null) {
            for (String task : tasks) {
                if (!headTypes.containsKey(task)) {
                    throw new IllegalArgumentException("the model has no task '" + task + "'; tasks in " + file + ": "
                            + headTypes.keySet());
                }
            }
        }
        List<TaskOutput> outputs = new ArrayList<>();
        for (Map.Entry<String, String> head : headTypes.entrySet()) {
            if (tasks != null && !tasks.contains(head.getKey())) {
                continue;
            }
            TaskType type = COLUMN_TYPES.get(head.getValue());
            if (type == null) {
                throw new IllegalArgumentException(file + ": head '" + head.getKey() + "' has type '"
                        + head.getValue() + "', which has no Spark columns; supported types: "
                        + SequenceClassificationHead.TYPE + ", " + TokenClassificationHead.TYPE
                        + " (leave the task out with optTasks)");
            }
            outputs.add(new TaskOutput(head.getKey(), type));
        }
        return outputs;
    }
}
