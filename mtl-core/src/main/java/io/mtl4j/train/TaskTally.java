package io.mtl4j.train;

import io.mtl4j.batch.Batch;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Counts the batches and examples each task was trained on, so the mix actually drawn is visible. */
final class TaskTally {

    private final Map<String, Long> batches = new TreeMap<>();
    private final Map<String, Long> examples = new TreeMap<>();

    void add(Batch batch) {
        for (String task : batch.labels().keySet()) {
            batches.merge(task, 1L, Long::sum);
            examples.merge(task, (long) batch.size(), Long::sum);
        }
    }

    /** Continues the counts of a checkpoint. */
    void restore(Map<String, Long> batchCounts, Map<String, Long> exampleCounts) {
        batches.putAll(batchCounts);
        examples.putAll(exampleCounts);
    }

    Map<String, Long> batches() {
        return batches;
    }

    Map<String, Long> examples() {
        return examples;
    }

    /** @return e.g. {@code ner 120 batches (48.0%), sentiment 130 batches (52.0%)} */
    String describe() {
        long all = batches.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder sb = new StringBuilder();
        batches.forEach((task, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(task).append(' ').append(n)
                .append(" batches (").append(String.format(Locale.ROOT, "%.1f%%", 100.0 * n / all)).append(')'));
        return sb.length() == 0 ? "no batches" : sb.toString();
    }
}
