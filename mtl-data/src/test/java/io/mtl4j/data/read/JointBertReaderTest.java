package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JointBertReaderTest {

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsTokensTagsAndLabelsIgnoringTrailingSpaces() throws IOException {
        write("seq.in", "play jazz by miles davis \nbook a table\n");
        write("seq.out", "O B-genre O B-artist I-artist \nO O O\n");
        write("label", "PlayMusic\nBookRestaurant \n");

        List<LabeledExample> examples = JointBertReader.builder().build().read(dir);

        assertThat(examples).hasSize(2);
        LabeledExample first = examples.get(0);
        assertThat(first.origin()).isEqualTo(dir.resolve("seq.in") + ":1");
        assertThat(first.text()).isEqualTo("play jazz by miles davis");
        assertThat(first.words()).containsExactly(new Word("play", 0, 4), new Word("jazz", 5, 9),
                new Word("by", 10, 12), new Word("miles", 13, 18), new Word("davis", 19, 24));
        assertThat(first.wordTags()).isEqualTo(Map.of("slots", List.of("O", "B-genre", "O", "B-artist", "I-artist")));
        assertThat(first.sentenceLabels()).isEqualTo(Map.of("intent", "PlayMusic"));
        assertThat(examples.get(1).origin()).isEqualTo(dir.resolve("seq.in") + ":2");
        assertThat(examples.get(1).sentenceLabels()).isEqualTo(Map.of("intent", "BookRestaurant"));
    }

    @Test
    void usesConfiguredTaskNames() throws IOException {
        write("seq.in", "hello world\n");
        write("seq.out", "O B-x\n");
        write("label", "greet\n");

        LabeledExample example = JointBertReader.builder().optSentenceTask("act").optTagTask("ner").build()
                .read(dir).get(0);

        assertThat(example.sentenceLabels()).isEqualTo(Map.of("act", "greet"));
        assertThat(example.wordTags()).isEqualTo(Map.of("ner", List.of("O", "B-x")));
    }

    @Test
    void absentTagAndLabelFilesLeaveTasksUnlabelled() throws IOException {
        write("seq.in", "hello world\n");

        LabeledExample example = JointBertReader.builder().build().read(dir).get(0);

        assertThat(example.text()).isEqualTo("hello world");
        assertThat(example.wordTags()).isEmpty();
        assertThat(example.sentenceLabels()).isEmpty();
    }

    @Test
    void missingTextFileIsAnError() {
        assertThatThrownBy(() -> JointBertReader.builder().build().read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("seq.in") + ": expected a file of whitespace-tokenized texts, but found none");
    }

    @Test
    void tagCountMismatchNamesBothFilesAndCounts() throws IOException {
        write("seq.in", "a b\nc d e\n");
        write("seq.out", "O O\nO O\n");

        assertThatThrownBy(() -> JointBertReader.builder().build().read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("seq.out") + ":2: expected 3 tags, one per token of " + dir.resolve("seq.in")
                        + ":2, but found 2")
                .satisfies(e -> {
                    DataFormatException d = (DataFormatException) e;
                    assertThat(d.file()).isEqualTo(dir.resolve("seq.out"));
                    assertThat(d.line()).isEqualTo(2);
                });
    }

    @Test
    void shorterTagFileIsAnError() throws IOException {
        write("seq.in", "a\nb\nc\n");
        write("seq.out", "O\nO\n");

        assertThatThrownBy(() -> JointBertReader.builder().build().read(dir))
                .hasMessage(dir.resolve("seq.out") + ":3: expected a line for " + dir.resolve("seq.in")
                        + ":3, but found the end of the file after 2 lines");
    }

    @Test
    void longerLabelFileIsAnError() throws IOException {
        write("seq.in", "a\nb\n");
        write("label", "x\ny\nz\n");

        assertThatThrownBy(() -> JointBertReader.builder().build().read(dir))
                .hasMessage(dir.resolve("label") + ":3: expected the end of the file, as " + dir.resolve("seq.in")
                        + " has 2 lines, but found more lines");
    }

    @Test
    void emptyTextLineAndTwoWordLabelAreErrors() throws IOException {
        write("seq.in", "a\n  \n");
        assertThatThrownBy(() -> JointBertReader.builder().build().read(dir))
                .hasMessage(dir.resolve("seq.in") + ":2: expected at least one token, but found a blank line");

        write("seq.in", "a\n");
        write("label", "Play Music\n");
        assertThatThrownBy(() -> JointBertReader.builder().build().read(dir))
                .hasMessage(dir.resolve("label") + ":1: expected one label, but found 2 fields in 'Play Music' (labels cannot contain spaces or tabs)");

        write("label", " \n");
        assertThatThrownBy(() -> JointBertReader.builder().build().read(dir))
                .hasMessage(dir.resolve("label") + ":1: expected one label, but found a blank line");
    }

    @Test
    void undecodableBytesNameTheLine() throws IOException {
        Files.write(dir.resolve("seq.in"), new byte[] {'o', 'k', '\n', 'b', (byte) 0xFF, 'd', '\n'});

        assertThatThrownBy(() -> JointBertReader.builder().build().read(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("seq.in") + ":2: expected UTF-8 text, but found the undecodable byte 0xFF at byte 2 of the line");
    }

    @Test
    void builderRejectsBadTaskNames() {
        assertThatThrownBy(() -> JointBertReader.builder().optTagTask("x").optSentenceTask("x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sentenceTask and tagTask must differ, but both are: 'x'");
        assertThatThrownBy(() -> JointBertReader.builder().optTagTask(" ").build())
                .hasMessage("tagTask must be a non-blank task name, but is: ' '");
    }
}
