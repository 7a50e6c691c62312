package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.LabeledExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static DelimitedReader tsv() {
        return DelimitedReader.builder().optFormat(DelimitedReader.Format.TSV).setTextColumn("sentence")
                .addLabelColumn("sentiment", "label").build();
    }

    @Test
    void tsvTreatsQuotesAsPlainText() throws IOException {
        Path file = write("a.tsv", "sentence\tlabel\n\"the \"best\" film \t1\nit 's \"bad\t0\n");

        List<LabeledExample> examples = tsv().read(file);

        assertThat(examples).extracting(LabeledExample::text).containsExactly("\"the \"best\" film", "it 's \"bad");
        assertThat(examples).extracting(LabeledExample::sentenceLabels)
                .containsExactly(Map.of("sentiment", "1"), Map.of("sentiment", "0"));
        assertThat(examples).extracting(LabeledExample::origin).containsExactly(file + ":2", file + ":3");
    }

    @Test
    void csvHandlesQuotedFieldsAndReportsTheLineWhereARowStarts() throws IOException {
        Path file = write("a.csv", "id,text,topic,mood\n"
                + "1,\"hello, world\",greeting,happy\n"
                + "\n"
                + "2,\"two\nlines with \"\"quotes\"\"\",other,sad\n"
                + "3,plain,other,calm\n");

        List<LabeledExample> examples = DelimitedReader.builder().setTextColumn("text").addLabelColumn("topic", "topic")
                .addLabelColumn("mood", "mood").build().read(file);

        assertThat(examples).extracting(LabeledExample::text)
                .containsExactly("hello, world", "two\nlines with \"quotes\"", "plain");
        assertThat(examples.get(1).sentenceLabels()).isEqualTo(Map.of("topic", "other", "mood", "sad"));
        assertThat(examples).extracting(LabeledExample::origin)
                .containsExactly(file + ":2", file + ":4", file + ":6");
    }

    @Test
    void missingColumnNamesTheColumnsPresent() throws IOException {
        Path file = write("a.tsv", "text\tlabel\nhi\t1\n");

        assertThatThrownBy(() -> tsv().read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: expected a column 'sentence' in the header, but found only [text, label]");
    }

    @Test
    void emptyValueAndWrongValueCountNameTheLine() throws IOException {
        Path empty = write("a.tsv", "sentence\tlabel\nhi\t1\nthere\t \n");
        assertThatThrownBy(() -> tsv().read(empty))
                .hasMessage(empty + ":3: expected a value in column 'label', but found none");

        Path shortRow = write("b.tsv", "sentence\tlabel\nhi\t1\n\nthere\n");
        assertThatThrownBy(() -> tsv().read(shortRow))
                .hasMessage(shortRow + ":4: expected 2 values as in the header [sentence, label], but found 1: [there]");
    }

    @Test
    void unclosedQuoteIsAnErrorNamingTheFile() throws IOException {
        Path file = write("a.csv", "text,label\n\"open,1\n");

        assertThatThrownBy(() -> DelimitedReader.builder().setTextColumn("text").build().read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("expected CSV data, but parsing failed: ");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = write("a.tsv", "");
        assertThatThrownBy(() -> tsv().read(file))
                .hasMessage(file + ": expected a header row, but found an empty file");
    }

    @Test
    void builderRequiresTextColumnAndDistinctTasks() {
        assertThatThrownBy(() -> DelimitedReader.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("textColumn must be set to a column name, but is: null");
        assertThatThrownBy(() -> DelimitedReader.builder().addLabelColumn("a", "x").addLabelColumn("a", "y"))
                .hasMessage("task 'a' already has label column 'x'");
    }
}
