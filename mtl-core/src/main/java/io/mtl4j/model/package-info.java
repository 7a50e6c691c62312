/** The multi-task model: encoder plus named heads, one forward pass for all, prediction and persistence. */
package io.mtl4j.model;
