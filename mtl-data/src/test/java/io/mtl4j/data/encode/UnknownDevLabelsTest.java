package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.read.JointBertReader;
import io.mtl4j.data.read.JsonlReader;
import io.mtl4j.testing.TestResources;
import io.mtl4j.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels met in dev or test files but not in training, read from files as a user would: the examples
 * are kept, the labels placed as unknown and counted by label in the report, never dropped silently.
 */
class UnknownDevLabelsTest {

    private static TextTokenizer tokenizer;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 32);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private Path jointBert(String split, String texts, String tags, String labels) throws IOException {
        Path dir = Files.createDirectories(root.resolve(split));
        Files.writeString(dir.resolve("seq.in"), texts);
        Files.writeString(dir.resolve("seq.out"), tags);
        Files.writeString(dir.resolve("label"), labels);
        return dir;
    }

    @Test
    void unknownIntentAndSlotTagOfDevAreKeptAsUnknownAndCounted() throws IOException {
        JointBertReader reader = JointBertReader.builder().build();
        List<LabeledExample> train = reader.read(jointBert("train", "play some jazz\nbook a table\n",
                "O O B-genre\nO O O\n", "PlayMusic\nBookRestaurant\n"));
        List<LabeledExample> dev = reader.read(jointBert("dev", "rate this book\nplay jazz\n",
                "O O B-object\nO B-genre\n", "RateBook\nPlayMusic\n"));

        // intent: BookRestaurant=0, PlayMusic=1; slots: O=0, B-genre=1
        EncodingResult result = new ExampleEncoder(tokenizer, LabelVocabularies.taskSpecs(train)).encodeAll(dev);

        assertThat(result.examples()).hasSize(2);
        assertThat(result.examples().get(0).labels().get("intent")).containsExactly(-1);
        assertThat(result.examples().get(0).labels().get("slots")).containsExactly(-100, 0, 0, -1, -100);
        assertThat(result.examples().get(1).labels().get("intent")).containsExactly(1);
        assertThat(result.examples().get(1).labels().get("slots")).containsExactly(-100, 0, 1, -100);
        EncodingReport report = result.report();
        assertThat(report.tasks().get("intent").unknownLabels()).containsExactly(Map.entry("RateBook", 1));
        assertThat(report.tasks().get("slots").unknownLabels()).containsExactly(Map.entry("B-object", 1));
        assertThat(report.hasIssues()).isTrue();
        assertThat(report.summary()).isEqualTo("2 examples, 0 truncated" + System.lineSeparator()
                + "  intent: 2 labelled, 0 truncated, unknown labels: {RateBook=1}" + System.lineSeparator()
                + "  slots: 2 labelled, 0 truncated, unknown labels: {B-object=1}");
    }

    @Test
    void unknownEntityTypeOfDevIsCountedPerTagAndUnknownTaskIsRefusedWithItsOrigin() throws IOException {
        Path train = Files.writeString(root.resolve("train.jsonl"),
                "{\"text\": \"to Rome\", \"entities\": {\"ner\": [{\"start\": 3, \"end\": 7, \"label\": \"LOC\"}]}}\n");
        Path dev = Files.writeString(root.resolve("dev.jsonl"),
                "{\"text\": \"Ada Lovelace\", \"entities\": {\"ner\": [{\"start\": 0, \"end\": 12, \"label\": \"PER\"}]}}\n");
        JsonlReader reader = new JsonlReader();
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, LabelVocabularies.taskSpecs(reader.read(train)));

        EncodingResult result = encoder.encodeAll(reader.read(dev));

        assertThat(result.examples()).hasSize(1);
        assertThat(result.report().tasks().get("ner").unknownLabels())
                .containsExactly(Map.entry("B-PER", 1), Map.entry("I-PER", 1));
        Files.writeString(dev, "{\"text\": \"hi\", \"labels\": {\"topic\": \"greeting\"}}\n");
        List<LabeledExample> otherTask = reader.read(dev);
        assertThatThrownBy(() -> encoder.encodeAll(otherTask))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dev + ":1: unknown task 'topic'; known tasks: [ner]");
    }
}
