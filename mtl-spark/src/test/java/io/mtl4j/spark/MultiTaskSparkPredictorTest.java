package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.batch.Batch;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.testing.ToyData;
import io.mtl4j.train.BatchSource;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiTaskSparkPredictorTest {

    private static final String[] CITIES = {"paris", "london", "rome", "new york", "tokyo"};
    private static final String[] ENDINGS = {"good", "great", "bad", "awful", "boring", "lovely"};
    private static final StructType INPUT = new StructType().add("id", DataTypes.IntegerType, false)
            .add("text", DataTypes.StringType, true);
    private static final int PARTITIONS = 3;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static MultiTaskModel model;
    private static String modelPath;
    private static List<String> texts;

    @BeforeAll
    static void start() throws IOException {
        model = ToyData.model(5, false);
        // A little training, so that the model tells moods apart and tags cities (a random one says "bad" to all).
        List<Batch> batches = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 160, 5), 16);
        new MultiTaskTrainer(TrainingConfig.builder().optEpochs(3).optLearningRate(3e-3).optHeadLearningRate(1e-2)
                .optWarmupRatio(0.05).optProgressBar(false).build())
                .fit(model, BatchSource.fixed(batches), List.of());
        modelPath = dir.resolve("model").toString();
        model.save(Path.of(modelPath), false);
        texts = texts();
        spark = SparkSession.builder().master("local[2]").appName("MultiTaskSparkPredictorTest")
                .config("spark.ui.enabled", false)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", PARTITIONS)
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        ModelCache.closeAll();
        if (model != null) {
            model.close();
        }
    }

    /** 40 texts: toy sentences, blank and empty texts, a null, emoji, and texts longer than 32 tokens. */
    private static List<String> texts() {
        Random random = new Random(3);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 34; i++) {
            out.add("we visited " + CITIES[random.nextInt(CITIES.length)] + " and it was "
                    + ENDINGS[random.nextInt(ENDINGS.length)]);
        }
        out.add("");
        out.add("   ");
        out.add(null);
        out.add("Tokyo 😀 was GREAT, Paris 🙂 too");
        out.add("we saw rome, london, paris, new york and tokyo, then berlin and rome again, and all of them were"
                + " lovely, lovely, lovely places to see in the spring and in the autumn");
        out.add("  New   York\tand ROME  ");
        return out;
    }

    private static Dataset<Row> frame(StructType schema, List<Row> rows) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(context.parallelize(rows, PARTITIONS), schema);
    }

    private static Dataset<Row> textFrame() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i)));
        }
        return frame(INPUT, rows);
    }

    private static MultiTaskSparkPredictor.Builder predictor() {
        return MultiTaskSparkPredictor.builder().setModelPath(modelPath);
    }

    private static List<Entity> entities(Row row, String column) {
        return row.<Row>getList(row.fieldIndex(column)).stream()
                .map(e -> new Entity(e.getString(0), e.getString(1), e.getInt(2), e.getInt(3), e.getDouble(4)))
                .toList();
    }

    /**
     * What the model predicts in this JVM for each input row, by the same {@code predict} calls as the Spark
     * job makes: the same texts, batch by batch, partition by partition. (Which texts share a call changes the
     * padding, and so a probability's last digits: about 1e-9.)
     */
    private static List<TextPrediction> predictInProcess(Dataset<Row> input, int textIndex, int batchSize) {
        List<TextPrediction> out = new ArrayList<>();
        for (List<Row> partition : input.javaRDD().glom().collect()) {
            for (int from = 0; from < partition.size(); from += batchSize) {
                List<Row> batch = partition.subList(from, Math.min(partition.size(), from + batchSize));
                Iterator<TextPrediction> predictions = model.predict(
                        batch.stream().map(r -> r.getString(textIndex)).filter(Objects::nonNull).toList()).iterator();
                batch.forEach(r -> out.add(r.isNullAt(textIndex) ? null : predictions.next()));
            }
        }
        return out;
    }

    @Test
    void everyRowHoldsWhatTheModelPredictsInProcess() {
        Dataset<Row> input = textFrame();
        Dataset<Row> output = predictor().optBatchSize(4).optTruncatedColumn("truncated").optWindowsColumn("windows").build()
                .transform(input);
        List<Row> rows = output.collectAsList();

        List<TextPrediction> expected = predictInProcess(input, 1, 4);
        assertThat(input.javaRDD().glom().collect()).allSatisfy(partition -> assertThat(partition).hasSizeBetween(13, 14));
        assertThat(output.rdd().getNumPartitions()).isEqualTo(PARTITIONS);
        assertThat(rows).hasSize(texts.size());
        int entityCount = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String text = texts.get(i);
            assertThat(row.getInt(0)).as("row order").isEqualTo(i);
            assertThat(row.getString(1)).isEqualTo(text);
            if (text == null) {
                assertThat(Arrays.asList(row.get(2), row.get(3), row.get(4), row.get(5), row.get(6))).as("row %d", i)
                        .containsOnlyNulls();
                continue;
            }
            TextPrediction p = expected.get(i);
            assertThat(row.getBoolean(5)).as("row %d", i).isEqualTo(p.truncated());
            assertThat(row.getInt(6)).as("row %d", i).isEqualTo(p.windows());
            if (text.isBlank()) {
                assertThat(row.get(2)).as("row %d", i).isNull();
                assertThat(row.get(3)).as("row %d", i).isNull();
                assertThat(entities(row, "place_entities")).as("row %d", i).isEmpty();
                continue;
            }
            TaskPrediction.Classification mood = p.classification(ToyData.MOOD);
            assertThat(row.getString(2)).as("row %d", i).isEqualTo(mood.label());
            assertThat(row.getDouble(3)).as("row %d", i).isEqualTo(mood.probability());
            List<Entity> found = entities(row, "place_entities");
            assertThat(found).as("row %d", i).isEqualTo(p.tagging(ToyData.PLACE).entities());
            for (Entity e : found) {
                assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
            }
            entityCount += found.size();
        }
        // The comparison means something: the model finds entities and both moods, and one text is longer than the
        // encoder's maximum, so it is read in sliding windows rather than truncated.
        assertThat(entityCount).isGreaterThan(20);
        assertThat(rows.stream().map(r -> r.getString(2)).distinct()).containsExactlyInAnyOrder("bad", "good", null);
        assertThat(rows.stream().filter(r -> !r.isNullAt(6) && r.getInt(6) > 1).count()).isEqualTo(1);
        assertThat(rows.stream().filter(r -> !r.isNullAt(5) && r.getBoolean(5)).count()).isZero();
    }

    @Test
    void theSchemaAddsEachTasksColumnsAfterTheInputs() {
        MultiTaskSparkPredictor predictor = predictor().build();
        StructType entity = new StructType()
                .add("text", DataTypes.StringType, false)
                .add("type", DataTypes.StringType, false)
                .add("start", DataTypes.IntegerType, false)
                .add("end", DataTypes.IntegerType, false)
                .add("score", DataTypes.DoubleType, false);
        StructType expected = INPUT
                .add("mood_label", DataTypes.StringType, true)
                .add("mood_probability", DataTypes.DoubleType, true)
                .add("place_entities", DataTypes.createArrayType(entity, false), true);

        assertThat(predictor.outputSchema(INPUT)).isEqualTo(expected);
        assertThat(predictor.transform(textFrame()).schema()).isEqualTo(expected);
        assertThat(expected.simpleString()).isEqualTo("struct<id:int,text:string,mood_label:string,mood_probability:double,"
                + "place_entities:array<struct<text:string,type:string,start:int,end:int,score:double>>>");
        assertThat(predictor.tasks()).containsExactly("mood", "place");
        assertThat(predictor.textColumn()).isEqualTo("text");
        assertThat(predictor.batchSize()).isEqualTo(32);
        assertThat(predictor.modelPath()).isEqualTo(modelPath);
    }

    @Test
    void chosenTasksGetColumnsAndAnotherTextColumnCanBeNamed() {
        StructType schema = new StructType().add("review", DataTypes.StringType).add("stars", DataTypes.IntegerType);
        Dataset<Row> input = frame(schema, List.of(RowFactory.create("we saw rome and it was good", 5),
                RowFactory.create("they left new york and it was awful", 1)));
        MultiTaskSparkPredictor predictor = predictor().optTextColumn("review").optTasks("place").build();

        List<Row> rows = predictor.transform(input).collectAsList();

        assertThat(predictor.outputSchema(schema).fieldNames()).containsExactly("review", "stars", "place_entities");
        List<TextPrediction> expected = predictInProcess(input, 0, 32);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getInt(1)).isEqualTo(i == 0 ? 5 : 1);
            assertThat(entities(rows.get(i), "place_entities"))
                    .isEqualTo(expected.get(i).tagging(ToyData.PLACE).entities());
        }
    }

    @Test
    void eachJvmLoadsTheModelOnce() {
        MultiTaskSparkPredictor predictor = predictor().optBatchSize(8).build();
        assertThat(predictor.transform(textFrame()).count()).isEqualTo(texts.size());
        assertThat(predictor.transform(textFrame()).filter("mood_label is not null").count()).isEqualTo(37);
        // Both local executor threads shared one model, across both jobs and every test of this class.
        assertThat(ModelCache.loads()).isEqualTo(1);
    }

    @Test
    void aMissingTextColumnIsReportedWithTheColumns() {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("review", DataTypes.StringType);
        MultiTaskSparkPredictor predictor = predictor().build();

        assertThatThrownBy(() -> predictor.transform(frame(schema, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no text column 'text' in the input; its columns: [id, review]");
    }

    @Test
    void aTextColumnMustHoldStrings() {
        StructType schema = new StructType().add("text", DataTypes.IntegerType);

        assertThatThrownBy(() -> predictor().build().outputSchema(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text column 'text' must be a string column, but is: int");
    }

    @Test
    void anAddedColumnMayNotClashWithAnInputColumn() {
        StructType schema = new StructType().add("text", DataTypes.StringType).add("Mood_Label", DataTypes.StringType);
        MultiTaskSparkPredictor predictor = predictor().build();

        assertThatThrownBy(() -> predictor.transform(frame(schema, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot add the column 'mood_label': the input already has a column 'Mood_Label';"
                        + " rename or drop it first");
        assertThatThrownBy(() -> predictor().optTruncatedColumn("place_entities").build().outputSchema(INPUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot add the column 'place_entities': the input already has a column 'place_entities';"
                        + " rename or drop it first");
    }

    @Test
    void theBuilderRejectsBadSettingsByName() {
        assertThatThrownBy(() -> MultiTaskSparkPredictor.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("modelPath must be set");
        assertThatThrownBy(() -> predictor().optBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be at least 1, but is: 0");
        assertThatThrownBy(() -> predictor().optTextColumn(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("textColumn must not be blank, but is: ' '");
        assertThatThrownBy(() -> predictor().optTasks())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("optTasks needs at least one task");
        assertThatThrownBy(() -> predictor().optTasks("mood", "topic").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model has no task 'topic'; tasks in " + Path.of(modelPath, "mtl4j-model.json")
                        + ": [mood, place]");
        assertThatThrownBy(() -> MultiTaskSparkPredictor.builder().setModelPath(dir.toString()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + " is not an mtl4j model folder: mtl4j-model.json is missing");
    }

    @Test
    void aHeadTypeWithoutColumnsIsRejectedUnlessLeftOut(@TempDir Path other) throws IOException {
        Path manifest = other.resolve("mtl4j-model.json");
        Files.writeString(manifest, Files.readString(Path.of(modelPath, "mtl4j-model.json"))
                .replace("\"token_classification\"", "\"span_extraction\""));

        assertThatThrownBy(() -> MultiTaskSparkPredictor.builder().setModelPath(other.toString()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(manifest + ": head 'place' has type 'span_extraction', which has no Spark columns;"
                        + " supported types: sequence_classification, token_classification"
                        + " (leave the task out with optTasks)");
        assertThat(MultiTaskSparkPredictor.builder().setModelPath(other.toString()).optTasks("mood").build()
                .outputSchema(INPUT).fieldNames()).containsExactly("id", "text", "mood_label", "mood_probability");
    }
}
