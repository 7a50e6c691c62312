package io.mtl4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.model.MultiTaskModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads resumable checkpoints in {@code <output>/checkpoints/step-<n>/}: the model
 * ({@code model/}), the AdamW moments ({@code optimizer.safetensors} + {@code optimizer.json}), the
 * best weights so far ({@code best.safetensors}, when dev evaluation ran) and {@code trainer-state.json}.
 *
 * <p>A checkpoint is written into a hidden {@code .tmp-step-<n>} folder and renamed into place, so a
 * kill leaves either a whole checkpoint or none; only the newest {@code kept} are kept. Reading loads
 * everything onto the Java heap before anything is applied, so a corrupt checkpoint is detected whole
 * and the previous one is used instead.
 */
final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d+)");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path root;
    private final int kept;

    /**
     * @param root the {@code checkpoints} folder
     * @param kept how many checkpoints to keep
     */
    CheckpointStore(Path root, int kept) {
        this.root = root;
        this.kept = kept;
    }

    /** Everything a checkpoint holds, on the Java heap. */
    record Loaded(Path directory, TrainerState state, Map<String, float[]> weights,
            Map<String, float[]> bestWeights, Map<String, AdamW.Moments> optimizer) {
    }

    /** Writes the checkpoint of {@code state.step()} and drops the oldest beyond {@code kept}. */
    void write(TrainerState state, MultiTaskModel model, AdamW optimizer, Map<String, float[]> bestWeights,
            Map<String, Parameter> parameters) {
        Path target = root.resolve("step-" + state.step());
        Path temp = root.resolve(".tmp-step-" + state.step());
        try {
            Files.createDirectories(root);
            deleteTree(temp);
            Files.createDirectories(temp);
            model.save(temp.resolve("model"), false);
            Map<String, AdamW.Moments> moments = optimizer.exportState();
            try (NDManager manager = NDManager.newBaseManager()) {
                Map<String, NDArray> tensors = new LinkedHashMap<>();
                ObjectNode steps = JSON.createObjectNode();
                moments.forEach((name, mo) -> {
                    tensors.put("m." + name, manager.create(mo.m(), new Shape(mo.shape())));
                    tensors.put("v." + name, manager.create(mo.v(), new Shape(mo.shape())));
                    steps.put(name, mo.step());
                });
                SafetensorsFile.write(temp.resolve("optimizer.safetensors"), tensors);
                JSON.writeValue(temp.resolve("optimizer.json").toFile(), steps);
                if (bestWeights != null) {
                    Map<String, NDArray> best = new LinkedHashMap<>();
                    bestWeights.forEach((name, w) ->
                            best.put(name, manager.create(w, parameters.get(name).getArray().getShape())));
                    SafetensorsFile.write(temp.resolve("best.safetensors"), best);
                }
            }
            // Written last: a folder without it is incomplete.
            JSON.writeValue(temp.resolve("trainer-state.json").toFile(), state);
            deleteTree(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            List<Path> all = checkpoints();
            for (int i = kept; i < all.size(); i++) {
                deleteTree(all.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target, e);
        }
    }

    /** @return the checkpoint folders, newest (highest step) first */
    List<Path> checkpoints() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isDirectory(p) && STEP_DIR.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(CheckpointStore::stepOf).reversed())
                    .toList();
        }
    }

    private static int stepOf(Path directory) {
        Matcher m = STEP_DIR.matcher(directory.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint folder (step-<n>): " + directory);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Loads the newest checkpoint that reads completely; each newer one that does not is named in a
     * warning.
     *
     * @return the checkpoint
     * @throws IllegalStateException if there is none, or none loads
     */
    Loaded loadNewest() {
        List<Path> all;
        try {
            all = checkpoints();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + root, e);
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no checkpoint (step-<n> folder) in " + root);
        }
        for (Path candidate : all) {
            try {
                return load(candidate);
            } catch (RuntimeException | IOException e) {
                LOG.warn("checkpoint {} cannot be loaded ({}); falling back to an older one", candidate,
                        e.getMessage());
            }
        }
        throw new IllegalStateException("none of the " + all.size() + " checkpoints in " + root + " can be loaded");
    }

    /**
     * Loads one checkpoint folder completely.
     *
     * @param directory a {@code step-<n>} folder
     * @return its content
     * @throws IOException if a file cannot be read
     * @throws RuntimeException if a file is corrupt
     */
    static Loaded load(Path directory) throws IOException {
        TrainerState state = JSON.readValue(directory.resolve("trainer-state.json").toFile(), TrainerState.class);
        if (state.step() != stepOf(directory)) {
            throw new IllegalStateException(directory + "/trainer-state.json: step is " + state.step()
                    + ", but the folder is " + directory.getFileName());
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        try (MultiTaskModel model = MultiTaskModel.load(directory.resolve("model"))) {
            model.namedParameters().forEach((name, p) -> weights.put(name, p.getArray().toFloatArray()));
        }
        Map<String, AdamW.Moments> moments = new TreeMap<>();
        Map<String, float[]> best = null;
        try (NDManager manager = NDManager.newBaseManager()) {
            JsonNode steps = JSON.readTree(directory.resolve("optimizer.json").toFile());
            Map<String, NDArray> tensors = SafetensorsFile.read(manager, directory.resolve("optimizer.safetensors"));
            for (var it = steps.fields(); it.hasNext(); ) {
                var e = it.next();
                NDArray m = required(tensors, "m." + e.getKey(), directory);
                NDArray v = required(tensors, "v." + e.getKey(), directory);
                moments.put(e.getKey(), new AdamW.Moments(m.toFloatArray(), v.toFloatArray(), m.getShape().getShape(),
                        e.getValue().intValue()));
            }
            Path bestFile = directory.resolve("best.safetensors");
            if (Files.exists(bestFile)) {
                best = new LinkedHashMap<>();
                for (var e : SafetensorsFile.read(manager, bestFile).entrySet()) {
                    best.put(e.getKey(), e.getValue().toFloatArray());
                }
            }
        }
        return new Loaded(directory, state, weights, best, moments);
    }

    private static NDArray required(Map<String, NDArray> tensors, String name, Path directory) {
        NDArray array = tensors.get(name);
        if (array == null) {
            throw new IllegalStateException(directory + "/optimizer.safetensors: no tensor '" + name + "'");
        }
        return array;
    }

    /**
     * @param model a model
     * @return its tasks and each task's labels, in order
     */
    static Map<String, List<String>> labelsOf(MultiTaskModel model) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        model.heads().forEach((task, head) -> labels.put(task, List.copyOf(head.labels().labels())));
        return labels;
    }

    /**
     * Refuses a checkpoint whose tasks or labels differ from the model's.
     *
     * @throws IllegalArgumentException naming the first differing task or label
     */
    static void requireSameLabels(Path checkpoint, Map<String, List<String>> saved, Map<String, List<String>> model) {
        for (String task : saved.keySet()) {
            if (!model.containsKey(task)) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " has task '" + task
                        + "', which the model does not have; the model's tasks: " + model.keySet());
            }
        }
        for (Map.Entry<String, List<String>> e : model.entrySet()) {
            List<String> theirs = saved.get(e.getKey());
            if (theirs == null) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " has no task '" + e.getKey()
                        + "'; its tasks: " + saved.keySet());
            }
            if (!theirs.equals(e.getValue())) {
                List<String> differing = new ArrayList<>();
                for (int i = 0; i < Math.max(theirs.size(), e.getValue().size()); i++) {
                    String a = i < theirs.size() ? theirs.get(i) : null;
                    String b = i < e.getValue().size() ? e.getValue().get(i) : null;
                    if (a == null || !a.equals(b)) {
                        differing.add("#" + i + " " + a + " (model: " + b + ")");
                    }
                }
                throw new IllegalArgumentException("checkpoint " + checkpoint + ": task '" + e.getKey()
                        + "' has labels " + theirs + ", the model " + e.getValue() + "; differing: " + differing);
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
