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
                    .hasMessage(file + ": truncated or not a safetensors file: it has 3 bytes, fewer than the 8 of the "
                            + "header length");
            Files.write(file, layout("[1, 2, 3]", 0));
            assertThatThrownBy(() -> SafetensorsFile.read(m, file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + ": not a safetensors file: its header does not start with a JSON object");
        }
    }

    /** An 8-byte little-endian header length, the header, then {@code dataBytes} zero bytes. */
    private static byte[] layout(String header, int dataBytes) {
        byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 + json.length + dataBytes)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json);
        return out.array();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            {"a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 400]}}      | 24 | truncated: tensor 'a' has data offsets [0,400] beyond the end of the data (24 bytes)
            {"a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 20]}}       | 20 | not a valid safetensors file: tensor 'a' has dtype F32 and shape [2,3], 6 values of 4 bytes, but its data offsets [0,20] hold 20 bytes
            {"a": {"dtype": "F32", "shape": [1099511627776, 1099511627776], "data_offsets": [0, 4]}} | 4 | not a valid safetensors file: tensor 'a' has a shape too large for a file: [1099511627776,1099511627776]
            {"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}}          | 8  | not a valid safetensors file: tensor 'a' has an invalid shape: [-2]
            {"a": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}           | 8  | not a valid safetensors file: tensor 'a' has invalid data offsets [8,0]
            {"a": {"shape": [2], "data_offsets": [0, 8]}}                           | 8  | not a valid safetensors file: tensor 'a' needs a dtype, a shape and two data_offsets, but has: {"shape":[2],"data_offsets":[0,8]}
            {"a": nope}                                                             | 8  | not a valid safetensors file: its header is not valid JSON (Unrecognized token 'nope': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))
            """)
    void namesTheTensorWhoseLayoutDoesNotFit(String header, int dataBytes, String problem) throws IOException {
        Path file = dir.resolve("corrupt.safetensors");
        Files.write(file, layout(header.strip(), dataBytes));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> SafetensorsFile.read(m, file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + ": " + problem.strip());
        }
    }

    @Test
    void headerLengthBeyondTheFileIsTruncation() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        byte[] bytes = layout("{}", 0);
        Files.write(file, java.util.Arrays.copyOf(bytes, 9));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> SafetensorsFile.read(m, file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + ": truncated: the header length is 2 bytes, but only 1 bytes follow the 8 bytes of "
                            + "the length");
            java.util.Arrays.fill(bytes, 0, 8, (byte) 0xFF);
            Files.write(file, bytes);
            assertThatThrownBy(() -> SafetensorsFile.read(m, file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + ": truncated: the header length is 18446744073709551615 bytes, but only 2 bytes "
                            + "follow the 8 bytes of the length");
        }
    }
}
