package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.head.Logits;
import io.mtl4j.predict.ForwardPass;
import io.mtl4j.predict.PaddedBatch;
import io.mtl4j.predict.PassOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoder pass on DJL/PyTorch: every array lives in a per-batch sub-manager of the model's, closed
 * before returning, with gradients off. Thread-safe.
 */
final class DjlForwardPass implements ForwardPass {

    private final MultiTaskModel model;
    private final int intraOpThreads;
    // PyTorch keeps the intra-op thread count per calling thread (OpenMP), so it is set once per thread.
    private final ThreadLocal<Boolean> threadsSet = ThreadLocal.withInitial(() -> false);

    DjlForwardPass(MultiTaskModel model, int intraOpThreads) {
        this.model = model;
        this.intraOpThreads = intraOpThreads;
    }

    @Override
    public PassOutput run(PaddedBatch batch, boolean embeddings) {
        if (intraOpThreads > 0 && !threadsSet.get()) {
            JniUtils.setNumThreads(intraOpThreads);
            threadsSet.set(true);
        }
        try (NoGradient noGradient = new NoGradient();
                NDManager batchManager = model.manager().newSubManager();
                NDScope scope = new NDScope()) {
            Shape shape = new Shape(batch.batch(), batch.length());
            NDList inputs = new NDList(
                    batchManager.create(batch.inputIds(), shape),
                    batchManager.create(batch.attentionMask(), shape),
                    batchManager.create(batch.tokenTypeIds(), shape));
            ModelOutput output = model.forward(new ParameterStore(batchManager, false), inputs, false, null);
            Map<String, Logits> logits = new LinkedHashMap<>();
            output.logits().forEach((task, array) -> logits.put(task, Logits.of(array)));
            float[] pooled = null;
            if (embeddings) {
                NDArray p = output.encoderOutput().get(1);
                pooled = p.toFloatArray();
            }
            return new PassOutput(logits, pooled, model.encoder().hiddenSize());
        }
    }
}
