package io.mtl4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.encoder.weights.FloatTensor;
import io.mtl4j.encoder.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator accepts what the specifications allow and names what they do not. */
class HuggingFaceFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static BertEncoder tiny;

    @TempDir
    Path dir;

    @BeforeAll
    static void create() {
        tiny = TinyBert.create(5);
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    /** A safetensors file from a hand-written header and a byte buffer of {@code bufferLength} zeros. */
    private Path safetensors(String header, int bufferLength) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + bufferLength).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h);
        return Files.write(dir.resolve("t.safetensors"), out.array());
    }

    @Test
    void acceptsWhatTheSpecificationAllows() throws IOException {
        Path file = safetensors("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]},"
                + "\"a\":{\"shape\":[2],\"data_offsets\":[0,8],\"dtype\":\"F32\"},"
                + "\"empty\":{\"dtype\":\"BF16\",\"shape\":[0,3],\"data_offsets\":[16,16]}}   ", 16);
        assertThat(HuggingFaceFormat.checkSafetensors(file)).containsExactly(
                Map.entry("b", new HuggingFaceFormat.Tensor("I64", List.of(1L), 8, 16)),
                Map.entry("a", new HuggingFaceFormat.Tensor("F32", List.of(2L), 0, 8)),
                Map.entry("empty", new HuggingFaceFormat.Tensor("BF16", List.of(0L, 3L), 16, 16)));

        Path written = dir.resolve("w.safetensors");
        SafetensorsFile.writeFloat32(written, Map.of("x", new FloatTensor(new long[] {2, 2}, new float[4])),
                Map.of("format", "pt"));
        assertThat(HuggingFaceFormat.checkSafetensors(written))
                .containsExactly(Map.entry("x", new HuggingFaceFormat.Tensor("F32", List.of(2L, 2L), 0, 16)));
    }

    @Test
    void namesEachBreachOfTheSafetensorsSpecification() throws IOException {
        String a = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        assertBroken("{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16,
                "tensor 'b' data_offsets begin at 12, expected 8 (offsets must be contiguous and must not overlap)");
        assertBroken("{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
                "tensor 'b' data_offsets begin at 4, expected 8 (offsets must be contiguous and must not overlap)");
        assertBroken("{" + a + "}", 12, "the tensors' data ends at 8, but the byte buffer has 12 bytes");
        assertBroken("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
                "tensor 'a' has dtype F32 and shape [3] (12 bytes), but data_offsets [0,8] span 8 bytes");
        assertBroken("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8,
                "tensor 'a' data_offsets must be [begin, end] with 0 <= begin <= end, but are: [8,0]");
        assertBroken("{\"a\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8,
                "tensor 'a' has dtype \"F33\", not one of [BF16, BOOL, F16, F32, F64, F8_E4M3, F8_E5M2, I16, I32, "
                        + "I64, I8, U16, U32, U64, U8]");
        assertBroken("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"name\":\"a\"}}", 8,
                "tensor 'a' must have exactly the keys [data_offsets, dtype, shape], but has: "
                        + "[data_offsets, dtype, name, shape]");
        assertBroken("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8,
                "tensor 'a' must have exactly the keys [data_offsets, dtype, shape], but has: [data_offsets, dtype]");
        assertBroken("{\"__metadata__\":{\"format\":1}," + a + "}", 8,
                "__metadata__ value of 'format' must be a string, but is: 1");
        assertBroken("{" + a + "," + a + "}", 8, "header is not valid JSON: Duplicate field 'a'");
        assertBroken("[1]", 0, "header does not start with '{'");
        assertBroken("{" + a + "}x", 8, "header has trailing bytes other than spaces after the JSON object");

        Path tooLong = dir.resolve("long.safetensors");
        Files.write(tooLong, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100).array());
        assertThatThrownBy(() -> HuggingFaceFormat.checkSafetensors(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(tooLong + ": header length 100 does not fit the 8 bytes after the length");
    }

    private void assertBroken(String header, int bufferLength, String message) throws IOException {
        Path file = safetensors(header, bufferLength);
        assertThatThrownBy(() -> HuggingFaceFormat.checkSafetensors(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void namesAMissingOrWrongConfigKey() throws IOException {
        Path folder = dir.resolve("hf");
        tiny.saveHuggingFaceFolder(folder, false);
        HuggingFaceFormat.checkBertFolder(folder, TinyBert.config(), Pooling.MEAN, TinyBert.MAX_LENGTH);
        Path config = folder.resolve("config.json");
        String original = Files.readString(config);

        ObjectNode json = (ObjectNode) JSON.readTree(original);
        json.remove("num_attention_heads");
        JSON.writeValue(config.toFile(), json);
        assertThatThrownBy(() -> HuggingFaceFormat.checkBertConfig(config, TinyBert.config()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(config + ": required key 'num_attention_heads' is missing");

        json = (ObjectNode) JSON.readTree(original);
        json.put("hidden_size", "32");
        JSON.writeValue(config.toFile(), json);
        assertThatThrownBy(() -> HuggingFaceFormat.checkBertConfig(config, TinyBert.config()))
                .hasMessage(config + ": key 'hidden_size' must be the integer 32, but is: \"32\"");

        json = (ObjectNode) JSON.readTree(original);
        json.put("model_type", "roberta");
        JSON.writeValue(config.toFile(), json);
        assertThatThrownBy(() -> HuggingFaceFormat.checkBertConfig(config, TinyBert.config()))
                .hasMessage(config + ": key 'model_type' must be \"bert\", but is: \"roberta\"");

        json = (ObjectNode) JSON.readTree(original);
        json.put("layer_norm_eps", 1e-5);
        JSON.writeValue(config.toFile(), json);
        assertThatThrownBy(() -> HuggingFaceFormat.checkBertConfig(config, TinyBert.config()))
                .hasMessage(config + ": key 'layer_norm_eps' must be the number 1.0E-12, but is: 1.0E-5");
    }

    @Test
    void refusesTensorsBertModelDoesNotHave() throws IOException {
        Path folder = dir.resolve("hf");
        tiny.saveHuggingFaceFolder(folder, false);
        Path weights = folder.resolve("model.safetensors");
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        tiny.namedParameters().forEach((name, p) -> tensors.put(name,
                new FloatTensor(p.getArray().getShape().getShape(), p.getArray().toFloatArray())));
        tensors.put("embeddings.position_ids", new FloatTensor(new long[] {1, 64}, new float[64]));
        tensors.remove("encoder.layer.1.output.dense.bias");
        SafetensorsFile.writeFloat32(weights, tensors, Map.of());
        assertThatThrownBy(() -> HuggingFaceFormat.checkBertFolder(folder, TinyBert.config(), Pooling.MEAN,
                TinyBert.MAX_LENGTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(weights + ": tensors differ from BertModel's: missing [encoder.layer.1.output.dense.bias], "
                        + "unexpected [embeddings.position_ids]");
    }
}
