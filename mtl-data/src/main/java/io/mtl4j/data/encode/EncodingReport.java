package io.mtl4j.data.encode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What happened to the labels while a set of examples was encoded: how many examples each task has,
 * and every label that could not be placed, so that nothing is lost silently. The caller logs
 * {@link #summary()}.
 *
 * @param examples the number of examples encoded
 * @param examplesTruncated how many of them were longer than the tokenizer's maximum length
 * @param tasks per task name (in task order), the task's counts
 */
public record EncodingReport(int examples, int examplesTruncated, Map<String, TaskReport> tasks) {

    /**
     * Copies the task map, keeping its order.
     *
     * @param examples the number of examples encoded
     * @param examplesTruncated how many of them were longer than the tokenizer's maximum length
     * @param tasks per task name (in task order), the task's counts
     */
    public EncodingReport {
        Objects.requireNonNull(tasks, "tasks");
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    }

    /**
     * One task's counts.
     *
     * @param examplesLabelled examples that carry labels for the task
     * @param examplesTruncated labelled examples whose text was truncated
     * @param wordsLostToTruncation word tags whose word's first token was cut by truncation
     * @param wordsWithoutTokens word tags whose word produced no token at all (e.g. a lone zero-width
     *     character the tokenizer drops); the tag is lost
     * @param entitiesLostToTruncation entity spans starting after the last kept token
     * @param entitiesWithoutTokens entity spans that cover no token (e.g. only whitespace)
     * @param misalignedEntities entity spans with a boundary inside one of the tokenizer's words, or
     *     overlapping an earlier span; they are still tagged, on every word they overlap that no
     *     earlier span took
     * @param unknownLabels labels placed as {@link io.mtl4j.label.LabelVocabulary#UNKNOWN_ID} because
     *     the vocabulary lacks them, with their counts, sorted
     */
    public record TaskReport(
            int examplesLabelled,
            int examplesTruncated,
            int wordsLostToTruncation,
            int wordsWithoutTokens,
            int entitiesLostToTruncation,
            int entitiesWithoutTokens,
            int misalignedEntities,
            SortedMap<String, Integer> unknownLabels) {

        /**
         * Copies the unknown-label counts.
         *
         * @param examplesLabelled examples that carry labels for the task
         * @param examplesTruncated labelled examples whose text was truncated
         * @param wordsLostToTruncation word tags whose word's first token was cut by truncation
         * @param wordsWithoutTokens word tags whose word produced no token at all (e.g. a lone zero-width
         *     character the tokenizer drops); the tag is lost
         * @param entitiesLostToTruncation entity spans starting after the last kept token
         * @param entitiesWithoutTokens entity spans that cover no token (e.g. only whitespace)
         * @param misalignedEntities entity spans with a boundary inside one of the tokenizer's words, or
         *     overlapping an earlier span; they are still tagged, on every word they overlap that no
         *     earlier span took
         * @param unknownLabels labels placed as {@link io.mtl4j.label.LabelVocabulary#UNKNOWN_ID} because
         *     the vocabulary lacks them, with their counts, sorted
         */
        public TaskReport {
            unknownLabels = Collections.unmodifiableSortedMap(new TreeMap<>(unknownLabels));
        }

        /** @return the number of labels placed as unknown, all labels together */
        public int unknownLabelCount() {
            return unknownLabels.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** @return word tags and entity spans that did not reach any token */
        public int labelsLost() {
            return wordsLostToTruncation + wordsWithoutTokens + entitiesLostToTruncation + entitiesWithoutTokens;
        }
    }

    /** @return whether any label was lost, unknown or misaligned */
    public boolean hasIssues() {
        return tasks.values().stream()
                .anyMatch(t -> t.labelsLost() > 0 || t.unknownLabelCount() > 0 || t.misalignedEntities() > 0);
    }

    /**
     * A multi-line, human-readable account for the log: one line for the whole set, one per task.
     *
     * @return the summary
     */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(examples).append(" examples, ").append(examplesTruncated).append(" truncated");
        tasks.forEach((name, t) -> {
            out.append(System.lineSeparator()).append("  ").append(name).append(": ")
                    .append(t.examplesLabelled()).append(" labelled, ")
                    .append(t.examplesTruncated()).append(" truncated");
            if (t.wordsLostToTruncation() + t.wordsWithoutTokens() > 0) {
                out.append(", word tags lost: ").append(t.wordsLostToTruncation()).append(" to truncation, ")
                        .append(t.wordsWithoutTokens()).append(" without tokens");
            }
            if (t.entitiesLostToTruncation() + t.entitiesWithoutTokens() > 0) {
                out.append(", entities lost: ").append(t.entitiesLostToTruncation()).append(" to truncation, ")
                        .append(t.entitiesWithoutTokens()).append(" without tokens");
            }
            if (t.misalignedEntities() > 0) {
                out.append(", misaligned entities: ").append(t.misalignedEntities());
            }
            if (!t.unknownLabels().isEmpty()) {
                out.append(", unknown labels: ").append(t.unknownLabels());
            }
        });
        return out.toString();
    }
}
