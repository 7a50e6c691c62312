/** Small helpers over the DJL PyTorch engine. */
package io.mtl4j.engine;
