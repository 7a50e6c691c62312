/**
 * Reading and writing encoder weights: safetensors files and the initializers of ONNX models, with
 * tensors named by their Hugging Face names.
 */
package io.mtl4j.encoder.weights;
