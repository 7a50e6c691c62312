package io.mtl4j.encoder.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.testing.EncoderInputs;
import io.mtl4j.text.TokenizedText;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The acceptance test: all-MiniLM-L6-v2 in DJL matches ONNX Runtime on the same ONNX file. */
class BertOnnxParityTest {

    private static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Café crème brûlée in Zürich 😀 naïve résumé!",
            "Short.",
            "Multi-task learning shares one encoder between several heads, which saves time and memory.");

    @Test
    void matchesOnnxRuntimeOnLastHiddenStateAndMeanPooledEmbeddings() throws Exception {
        try (BertEncoder encoder = BertEncoder.allMiniLmL6V2();
                NDManager manager = NDManager.newBaseManager()) {
            assertThat(encoder.bertConfig()).isEqualTo(BertConfig.allMiniLmL6V2());
            assertThat(encoder.maxLength()).isEqualTo(256);
            assertThat(encoder.pooling()).isEqualTo(Pooling.MEAN);

            List<TokenizedText> texts = encoder.tokenizer().tokenize(SENTENCES);
            long[][][] inputs = EncoderInputs.arrays(texts, 0);
            NDList out = encoder.block().forward(new ParameterStore(manager, false),
                    EncoderInputs.of(manager, texts, 0), false);
            float[][][] expected = runOnnxRuntime(inputs);

            NDArray sequence = out.get(0);
            NDArray pooled = out.get(1);
            int t = inputs[0][0].length;
            assertThat(sequence.getShape().getShape()).containsExactly(4, t, 384);
            assertThat(pooled.getShape().getShape()).containsExactly(4, 384);
            float[] actualSequence = sequence.toFloatArray();
            float[] actualPooled = pooled.toFloatArray();
            double maxSequenceDiff = 0;
            double maxPooledDiff = 0;
            for (int b = 0; b < texts.size(); b++) {
                int length = texts.get(b).length();
                float[] mean = new float[384];
                for (int i = 0; i < length; i++) {
                    for (int h = 0; h < 384; h++) {
                        float e = expected[b][i][h];
                        mean[h] += e / length;
                        maxSequenceDiff = Math.max(maxSequenceDiff, Math.abs(actualSequence[(b * t + i) * 384 + h] - e));
                    }
                }
                for (int h = 0; h < 384; h++) {
                    maxPooledDiff = Math.max(maxPooledDiff, Math.abs(actualPooled[b * 384 + h] - mean[h]));
                }
            }
            assertThat(maxSequenceDiff).isLessThanOrEqualTo(1e-4);
            assertThat(maxPooledDiff).isLessThanOrEqualTo(1e-4);
            // The batch really was padded: lengths differ.
            assertThat(texts.stream().mapToInt(TokenizedText::length).distinct().count()).isEqualTo(4);
        }
    }

    private static float[][][] runOnnxRuntime(long[][][] inputs) throws OrtException, IOException {
        byte[] model;
        try (InputStream in = BertOnnxParityTest.class.getClassLoader()
                .getResourceAsStream(BertEncoder.MINILM_ONNX_RESOURCE)) {
            model = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                    OnnxTensor ids = OnnxTensor.createTensor(env, inputs[0]);
                    OnnxTensor mask = OnnxTensor.createTensor(env, inputs[1]);
                    OnnxTensor types = OnnxTensor.createTensor(env, inputs[2]);
                    OrtSession.Result result = session.run(
                            Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
                return (float[][][]) result.get(0).getValue();
            }
        }
    }
}
