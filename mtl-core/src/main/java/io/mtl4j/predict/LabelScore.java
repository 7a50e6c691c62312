package io.mtl4j.predict;

/**
 * A label with the probability the model gives it.
 *
 * @param label the label
 * @param probability its softmax probability, in [0, 1]
 */
public record LabelScore(String label, double probability) {
}
