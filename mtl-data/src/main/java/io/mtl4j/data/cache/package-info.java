/**
 * Tokenized training data cached on disk, for data sets larger than memory: {@link
 * io.mtl4j.data.cache.TokenCache} tokenizes a stream of examples in parallel into a binary file keyed
 * by the tokenizer, the tasks and the data file's contents, and {@link
 * io.mtl4j.data.cache.CachedBatches} serves training batches from it, reading each batch's examples
 * from the file when the batch is asked for.
 */
package io.mtl4j.data.cache;
