package io.mtl4j.head;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rebuilds heads of one type from their saved configuration. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.mtl4j.head.TaskHeadFactory}), so a
 * custom head in another jar is loadable too.
 */
public interface TaskHeadFactory {

    /** @return the head type this factory builds, as written in saved configs */
    String type();

    /**
     * Builds an uninitialised head.
     *
     * @param name the task name
     * @param config the head's saved configuration
     * @return the head
     * @throws IllegalArgumentException naming the missing or invalid field
     */
    TaskHead create(String name, ObjectNode config);
}
