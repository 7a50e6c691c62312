package io.mtl4j.spark;

import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.TextPrediction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Predicts one partition lazily, {@code batchSize} rows per {@code MultiTaskModel.predict} call: each output
 * row is the input row's values followed by the tasks' columns (and the truncation flag, when asked for).
 * Serialized to the executors; the model itself is not, it comes from the executor's {@link ModelCache}.
 */
final class PartitionPredictor implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final String modelPath;
    private final int textIndex;
    private final int batchSize;
    private final List<TaskOutput> outputs;
    private final boolean truncatedColumn;
    private final boolean windowsColumn;

    PartitionPredictor(String modelPath, int textIndex, int batchSize, List<TaskOutput> outputs,
            boolean truncatedColumn, boolean windowsColumn) {
        this.modelPath = modelPath;
        this.textIndex = textIndex;
        this.batchSize = batchSize;
        this.outputs = List.copyOf(outputs);
        this.truncatedColumn = truncatedColumn;
        this.windowsColumn = windowsColumn;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && input.hasNext()) {
                    predictNextBatch(input, ready);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private void predictNextBatch(Iterator<Row> input, ArrayDeque<Row> out) {
        List<Row> rows = new ArrayList<>(batchSize);
        List<String> texts = new ArrayList<>(batchSize);
        while (rows.size() < batchSize && input.hasNext()) {
            Row row = input.next();
            rows.add(row);
            if (!row.isNullAt(textIndex)) {
                texts.add(row.getString(textIndex));
            }
        }
        // A batch of null texts only needs no model: an executor that sees none never loads it.
        List<TextPrediction> predictions = texts.isEmpty() ? List.of() : ModelCache.get(modelPath).predict(texts);
        Iterator<TextPrediction> next = predictions.iterator();
        for (Row row : rows) {
            List<Object> values = new ArrayList<>(row.length() + 2 * outputs.size() + 1);
            for (int i = 0; i < row.length(); i++) {
                values.add(row.get(i));
            }
            if (row.isNullAt(textIndex)) {
                outputs.forEach(o -> o.addNulls(values));
                if (truncatedColumn) {
                    values.add(null);
                }
                if (windowsColumn) {
                    values.add(null);
                }
            } else {
                TextPrediction p = next.next();
                outputs.forEach(o -> o.addValues(p.tasks().get(o.task()), values));
                if (truncatedColumn) {
                    values.add(p.truncated());
                }
                if (windowsColumn) {
                    values.add(p.windows());
                }
            }
            out.add(RowFactory.create(values.toArray()));
        }
    }
}
