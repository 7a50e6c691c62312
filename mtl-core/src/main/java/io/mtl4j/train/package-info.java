/** Training: AdamW, learning-rate schedule, clipping, the multi-task training loop and its logs. */
package io.mtl4j.train;
