/** A runnable example: a saved mtl4j model over the IMDB test reviews on Spark. */
package io.mtl4j.spark.example;
