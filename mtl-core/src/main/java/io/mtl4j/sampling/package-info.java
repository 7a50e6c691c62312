/**
 * Training on several data sets at once: {@link io.mtl4j.sampling.TaskMixture} draws each step's batch
 * from one data set according to a {@link io.mtl4j.sampling.TaskSampling} (proportional, temperature,
 * uniform, round-robin, or one batch of every data set per step).
 */
package io.mtl4j.sampling;
