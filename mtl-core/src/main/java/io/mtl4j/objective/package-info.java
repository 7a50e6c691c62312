/**
 * Training signals on the pooled sentence embedding that have no task head: they keep the shared encoder a
 * good sentence transformer while the task heads train.
 *
 * <ul>
 *   <li>{@link io.mtl4j.objective.SimilarityObjective}: sentence pairs with gold similarity scores (STS-style
 *       data), trained with a cosine-similarity or CoSENT loss.
 *   <li>{@link io.mtl4j.objective.EmbeddingDistillation}: keeps each training sentence's embedding close to
 *       that of a frozen copy of the starting encoder; needs no extra data.
 * </ul>
 *
 * <p>Pass them to {@link io.mtl4j.train.MultiTaskTrainer#MultiTaskTrainer(io.mtl4j.train.TrainingConfig,
 * java.util.List)}; their losses join the task losses under their names, so {@link
 * io.mtl4j.loss.MultiTaskLoss} weights them like tasks.
 */
package io.mtl4j.objective;
