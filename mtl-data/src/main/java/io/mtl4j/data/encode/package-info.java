/**
 * From read examples to padded batches: label vocabularies, tokenization with label alignment
 * ({@link io.mtl4j.data.encode.ExampleEncoder}, which reports every label it could not place),
 * collation into {@link io.mtl4j.batch.Batch}es ({@link io.mtl4j.data.encode.Collator}) and
 * length-bucketed batch planning ({@link io.mtl4j.data.encode.BatchPlanner}).
 */
package io.mtl4j.data.encode;
