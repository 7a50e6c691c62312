package io.mtl4j.data.encode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mutable counts gathered while encoding, frozen into an {@link EncodingReport}. Not thread-safe. */
final class ReportTally {

    private final Map<String, TaskTally> tasks = new LinkedHashMap<>();
    private int examples;
    private int examplesTruncated;

    ReportTally(List<TaskSpec> specs) {
        for (TaskSpec spec : specs) {
            tasks.put(spec.name(), new TaskTally());
        }
    }

    void example(boolean truncated) {
        examples++;
        if (truncated) {
            examplesTruncated++;
        }
    }

    TaskTally task(String name) {
        return tasks.get(name);
    }

    EncodingReport build() {
        Map<String, EncodingReport.TaskReport> reports = new LinkedHashMap<>();
        tasks.forEach((name, t) -> reports.put(name, t.build()));
        return new EncodingReport(examples, examplesTruncated, reports);
    }

    /** One task's mutable counts. */
    static final class TaskTally {
        int examplesLabelled;
        int examplesTruncated;
        int wordsLostToTruncation;
        int wordsWithoutTokens;
        int entitiesLostToTruncation;
        int entitiesWithoutTokens;
        int misalignedEntities;
        private final Map<String, Integer> unknownLabels = new TreeMap<>();

        void unknown(String label) {
            unknownLabels.merge(label, 1, Integer::sum);
        }

        EncodingReport.TaskReport build() {
            return new EncodingReport.TaskReport(examplesLabelled, examplesTruncated, wordsLostToTruncation,
                    wordsWithoutTokens, entitiesLostToTruncation, entitiesWithoutTokens, misalignedEntities,
                    new TreeMap<>(unknownLabels));
        }
    }
}
