/** Prediction results: labels with probabilities, entities with exact character offsets. */
package io.mtl4j.predict;
