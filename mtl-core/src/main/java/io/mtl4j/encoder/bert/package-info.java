/**
 * A BERT encoder that reproduces Hugging Face's {@code BertModel} exactly, loadable from a Hugging
 * Face folder, an ONNX export (the default all-MiniLM-L6-v2) or mtl4j's own saved weights.
 */
package io.mtl4j.encoder.bert;
