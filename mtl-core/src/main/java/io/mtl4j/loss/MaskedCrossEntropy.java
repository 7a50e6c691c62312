package io.mtl4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Softmax cross-entropy that ignores positions whose label is negative
 * ({@link io.mtl4j.label.Labels#IGNORE_INDEX} for padding and unlabelled positions,
 * {@link io.mtl4j.label.LabelVocabulary#UNKNOWN_ID} for labels outside the vocabulary), with
 * optional class weights, reduced like PyTorch's {@code CrossEntropyLoss(ignore_index=-100,
 * weight=w)}: {@code sum(w[y] * nll) / sum(w[y])} over the kept positions, 0 when none is kept.
 */
public final class MaskedCrossEntropy {

    private MaskedCrossEntropy() {
    }

    /**
     * Computes the loss.
     *
     * @param logits unnormalised scores {@code [N, C]}
     * @param labels class indices {@code [N]} (int32 or int64), negative where ignored
     * @param classWeights a weight per class ({@code [C]}), or {@code null} for all ones
     * @return the scalar loss, in the manager of {@code logits}
     */
    public static NDArray compute(NDArray logits, NDArray labels, float[] classWeights) {
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray labels64 = labels.toType(DataType.INT64, false);
        NDArray keep = labels64.gte(0);
        NDArray safe = labels64.maximum(0);
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray picked = logProbs.gather(safe.expandDims(-1), -1).squeeze(-1);
        NDArray weights = keep.toType(DataType.FLOAT32, false);
        if (classWeights != null) {
            if (classWeights.length != classes) {
                throw new IllegalArgumentException(
                        "classWeights must have one entry per class (" + classes + "), but has " + classWeights.length);
            }
            NDArray table = logits.getManager().create(classWeights);
            weights = weights.mul(table.get(safe));
        }
        NDArray total = weights.sum();
        return picked.mul(weights).sum().neg().div(total.maximum(1e-12f));
    }
}
