package io.mtl4j.predict;

import java.util.List;

/** What one head predicts for one text. */
public sealed interface TaskPrediction permits TaskPrediction.Classification, TaskPrediction.Tagging {

    /** @return the name of the task */
    String task();

    /** @return how much of the text the prediction is based on */
    Coverage coverage();

    /**
     * A sentence-level prediction.
     *
     * @param task the task name
     * @param label the most probable label
     * @param probability its probability
     * @param topK the k most probable labels, best first (at least the top one)
     * @param coverage how much of the text the prediction is based on
     */
    record Classification(String task, String label, double probability, List<LabelScore> topK, Coverage coverage)
            implements TaskPrediction {
        /**
         * Copies the list.
         *
         * @param task the task name
         * @param label the most probable label
         * @param probability its probability
         * @param topK the k most probable labels, best first (at least the top one)
         * @param coverage how much of the text the prediction is based on
         */
        public Classification {
            topK = List.copyOf(topK);
            java.util.Objects.requireNonNull(coverage, "coverage");
        }

        /**
         * A prediction that saw the whole text.
         *
         * @param task the task name
         * @param label the most probable label
         * @param probability its probability
         * @param topK the k most probable labels, best first
         */
        public Classification(String task, String label, double probability, List<LabelScore> topK) {
            this(task, label, probability, topK, Coverage.WHOLE);
        }

        /**
         * @param newCoverage the coverage to report
         * @return this prediction with another coverage
         */
        public Classification withCoverage(Coverage newCoverage) {
            return new Classification(task, label, probability, topK, newCoverage);
        }
    }

    /**
     * A token-level prediction.
     *
     * @param task the task name
     * @param entities the entities, in text order
     * @param words every word with its predicted tag, in text order
     * @param coverage how much of the text the prediction is based on
     */
    record Tagging(String task, List<Entity> entities, List<TaggedWord> words, Coverage coverage)
            implements TaskPrediction {
        /**
         * Copies the lists.
         *
         * @param task the task name
         * @param entities the entities, in text order
         * @param words every word with its predicted tag, in text order
         * @param coverage how much of the text the prediction is based on
         */
        public Tagging {
            entities = List.copyOf(entities);
            words = List.copyOf(words);
            java.util.Objects.requireNonNull(coverage, "coverage");
        }

        /**
         * A prediction that saw the whole text.
         *
         * @param task the task name
         * @param entities the entities, in text order
         * @param words every word with its predicted tag
         */
        public Tagging(String task, List<Entity> entities, List<TaggedWord> words) {
            this(task, entities, words, Coverage.WHOLE);
        }

        /**
         * @param newCoverage the coverage to report
         * @return this prediction with another coverage
         */
        public Tagging withCoverage(Coverage newCoverage) {
            return new Tagging(task, entities, words, newCoverage);
        }
    }
}
