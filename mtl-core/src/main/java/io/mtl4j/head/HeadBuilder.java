package io.mtl4j.head;

import io.mtl4j.label.LabelVocabulary;

/**
 * What every head's builder sets: the task name, the label vocabulary and the dropout rate.
 * {@code setX} for required fields, {@code optX} for options, as DJL's builders do.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class HeadBuilder<B extends HeadBuilder<B>> {

    /** The task name. */
    protected String name;
    /** The label vocabulary. */
    protected LabelVocabulary labels;
    /** Dropout before the classifier. */
    protected float dropout = 0.1f;

    /** Creates a builder with dropout 0.1. */
    protected HeadBuilder() {
    }

    /** @return this builder, typed as the concrete builder */
    protected abstract B self();

    /**
     * @param name the task name (a letter, then letters, digits, {@code _} or {@code -})
     * @return this builder
     */
    public B setName(String name) {
        this.name = name;
        return self();
    }

    /**
     * @param labels the label vocabulary
     * @return this builder
     */
    public B setLabels(LabelVocabulary labels) {
        this.labels = labels;
        return self();
    }

    /**
     * @param dropout dropout before the classifier, in [0, 1) (default 0.1)
     * @return this builder
     */
    public B optDropout(float dropout) {
        this.dropout = dropout;
        return self();
    }

    /** Checks the fields every head needs. */
    protected void validate() {
        HeadConfigs.validateName(name);
        if (labels == null) {
            throw new IllegalArgumentException("labels must be set for head '" + name + "'");
        }
    }
}
