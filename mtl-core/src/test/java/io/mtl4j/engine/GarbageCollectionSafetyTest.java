package io.mtl4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.BatchArrays;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.ModelOutput;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.ToyData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradients must not depend on when the garbage collector runs: a scalar operand whose memory the
 * collector frees between forward and backward (see {@link Scalars}) shows up as gradients that change
 * from one identical backward pass to the next.
 */
class GarbageCollectionSafetyTest {

    @Test
    void identicalBackwardPassesGiveIdenticalGradientsUnderCollectorPressure() throws Exception {
        try (MultiTaskModel model = ToyData.model(13, true)) {
            Batch batch = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 16, 13), 16).get(0);
            Map<String, Parameter> parameters = model.namedParameters();
            float[] reference = gradient(model, batch, parameters, false);
            Thread collector = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    System.gc();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            collector.setDaemon(true);
            collector.start();
            try {
                for (int i = 0; i < 30; i++) {
                    assertThat(gradient(model, batch, parameters, true)).as("repetition %d", i).containsExactly(reference);
                }
            } finally {
                collector.interrupt();
            }
        }
    }

    /** The concatenated gradients of the attention queries and the CRF, for one deterministic pass. */
    private static float[] gradient(MultiTaskModel model, Batch batch, Map<String, Parameter> parameters, boolean pause)
            throws InterruptedException {
        try (NDManager manager = model.manager().newSubManager(); NDScope scope = new NDScope()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ModelOutput out = model.forward(new ParameterStore(manager, false),
                        BatchArrays.encoderInputs(manager, batch), false, null);
                Map<String, NDArray> losses = new LinkedHashMap<>();
                out.logits().forEach((task, logits) -> losses.put(task, model.head(task).loss(logits, batch.labels().get(task))));
                NDArray total = MultiTaskLoss.equalWeights().combine(losses).total();
                if (pause) {
                    Thread.sleep(20); // give the collector and the buffer cleaner time to run
                }
                gc.backward(total);
            }
            float[] q = parameters.get("encoder.layer.1.attention.self.query.weight").getArray().getGradient().toFloatArray();
            float[] t = parameters.get("heads.place.crf.transitions").getArray().getGradient().toFloatArray();
            for (Parameter p : parameters.values()) {
                JniUtils.zeroGrad((PtNDArray) p.getArray());
            }
            float[] both = new float[q.length + t.length];
            System.arraycopy(q, 0, both, 0, q.length);
            System.arraycopy(t, 0, both, q.length, t.length);
            return both;
        }
    }
}
