package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonlReaderTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("data.jsonl"), content);
    }

    @Test
    void readsTextLabelsAndEntitiesSkippingBlankLines() throws IOException {
        Path file = write("{\"text\": \"Ada Lovelace lived in London\", \"labels\": {\"topic\": \"history\"},"
                + " \"entities\": {\"ner\": [{\"start\": 0, \"end\": 12, \"label\": \"PER\"},"
                + " {\"start\": 22, \"end\": 28, \"label\": \"LOC\"}]}}\n"
                + "\n"
                + "{\"text\": \"no labels here\"}\n");

        List<LabeledExample> examples = new JsonlReader().read(file);

        assertThat(examples).hasSize(2);
        LabeledExample first = examples.get(0);
        assertThat(first.origin()).isEqualTo(file + ":1");
        assertThat(first.words()).isEmpty();
        assertThat(first.sentenceLabels()).isEqualTo(Map.of("topic", "history"));
        assertThat(first.entities()).isEqualTo(Map.of("ner",
                List.of(new EntityAnnotation(0, 12, "PER"), new EntityAnnotation(22, 28, "LOC"))));
        assertThat(first.text().substring(22, 28)).isEqualTo("London");
        assertThat(examples.get(1).origin()).isEqualTo(file + ":3");
        assertThat(examples.get(1).sentenceLabels()).isEmpty();
        assertThat(examples.get(1).entities()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[1, 2]|expected a JSON object, but found ARRAY",
        "{\"labels\": {}}|expected a string field 'text', but found none",
        "{\"text\": 5}|expected a string field 'text', but found NUMBER",
        "{\"text\": \"hi\", \"label\": {\"a\": \"b\"}}|expected only the fields text, labels and entities, but found field 'label'",
        "{\"text\": \"hi\", \"labels\": {\"a\": 1}}|expected a string field 'labels.a', but found NUMBER",
        "{\"text\": \"hi\", \"labels\": [\"a\"]}|expected field 'labels' to be an object by task, but found ARRAY",
        "{\"text\": \"hi\", \"entities\": {\"ner\": {}}}|expected field 'entities.ner' to be an array of spans, but found OBJECT",
        "{\"text\": \"hello\", \"entities\": {\"ner\": [{\"start\": 0, \"end\": 6, \"label\": \"X\"}]}}"
                + "|expected field 'entities.ner[0]' to satisfy 0 <= start < end <= 5 (the text length), but found start 0, end 6",
        "{\"text\": \"hello\", \"entities\": {\"ner\": [{\"start\": 0, \"end\": 1, \"label\": \"X\"}, {\"start\": 3, \"end\": 3, \"label\": \"X\"}]}}"
                + "|expected field 'entities.ner[1]' to satisfy 0 <= start < end <= 5 (the text length), but found start 3, end 3",
        "{\"text\": \"hello\", \"entities\": {\"ner\": [{\"start\": 0.5, \"end\": 1, \"label\": \"X\"}]}}"
                + "|expected an integer field 'entities.ner[0].start', but found 0.5",
        "{\"text\": \"hello\", \"entities\": {\"ner\": [{\"start\": 0, \"end\": 1}]}}"
                + "|expected a string field 'entities.ner[0].label', but found none",
        "{\"text\": \"hi\", \"labels\": {\"a\": \"b\"}, \"entities\": {\"a\": []}}"
                + "|expected task 'a' in either labels or entities, but found it in both",
    })
    void malformedLinesNameFileLineAndField(String badLine, String problem) throws IOException {
        Path file = write("{\"text\": \"fine\"}\n" + badLine + "\n");

        assertThatThrownBy(() -> new JsonlReader().read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":2: " + problem);
    }

    @Test
    void invalidJsonNamesFileAndLine() throws IOException {
        Path file = write("\n{\"text\": \"fine\"}\n{\"text\": \"cut\n");

        assertThatThrownBy(() -> new JsonlReader().read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":3: expected a JSON object, but found invalid JSON (");
    }

    @Test
    void duplicateFieldsAndTrailingContentAreInvalidJson() throws IOException {
        Path duplicate = write("{\"text\": \"a\", \"text\": \"b\"}\n");
        assertThatThrownBy(() -> new JsonlReader().read(duplicate))
                .hasMessageStartingWith(duplicate + ":1: expected a JSON object, but found invalid JSON (Duplicate field 'text'");

        Path trailing = write("{\"text\": \"a\"} {\"text\": \"b\"}\n");
        assertThatThrownBy(() -> new JsonlReader().read(trailing))
                .hasMessageStartingWith(trailing + ":1: expected a JSON object, but found invalid JSON (");
    }
}
