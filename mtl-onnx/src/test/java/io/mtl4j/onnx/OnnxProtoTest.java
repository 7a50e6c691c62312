package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.encoder.Pooling;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.onnx.OnnxProto.Model;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OnnxProtoTest {

    @Test
    void writtenModelsReadBackEqual() {
        try (MultiTaskModel model = Reference.model(41, false, Pooling.CLS)) {
            Model exported = OnnxExporter.toModel(model);
            Model quantized = OnnxQuantizer.quantize(exported, QuantizationGranularity.PER_CHANNEL);

            assertThat(OnnxProtoReader.parse(OnnxProtoWriter.toBytes(exported))).isEqualTo(exported);
            assertThat(OnnxProtoReader.parse(OnnxProtoWriter.toBytes(quantized))).isEqualTo(quantized);
            assertThat(quantized).isNotEqualTo(exported);
        }
    }

    @Test
    void bytesWithoutAGraphAreNotAModel() {
        // Field 1 (ir_version) = 8, then nothing else.
        assertThatThrownBy(() -> OnnxProtoReader.parse(new byte[] {0x08, 0x08}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an ONNX model: no graph (ModelProto field 7)");
        // Field 7 (graph) announces 5 bytes but holds 1.
        assertThatThrownBy(() -> OnnxProtoReader.parse(new byte[] {0x3A, 0x05, 0x01}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid ONNX model: While parsing a protocol message, the input ended "
                        + "unexpectedly");
        // Field 14 (metadata_props) as a varint.
        assertThatThrownBy(() -> OnnxProtoReader.parse("plain text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an ONNX model: ModelProto.metadata_props has wire type 0");
    }
}
