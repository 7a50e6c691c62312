package io.mtl4j.predict;

import java.util.List;

/** What one head predicts for one text. */
public sealed interface TaskPrediction permits TaskPrediction.Classification, TaskPrediction.Tagging {

    /** @return the name of the task */
    String task();

    /**
     * A sentence-level prediction.
     *
     * @param task the task name
     * @param label the most probable label
     * @param probability its probability
     * @param topK the k most probable labels, best first (at least the top one)
     */
    record Classification(String task, String label, double probability, List<LabelScore> topK)
            implements TaskPrediction {
        /** Copies the list. */
        public Classification {
            topK = List.copyOf(topK);
        }
    }

    /**
     * A token-level prediction.
     *
     * @param task the task name
     * @param entities the entities, in text order
     * @param words every word with its predicted tag, in text order
     */
    record Tagging(String task, List<Entity> entities, List<TaggedWord> words) implements TaskPrediction {
        /** Copies the lists. */
        public Tagging {
            entities = List.copyOf(entities);
            words = List.copyOf(words);
        }
    }
}
