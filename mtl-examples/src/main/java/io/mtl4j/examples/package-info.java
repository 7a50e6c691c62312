/**
 * Runnable examples and benchmarks. Each {@code main} calls a static {@code runExample(String...)}
 * that returns its result, so a test can run an example with small arguments.
 */
package io.mtl4j.examples;
