/** Losses: the ignore-index cross-entropy and the weighted multi-task loss. */
package io.mtl4j.loss;
