package io.mtl4j.predict;

/**
 * One encoder pass over a padded batch, feeding every head: the part of prediction that differs between
 * runtimes (DJL/PyTorch, ONNX Runtime). Batching, long texts and decoding are shared by
 * {@link MultiTaskPredictor}. Implementations must be safe to call from several threads at once.
 */
public interface ForwardPass {

    /**
     * Runs the encoder once and every head on its output.
     *
     * @param batch the inputs, padded to the batch's longest sequence
     * @param embeddings whether to return the pooled sentence embeddings too
     * @return the logits of every head (and the embeddings)
     */
    PassOutput run(PaddedBatch batch, boolean embeddings);
}
