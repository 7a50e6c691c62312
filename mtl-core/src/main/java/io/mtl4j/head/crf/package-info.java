/**
 * A linear-chain conditional random field over the labelled positions of a token sequence.
 *
 * <p>Token heads score every sub-word but predict one label per word, at the word's first
 * sub-word; the other positions carry {@link io.mtl4j.label.Labels#IGNORE_INDEX}. The CRF works on
 * the <em>compacted</em> sequence of scored positions, so transitions connect consecutive words,
 * not consecutive sub-words.
 *
 * <ul>
 *   <li>{@link io.mtl4j.head.crf.ConditionalRandomField} holds the trainable transition scores and
 *       computes the negative log-likelihood with DJL autograd;
 *   <li>{@link io.mtl4j.head.crf.ViterbiDecoder} finds the best path in plain Java from a
 *       {@link io.mtl4j.head.crf.CrfWeights} snapshot;
 *   <li>{@link io.mtl4j.head.crf.TransitionConstraints} restricts decoding to well-formed tag
 *       sequences (BIO, BIOES).
 * </ul>
 */
package io.mtl4j.head.crf;
