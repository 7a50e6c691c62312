package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlWriterTest {

    @TempDir
    Path dir;

    @Test
    void wordTagsBecomeCharacterSpans() {
        // "Christopher Nolan shot in New York ." : words start at 0, 12, 18, 23, 26, 30, 35
        LabeledExample example = LabeledExample.ofWords("t:1",
                List.of("Christopher", "Nolan", "shot", "in", "New", "York", "."),
                Map.of("sentiment", "positive"),
                Map.of("ner", List.of("B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC", "O")));

        assertThat(JsonlWriter.toLine(example)).isEqualTo("{\"text\":\"Christopher Nolan shot in New York .\","
                + "\"labels\":{\"sentiment\":\"positive\"},"
                + "\"entities\":{\"ner\":[{\"start\":0,\"end\":17,\"label\":\"PER\"},{\"start\":26,\"end\":34,\"label\":\"LOC\"}]}}");
    }

    @Test
    void strayInsideTagStartsAnEntityAndAdjacentBeginsSplit() {
        LabeledExample example = LabeledExample.ofWords("t:1", List.of("a", "b", "c", "d", "e"), Map.of(),
                Map.of("ner", List.of("I-X", "B-X", "I-X", "I-Y", "B-Y")));

        assertThat(JsonlWriter.toSpans(example, "ner", example.wordTags().get("ner"))).containsExactly(
                new EntityAnnotation(0, 1, "X"), new EntityAnnotation(2, 5, "X"), new EntityAnnotation(6, 7, "Y"),
                new EntityAnnotation(8, 9, "Y"));
    }

    @Test
    void roundTripsThroughTheReader() {
        Path file = dir.resolve("out.jsonl");
        LabeledExample words = LabeledExample.ofWords("t:1", List.of("Visit", "Rome", "\"now\""),
                Map.of("intent", "travel"), Map.of("ner", List.of("O", "B-LOC", "O")));
        LabeledExample raw = LabeledExample.ofText("t:2", "Ünïcode — text", Map.of("a", "1", "b", "2"),
                Map.of("spans", List.of(new EntityAnnotation(0, 7, "W"))));

        JsonlWriter.write(file, List.of(words, raw));
        List<LabeledExample> read = new JsonlReader().read(file);

        assertThat(read).hasSize(2);
        assertThat(read.get(0).text()).isEqualTo("Visit Rome \"now\"");
        assertThat(read.get(0).sentenceLabels()).isEqualTo(Map.of("intent", "travel"));
        assertThat(read.get(0).entities()).isEqualTo(Map.of("ner", List.of(new EntityAnnotation(6, 10, "LOC"))));
        assertThat(read.get(1).text()).isEqualTo(raw.text());
        assertThat(read.get(1).sentenceLabels()).isEqualTo(raw.sentenceLabels());
        assertThat(read.get(1).entities()).isEqualTo(raw.entities());
        assertThat(read.get(1).origin()).isEqualTo(file + ":2");
    }

    @Test
    void nonBioTagIsRejected() {
        LabeledExample example = LabeledExample.ofWords("t:9", List.of("a", "b"), Map.of(),
                Map.of("ner", List.of("O", "PER")));

        assertThatThrownBy(() -> JsonlWriter.toLine(example))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t:9: expected a BIO tag (O, B-<type> or I-<type>) for word 1 of task 'ner', but found 'PER'");
    }

    @Test
    void writesOneLinePerExample() throws Exception {
        Path file = dir.resolve("two.jsonl");
        JsonlWriter.write(file, List.of(LabeledExample.ofText("x", "one", Map.of(), Map.of()),
                LabeledExample.ofText("y", "two", Map.of(), Map.of())));

        assertThat(Files.readString(file)).isEqualTo("{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
    }
}
