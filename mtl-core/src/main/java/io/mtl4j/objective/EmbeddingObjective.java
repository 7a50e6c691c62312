package io.mtl4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.mtl4j.batch.Batch;

/**
 * A loss on the shared encoder's pooled sentence embeddings, trained alongside the task heads. It has no
 * parameters of its own and no predictions: it only shapes the encoder.
 */
public interface EmbeddingObjective {

    /** @return the name its loss is logged and weighted under; must differ from every task's name */
    String name();

    /**
     * @param batch a training batch
     * @return whether this objective has a loss on the batch
     */
    boolean appliesTo(Batch batch);

    /**
     * Computes the loss of one batch, on the autograd path.
     *
     * @param embeddings the pooled embeddings {@code [B, H]} the encoder computed for the batch in training mode
     * @param encoderInputs the encoder's inputs for the batch (ids, mask, types), owned by the step's manager
     * @param batch the batch
     * @return a scalar loss owned by the step's manager
     */
    NDArray loss(NDArray embeddings, NDList encoderInputs, Batch batch);
}
