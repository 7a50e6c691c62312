/**
 * Distributed batch inference with saved mtl4j models on Apache Spark: {@link
 * io.mtl4j.spark.MultiTaskSparkPredictor} adds each task's predictions as columns of a {@code Dataset<Row>}.
 */
package io.mtl4j.spark;
