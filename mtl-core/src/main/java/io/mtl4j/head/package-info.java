/** Task heads: the {@link io.mtl4j.head.TaskHead} contract and the sentence and token classification heads. */
package io.mtl4j.head;
