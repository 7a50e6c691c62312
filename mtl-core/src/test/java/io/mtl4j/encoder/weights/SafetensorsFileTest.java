package io.mtl4j.encoder.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsNamesOrderShapesAndValues() throws IOException {
        Path file = dir.resolve("model.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            NDArray weight = m.create(new float[] {1.5f, -2f, 3f, 0.25f, 5f, 6f}, new Shape(2, 3));
            weight.setName("keep-me");
            tensors.put("z.weight", weight);
            tensors.put("a.bias", m.create(new float[] {7f, 8f}));
            tensors.put("position_ids", m.create(new long[] {0, 1, 2}, new Shape(1, 3)));
            SafetensorsFile.write(file, tensors);
            assertThat(weight.getName()).isEqualTo("keep-me");

            // The file starts with the 8-byte little-endian header length, then the JSON header.
            byte[] bytes = Files.readAllBytes(file);
            assertThat((char) bytes[8]).isEqualTo('{');

            Map<String, NDArray> read = SafetensorsFile.read(m, file);
            assertThat(read.keySet()).containsExactly("z.weight", "a.bias", "position_ids");
            assertThat(read.get("z.weight").getShape()).isEqualTo(new Shape(2, 3));
            assertThat(read.get("z.weight").toFloatArray()).containsExactly(1.5f, -2f, 3f, 0.25f, 5f, 6f);
            assertThat(read.get("a.bias").toFloatArray()).containsExactly(7f, 8f);
            assertThat(read.get("position_ids").getDataType()).isEqualTo(DataType.INT64);
            assertThat(read.get("position_ids").toLongArray()).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void namesTheFileThatIsNotSafetensors() throws IOException {
        Path file = dir.resolve("broken.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> SafetensorsFile.read(m, file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + ": not a safetensors file: its header does not start with a JSON object");
        }
    }
}
