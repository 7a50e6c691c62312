package io.mtl4j.onnx;

import io.mtl4j.head.Logits;
import io.mtl4j.predict.ForwardPass;
import io.mtl4j.predict.PaddedBatch;
import io.mtl4j.predict.PassOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/** The encoder pass on ONNX Runtime: one session run gives every head's logits and the embeddings. */
record OnnxForwardPass(OnnxRunner runner) implements ForwardPass {

    @Override
    public PassOutput run(PaddedBatch batch, boolean embeddings) {
        OnnxOutputs out = runner.run(batch.inputIds(), batch.attentionMask(), batch.tokenTypeIds(),
                batch.batch(), batch.length());
        Map<String, Logits> logits = new LinkedHashMap<>();
        for (String task : runner.tasks()) {
            logits.put(task, out.logits(task));
        }
        int hidden = Math.toIntExact(out.embedding().shape()[1]);
        return new PassOutput(logits, embeddings ? out.embedding().data() : null, hidden);
    }
}
