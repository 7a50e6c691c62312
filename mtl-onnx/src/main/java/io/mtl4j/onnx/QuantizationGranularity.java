package io.mtl4j.onnx;

/** How int8 weight scales are shared. Weights are quantized symmetrically (zero point 0, range [-127, 127]). */
public enum QuantizationGranularity {
    /** One scale per output column of each weight matrix: more accurate. */
    PER_CHANNEL,
    /** One scale per weight matrix. */
    PER_TENSOR
}
