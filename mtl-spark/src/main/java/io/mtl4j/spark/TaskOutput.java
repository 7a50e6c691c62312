package io.mtl4j.spark;

import io.mtl4j.head.TaskType;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.TaskPrediction;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of one task and how a prediction fills them: a sentence task gives {@code <task>_label}
 * (string) and {@code <task>_probability} (double), a token task gives {@code <task>_entities} (array of
 * {@link #ENTITY} structs).
 *
 * @param task the task name
 * @param type what the task predicts
 */
record TaskOutput(String task, TaskType type) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One entity: its text, type, UTF-16 offsets {@code [start, end)} into the input text, and score. */
    static final StructType ENTITY = DataTypes.createStructType(List.of(
            DataTypes.createStructField("text", DataTypes.StringType, false),
            DataTypes.createStructField("type", DataTypes.StringType, false),
            DataTypes.createStructField("start", DataTypes.IntegerType, false),
            DataTypes.createStructField("end", DataTypes.IntegerType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false)));

    /** The type of an entities column. */
    static final ArrayType ENTITIES = DataTypes.createArrayType(ENTITY, false);

    TaskOutput {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(type, "type");
    }

    /** @return the columns this task adds, in order; all nullable (null for a null text) */
    List<StructField> fields() {
        return switch (type) {
            case SEQUENCE_CLASSIFICATION -> List.of(
                    DataTypes.createStructField(task + "_label", DataTypes.StringType, true),
                    DataTypes.createStructField(task + "_probability", DataTypes.DoubleType, true));
            case TOKEN_CLASSIFICATION -> List.of(DataTypes.createStructField(task + "_entities", ENTITIES, true));
        };
    }

    /**
     * Appends this task's column values for one text.
     *
     * @param prediction the task's prediction, or null when the model predicted nothing (a blank text)
     * @param out the row values being built
     */
    void addValues(TaskPrediction prediction, List<Object> out) {
        switch (type) {
            case SEQUENCE_CLASSIFICATION -> {
                if (prediction == null) {
                    out.add(null);
                    out.add(null);
                } else if (prediction instanceof TaskPrediction.Classification c) {
                    out.add(c.label());
                    out.add(c.probability());
                } else {
                    throw mismatch(prediction);
                }
            }
            case TOKEN_CLASSIFICATION -> {
                if (prediction == null) {
                    out.add(new Row[0]);
                } else if (prediction instanceof TaskPrediction.Tagging t) {
                    // Spark's row encoder takes an array value as a Java array or a Scala Seq, not a java.util.List.
                    Row[] entities = new Row[t.entities().size()];
                    for (int i = 0; i < entities.length; i++) {
                        Entity e = t.entities().get(i);
                        entities[i] = RowFactory.create(e.text(), e.label(), e.start(), e.end(), e.score());
                    }
                    out.add(entities);
                } else {
                    throw mismatch(prediction);
                }
            }
        }
    }

    /**
     * Appends nulls for this task's columns (a null text).
     *
     * @param out the row values being built
     */
    void addNulls(List<Object> out) {
        for (int i = 0; i < fields().size(); i++) {
            out.add(null);
        }
    }

    private IllegalStateException mismatch(TaskPrediction prediction) {
        return new IllegalStateException("task '" + task + "' is a " + type + " task in the model's manifest, but its"
                + " head predicted a " + prediction.getClass().getSimpleName());
    }
}
