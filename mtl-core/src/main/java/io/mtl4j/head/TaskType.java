package io.mtl4j.head;

/** What a head predicts: one label per text, or one label per word. */
public enum TaskType {
    /** One label per text (sentiment, intent, topic). Labels have width 1. */
    SEQUENCE_CLASSIFICATION,
    /** One label per word (NER, slots). Labels have one entry per token. */
    TOKEN_CLASSIFICATION
}
