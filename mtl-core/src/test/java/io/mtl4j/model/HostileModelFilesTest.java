package io.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.weights.SafetensorsFile;
import io.mtl4j.testing.ToyData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged model folders: each must be refused at load with an {@link IllegalArgumentException} naming
 * the file and what does not fit, never an index, null-pointer or native error.
 */
class HostileModelFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path root;

    /** A small toy model (encoder vocabulary 30522, hidden 32), saved once for all tests. */
    @BeforeAll
    static void saveModel() throws IOException {
        try (MultiTaskModel model = ToyData.model(1, false)) {
            model.save(shared.resolve("model"), false);
        }
    }

    /** Copies the saved model into this test's folder and returns the copy. */
    private Path savedModel() throws IOException {
        return copyTree(shared.resolve("model"), root.resolve("model"));
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        return to;
    }

    /** The loaders of a model folder: the whole model, or only its heads and tokenizer. */
    enum Loader {
        MODEL, SAVED_HEADS;

        void load(Path dir) throws IOException {
            if (this == MODEL) {
                MultiTaskModel.load(dir).close();
            } else {
                SavedHeads.load(dir).close();
            }
        }
    }

    /** Where a truncated weights file ends. */
    enum Cut {
        INSIDE_THE_LENGTH, AFTER_THE_LENGTH, INSIDE_THE_HEADER, INSIDE_THE_DATA
    }

    @ParameterizedTest
    @EnumSource(Cut.class)
    void truncatedWeightsNameTheFileAndWhatIsCut(Cut cut) throws IOException {
        Path dir = savedModel();
        Path weights = dir.resolve(ModelFormat.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        int headerLength = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int keep = switch (cut) {
            case INSIDE_THE_LENGTH -> 5;
            case AFTER_THE_LENGTH -> 8;
            case INSIDE_THE_HEADER -> 8 + headerLength / 2;
            case INSIDE_THE_DATA -> bytes.length - 3;
        };
        Files.write(weights, Arrays.copyOf(bytes, keep));

        String expected = switch (cut) {
            case INSIDE_THE_LENGTH -> "truncated or not a safetensors file: it has 5 bytes, fewer than the 8 of the header length";
            case AFTER_THE_LENGTH, INSIDE_THE_HEADER -> "truncated: the header length is " + headerLength + " bytes, but only "
                    + (keep - 8) + " bytes follow the 8 bytes of the length";
            case INSIDE_THE_DATA -> "truncated: tensor '" + lastTensor(bytes, headerLength) + " beyond the end of the data ("
                    + (keep - 8 - headerLength) + " bytes)";
        };
        for (Loader loader : Loader.values()) {
            assertThatThrownBy(() -> loader.load(dir))
                    .as(loader.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(weights + ": " + expected);
        }
    }

    /** The name and offsets of the tensor whose data ends the file, as {@code name' has data offsets [a,b]}. */
    private static String lastTensor(byte[] bytes, int headerLength) throws IOException {
        JsonNode header = JSON.readTree(new String(bytes, 8, headerLength, StandardCharsets.UTF_8));
        String last = null;
        for (var it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__") && e.getValue().get("data_offsets").get(1).asLong()
                    == bytes.length - 8 - headerLength) {
                last = e.getKey() + "' has data offsets " + e.getValue().get("data_offsets");
            }
        }
        assertThat(last).isNotNull();
        return last;
    }

    @Test
    void encoderTensorWithTheWrongShapeIsNamedWithBothShapes() throws IOException {
        Path dir = savedModel();
        replaceTensor(dir, "embeddings.word_embeddings.weight", new Shape(30522, 16));

        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": cannot load its 'bert' encoder: saved encoder weights: tensor "
                        + "embeddings.word_embeddings.weight has shape (30522, 16), expected (30522, 32)");
    }

    @Test
    void headTensorWithTheWrongShapeIsNamedWithBothShapes() throws IOException {
        Path dir = savedModel();
        replaceTensor(dir, "heads.place.classifier.weight", new Shape(4, 32));

        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve(ModelFormat.WEIGHTS) + ": tensor 'heads.place.classifier.weight' has shape "
                        + "(4, 32), expected (3, 32)");
    }

    /** Replaces a tensor in the heads' file or, for an encoder tensor, in {@code encoder/model.safetensors}. */
    private static void replaceTensor(Path dir, String name, Shape shape) throws IOException {
        Path weights = (name.startsWith("heads.") ? dir : dir.resolve(ModelFormat.ENCODER_FOLDER))
                .resolve(ModelFormat.WEIGHTS);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>(SafetensorsFile.read(manager, weights));
            assertThat(tensors).containsKey(name);
            tensors.put(name, manager.zeros(shape));
            SafetensorsFile.write(weights, tensors);
        }
    }

    @Test
    void tokenizerWithIdsBeyondTheEmbeddingTableIsRefusedAtLoad() throws IOException {
        Path dir = savedModel();
        Path tokenizer = dir.resolve(ModelFormat.ENCODER_FOLDER).resolve(ModelFormat.TOKENIZER);
        ObjectNode json = (ObjectNode) JSON.readTree(tokenizer.toFile());
        ArrayNode added = (ArrayNode) json.get("added_tokens");
        added.add(((ObjectNode) added.get(0).deepCopy()).put("id", 30530).put("content", "[EXTRA]"));
        JSON.writeValue(tokenizer.toFile(), json);

        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": cannot load its 'bert' encoder: the tokenizer's vocabulary has 30531 tokens, but the "
                        + "encoder's vocab_size is 30522: token ids 30522 to 30530 would have no row in the word embeddings");
    }

    @Test
    void manifestThatIsNotJsonOrNotAnObjectIsRefused() throws IOException {
        Path dir = savedModel();
        Path manifest = dir.resolve(ModelFormat.MANIFEST);
        String valid = Files.readString(manifest);

        Files.writeString(manifest, valid.substring(0, valid.length() / 2));
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(manifest + ": not valid JSON: Unexpected end-of-input");
        Files.writeString(manifest, "");
        for (Loader loader : Loader.values()) {
            assertThatThrownBy(() -> loader.load(dir))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(manifest + ": expected a JSON object, but found an empty file");
        }
        Files.writeString(manifest, "[1]");
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(manifest + ": expected a JSON object, but found ARRAY");
        ObjectNode root = (ObjectNode) JSON.readTree(valid);
        ((ObjectNode) root.get("heads").get(0)).put("config", 5);
        JSON.writeValue(manifest.toFile(), root);
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(manifest + ": field 'config' must be a JSON object, but is: 5");
    }

    @Test
    void manifestNamingAnUnknownEncoderTypeListsTheKnownOnes() throws IOException {
        Path dir = savedModel();
        Path manifest = dir.resolve(ModelFormat.MANIFEST);
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(manifest));
        ((ObjectNode) root.get("encoder")).put("type", "gpt");
        JSON.writeValue(manifest.toFile(), root);
        assertThatThrownBy(() -> MultiTaskModel.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(manifest + ": unknown encoder type 'gpt'; valid choices: [bert]");
    }

    @Test
    void folderLeftBehindByAnInterruptedSaveIsNotTakenForAModel() throws IOException {
        Path saved = savedModel();
        Path target = root.resolve("fresh");
        // A save writes the encoder folder and the heads' weights into a hidden sibling, the manifest last, then renames it.
        Path leftover = Files.createDirectory(root.resolve(".fresh.tmp-5f0c3a52-6d2e-4b8e-9a41-0c1d2e3f4a5b"));
        Files.copy(saved.resolve(ModelFormat.WEIGHTS), leftover.resolve(ModelFormat.WEIGHTS));
        copyTree(saved.resolve(ModelFormat.ENCODER_FOLDER), leftover.resolve(ModelFormat.ENCODER_FOLDER));

        for (Loader loader : Loader.values()) {
            assertThatThrownBy(() -> loader.load(target))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(target + " is not an mtl4j model folder: it does not exist");
            assertThatThrownBy(() -> loader.load(leftover))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(leftover + " is not an mtl4j model folder: mtl4j-model.json is missing");
        }
        try (MultiTaskModel model = ToyData.model(2, false)) {
            model.save(target, false);
        }
        MultiTaskModel.load(target).close();
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model", "fresh", leftover.getFileName().toString());
        }
        Path file = Files.writeString(root.resolve("file"), "not a folder");
        assertThatThrownBy(() -> MultiTaskModel.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " is not an mtl4j model folder: it is a file");
    }

    @Test
    void failedSaveLeavesNeitherTheTargetNorItsTemporaryFolder() throws IOException {
        Path target = root.resolve("broken");
        MultiTaskModel model = ToyData.model(3, false);
        model.close();

        // The weights of a closed model are freed: writing them fails after the temporary folder was made.
        assertThatThrownBy(() -> model.save(target, false)).isInstanceOf(IllegalStateException.class);
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files).isEmpty();
        }
    }
}
