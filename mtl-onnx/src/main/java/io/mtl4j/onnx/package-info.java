/**
 * ONNX export and ONNX Runtime inference: {@link io.mtl4j.onnx.OnnxExporter} writes a trained multi-task
 * model as one ONNX graph, {@link io.mtl4j.onnx.OnnxQuantizer} makes an int8 copy, and
 * {@link io.mtl4j.onnx.OnnxRunner} runs either with ONNX Runtime, giving logits that the model's heads
 * decode exactly as they decode DJL's.
 */
package io.mtl4j.onnx;
