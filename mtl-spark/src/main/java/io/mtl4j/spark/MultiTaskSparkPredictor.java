package io.mtl4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a saved mtl4j model over a text column of a Spark {@code Dataset<Row>} and adds each task's
 * predictions as columns:
 *
 * <ul>
 *   <li>a sentence task ({@code sequence_classification}): {@code <task>_label} (string) and
 *       {@code <task>_probability} (double);
 *   <li>a token task ({@code token_classification}): {@code <task>_entities}, an array of structs
 *       {@code {text string, type string, start int, end int, score double}} whose offsets index the text
 *       ({@code text == input.substring(start, end)}, UTF-16);
 *   <li>optionally a boolean column saying whether the text was longer than the encoder's maximum.
 * </ul>
 *
 * <p>A null text gives null in every added column; a blank text gives a null label and probability and no
 * entities. Rows keep their order and partitions, and the input columns are kept as they are.
 *
 * <p>The output schema comes from the model folder's manifest, read on the driver. Each executor JVM loads
 * the model once, when its first partition needs it, and shares it between its task threads; each
 * partition is predicted in batches of {@link #batchSize()} texts. The model folder must therefore be
 * readable at the same path on the driver and on every executor (a shared file system, or the same folder on
 * every node; a relative path is resolved in each JVM's working directory).
 *
 * <pre>{@code
 * MultiTaskSparkPredictor predictor = MultiTaskSparkPredictor.builder()
 *         .setModelPath("/models/sentiment-ner")
 *         .optTextColumn("review")
 *         .build();
 * Dataset<Row> predicted = predictor.transform(reviews);   // + sentiment_label, sentiment_probability, ner_entities
 * }</pre>
 *
 * <p>Instances are immutable and may be shared.
 */
public final class MultiTaskSparkPredictor {

    /** The default name of the text column. */
    public static final String DEFAULT_TEXT_COLUMN = "text";
    /** The default number of texts per {@code MultiTaskModel.predict} call. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final String modelPath;
    private final String textColumn;
    private final int batchSize;
    private final List<TaskOutput> outputs;
    private final String truncatedColumn;
    private final String windowsColumn;

    private MultiTaskSparkPredictor(Builder builder, List<TaskOutput> outputs) {
        this.modelPath = builder.modelPath;
        this.textColumn = builder.textColumn;
        this.batchSize = builder.batchSize;
        this.truncatedColumn = builder.truncatedColumn;
        this.windowsColumn = builder.windowsColumn;
        this.outputs = List.copyOf(outputs);
    }

    /**
     * @return a builder: text column {@value #DEFAULT_TEXT_COLUMN}, batch size {@value #DEFAULT_BATCH_SIZE},
     *     every task, no truncation column
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the model folder, as given */
    public String modelPath() {
        return modelPath;
    }

    /** @return the name of the text column */
    public String textColumn() {
        return textColumn;
    }

    /** @return the number of texts per {@code MultiTaskModel.predict} call */
    public int batchSize() {
        return batchSize;
    }

    /** @return the tasks whose columns are added, in the model's order */
    public List<String> tasks() {
        return outputs.stream().map(TaskOutput::task).toList();
    }

    /**
     * The schema {@link #transform(Dataset)} gives for an input schema: the input's fields, then each task's
     * columns in the model's order, then the truncation column if one was asked for.
     *
     * @param input the input schema
     * @return the output schema
     * @throws IllegalArgumentException if the text column is missing (listing the columns) or not a string
     *     column, or if an added column's name is taken (compared ignoring case, as Spark does by default)
     */
    public StructType outputSchema(StructType input) {
        Objects.requireNonNull(input, "input");
        textIndex(input);
        Map<String, String> taken = new LinkedHashMap<>();
        for (String name : input.fieldNames()) {
            taken.put(name.toLowerCase(Locale.ROOT), name);
        }
        StructType output = input;
        for (StructField field : addedFields()) {
            String existing = taken.putIfAbsent(field.name().toLowerCase(Locale.ROOT), field.name());
            if (existing != null) {
                throw new IllegalArgumentException("cannot add the column '" + field.name() + "': the input already has"
                        + " a column '" + existing + "'; rename or drop it first");
            }
            output = output.add(field);
        }
        return output;
    }

    /**
     * Adds the prediction columns. Lazy, like any Spark transformation: nothing runs until an action.
     *
     * @param input rows with a string column named {@link #textColumn()}
     * @return the same rows, in the same order and partitions, with the columns of {@link #outputSchema}
     * @throws IllegalArgumentException as {@link #outputSchema(StructType)}
     */
    public Dataset<Row> transform(Dataset<Row> input) {
        Objects.requireNonNull(input, "input");
        StructType schema = outputSchema(input.schema());
        PartitionPredictor predictor = new PartitionPredictor(
                modelPath, textIndex(input.schema()), batchSize, outputs, truncatedColumn != null,
                windowsColumn != null);
        return input.mapPartitions(predictor, Encoders.row(schema));
    }

    private List<StructField> addedFields() {
        List<StructField> fields = new ArrayList<>();
        outputs.forEach(o -> fields.addAll(o.fields()));
        if (truncatedColumn != null) {
            fields.add(DataTypes.createStructField(truncatedColumn, DataTypes.BooleanType, true));
        }
        if (windowsColumn != null) {
            fields.add(DataTypes.createStructField(windowsColumn, DataTypes.IntegerType, true));
        }
        return fields;
    }

    private int textIndex(StructType input) {
        List<String> names = Arrays.asList(input.fieldNames());
        int index = names.indexOf(textColumn);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "no text column '" + textColumn + "' in the input; its columns: " + names);
        }
        StructField field = input.fields()[index];
        if (!DataTypes.StringType.equals(field.dataType())) {
            throw new IllegalArgumentException("text column '" + textColumn + "' must be a string column, but is: "
                    + field.dataType().simpleString());
        }
        return index;
    }

    /** Builds a {@link MultiTaskSparkPredictor}. */
    public static final class Builder {
        private String modelPath;
        private String textColumn = DEFAULT_TEXT_COLUMN;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private List<String> tasks;
        private String truncatedColumn;
        private String windowsColumn;

        private Builder() {
        }

        /**
         * @param modelPath a folder written by {@code MultiTaskModel.save}, readable at this path on the driver
         *     and on every executor
         * @return this builder
         */
        public Builder setModelPath(String modelPath) {
            this.modelPath = requireName(modelPath, "modelPath");
            return this;
        }

        /**
         * @param textColumn the name of the string column to predict (default {@value #DEFAULT_TEXT_COLUMN})
         * @return this builder
         */
        public Builder optTextColumn(String textColumn) {
            this.textColumn = requireName(textColumn, "textColumn");
            return this;
        }

        /**
         * @param batchSize texts per {@code MultiTaskModel.predict} call (default {@value #DEFAULT_BATCH_SIZE}); larger
         *     batches pad less when texts differ in length, as the model sorts each call's texts by length
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, but is: " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Adds columns for these tasks only (every head still runs: one encoder pass serves them all).
         *
         * @param tasks task names of the model (default: all)
         * @return this builder
         */
        public Builder optTasks(String... tasks) {
            if (tasks.length == 0) {
                throw new IllegalArgumentException("optTasks needs at least one task");
            }
            for (String task : tasks) {
                requireName(task, "task");
            }
            this.tasks = List.of(tasks);
            return this;
        }

        /**
         * @param column the name of a boolean column saying whether some task did not see the end of the text
         *     ({@code TextPrediction.truncated()}; long texts are read in sliding windows by default, so this
         *     is rarely true) (default: no such column)
         * @return this builder
         */
        public Builder optTruncatedColumn(String column) {
            this.truncatedColumn = requireName(column, "truncatedColumn");
            return this;
        }

        /**
         * @param column the name of an integer column with the number of encoder windows the text was read
         *     in: 1 when it fit the encoder's maximum length, more for a longer text, 0 for a blank one
         *     (default: no such column)
         * @return this builder
         */
        public Builder optWindowsColumn(String column) {
            this.windowsColumn = requireName(column, "windowsColumn");
            return this;
        }

        /**
         * Reads the model's manifest (not its weights) to fix the output columns.
         *
         * @return the predictor
         * @throws IllegalArgumentException if the model path is not set or not a model folder, or a chosen task
         *     is unknown or of a head type that has no columns here
         */
        public MultiTaskSparkPredictor build() {
            if (modelPath == null) {
                throw new IllegalArgumentException("modelPath must be set");
            }
            ModelManifest manifest = ModelManifest.read(Path.of(modelPath));
            return new MultiTaskSparkPredictor(this, manifest.outputs(tasks));
        }

        private static String requireName(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank, but is: "
                        + (value == null ? "null" : "'" + value + "'"));
            }
            return value;
        }
    }
}
