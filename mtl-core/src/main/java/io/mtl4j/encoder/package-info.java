/** The shared encoder contract: token ids in, per-token states and a pooled embedding out. */
package io.mtl4j.encoder;
