package io.mtl4j.data.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The size of one split of a data set.
 *
 * @param examples the number of examples
 * @param labelled per declared task, in declaration order, the number of examples labelling it
 */
public record SplitCounts(int examples, Map<String, Integer> labelled) {

    /**
     * Copies the map, keeping its order.
     *
     * @param examples the number of examples
     * @param labelled per declared task, in declaration order, the number of examples labelling it
     */
    public SplitCounts {
        Objects.requireNonNull(labelled, "labelled");
        labelled = Collections.unmodifiableMap(new LinkedHashMap<>(labelled));
    }

    /**
     * @param task a declared task
     * @return the number of examples labelling it, 0 for a task not declared
     */
    public int labelled(String task) {
        return labelled.getOrDefault(task, 0);
    }

    /** @return for example {@code 872 (sentiment 872)}, or {@code 0} for an empty split */
    public String describe() {
        if (examples == 0) {
            return "0";
        }
        StringBuilder text = new StringBuilder().append(examples).append(" (");
        String separator = "";
        for (Map.Entry<String, Integer> e : labelled.entrySet()) {
            text.append(separator).append(e.getKey()).append(' ').append(e.getValue());
            separator = ", ";
        }
        return text.append(')').toString();
    }
}
