/** Encoded examples and padded batches: what collation produces and training consumes. */
package io.mtl4j.batch;
