package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.data.LabeledExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingReadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** How many descriptors of this process have the file open, from /proc/self/fd (Linux). */
    private static long openDescriptors(Path file) throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        Path target = file.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // the descriptor of the listing itself may be gone already
                }
            }).count();
        }
    }

    @Test
    void jsonlStreamDeliversTheLinesBeforeABadOneAndReportsItWhenReached() throws IOException {
        Path file = write("data.jsonl", "{\"text\": \"one\"}\n\n{\"text\": \"two\"}\n{\"text\": \"x\", \"bogus\": 1}\n");

        try (Stream<LabeledExample> stream = new JsonlReader().stream(file)) {
            Iterator<LabeledExample> examples = stream.iterator();
            assertThat(examples.next().text()).isEqualTo("one");
            LabeledExample second = examples.next();
            assertThat(second.text()).isEqualTo("two");
            assertThat(second.origin()).isEqualTo(file + ":3");
            assertThatThrownBy(examples::hasNext)
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage(file + ":4: expected only the fields text, labels and entities, but found field 'bogus'");
        }
    }

    @Test
    void jsonlStreamGivesTheSameExamplesAsRead() throws IOException {
        Path file = write("data.jsonl", "{\"text\": \"Ada in London\", \"labels\": {\"topic\": \"history\"}, "
                + "\"entities\": {\"ner\": [{\"start\": 7, \"end\": 13, \"label\": \"LOC\"}]}}\n\n{\"text\": \"b\"}\n");
        JsonlReader reader = new JsonlReader();

        try (Stream<LabeledExample> stream = reader.stream(file)) {
            assertThat(stream.toList()).isEqualTo(reader.read(file)).hasSize(2);
        }
    }

    @Test
    void closingTheStreamClosesTheFile() throws IOException {
        Path file = write("data.jsonl", "{\"text\": \"one\"}\n{\"text\": \"two\"}\n");
        long before = openDescriptors(file);

        Stream<LabeledExample> stream = new JsonlReader().stream(file);
        assertThat(stream.iterator().next().text()).isEqualTo("one");
        assertThat(openDescriptors(file)).isEqualTo(before + 1);
        stream.close();

        assertThat(openDescriptors(file)).isEqualTo(before);
    }

    @Test
    void anEmptyFileStreamsNothingWhileReadRefusesIt() throws IOException {
        Path file = write("empty.jsonl", "\n\n");

        try (Stream<LabeledExample> stream = new JsonlReader().stream(file)) {
            assertThat(stream.count()).isZero();
        }
        assertThatThrownBy(() -> new JsonlReader().read(file))
                .hasMessage(file + ": expected at least one JSON object, but found only blank lines");
    }

    @Test
    void aMissingFileIsRefusedWhenTheStreamIsOpened() {
        Path file = dir.resolve("missing.jsonl");

        assertThatThrownBy(() -> new JsonlReader().stream(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": expected a file, but found none");
    }

    @Test
    void conllStreamDeliversTheSentencesBeforeABadLine() throws IOException {
        Path file = write("data.txt", "-DOCSTART- O\n\nEU B-ORG\nrejects O\n\nPeter B-PER\nBlackburn I-PER extra\n");
        ConllReader reader = ConllReader.builder().build();

        try (Stream<LabeledExample> stream = reader.stream(file)) {
            Iterator<LabeledExample> sentences = stream.iterator();
            LabeledExample first = sentences.next();
            assertThat(first.text()).isEqualTo("EU rejects");
            assertThat(first.wordTags().get("ner")).containsExactly("B-ORG", "O");
            assertThatThrownBy(sentences::next)
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage(file + ":7: expected 2 columns as on line 3, but found 3: [Blackburn, I-PER, extra]"
                            + " (columns are separated by spaces or tabs, so a word or tag cannot contain one)");
        }
    }

    @Test
    void conllStreamGivesTheSameSentencesAsRead() throws IOException {
        Path file = write("data.txt", "EU NNP I-ORG\nrejects VBZ O\n\n\nPeter NNP I-PER\nBlackburn NNP I-PER");
        ConllReader reader = ConllReader.builder().optConvertIob1ToBio(true).optTask("entities").build();

        try (Stream<LabeledExample> stream = reader.stream(file)) {
            List<LabeledExample> streamed = stream.toList();
            assertThat(streamed).isEqualTo(reader.read(file));
            assertThat(streamed.get(1).wordTags().get("entities")).containsExactly("B-PER", "I-PER");
        }
    }

    @Test
    void delimitedStreamDeliversTheRowsBeforeABadOne() throws IOException {
        Path file = write("data.tsv", "sentence\tlabel\ngood film\t1\nbad film\t0\nno label\n");
        DelimitedReader reader = DelimitedReader.builder().optFormat(DelimitedReader.Format.TSV)
                .setTextColumn("sentence").addLabelColumn("sentiment", "label").build();

        try (Stream<LabeledExample> stream = reader.stream(file)) {
            Iterator<LabeledExample> rows = stream.iterator();
            assertThat(rows.next().sentenceLabels()).containsEntry("sentiment", "1");
            assertThat(rows.next().text()).isEqualTo("bad film");
            assertThatThrownBy(rows::next)
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage(file + ":4: expected 2 values as in the header [sentence, label], but found 1: [no label]");
        }
    }

    @Test
    void delimitedStreamGivesTheSameRowsAsReadAndClosesTheFile() throws IOException {
        Path file = write("data.csv", "text,topic\n\"a, quoted\",x\nplain,y\n");
        DelimitedReader reader = DelimitedReader.builder().setTextColumn("text").addLabelColumn("topic", "topic").build();
        long before = openDescriptors(file);

        Stream<LabeledExample> stream = reader.stream(file);
        List<LabeledExample> streamed = stream.toList();
        stream.close();

        assertThat(streamed).isEqualTo(reader.read(file));
        assertThat(streamed.get(0).text()).isEqualTo("a, quoted");
        assertThat(openDescriptors(file)).isEqualTo(before);
    }

    @Test
    void delimitedStreamRefusesAMissingColumnWhenOpened() throws IOException {
        Path file = write("data.csv", "text,topic\na,x\n");
        DelimitedReader reader = DelimitedReader.builder().setTextColumn("sentence").build();
        long before = openDescriptors(file);

        assertThatThrownBy(() -> reader.stream(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: expected a column 'sentence' in the header, but found only [text, topic]");
        assertThat(openDescriptors(file)).isEqualTo(before);
    }

    @Test
    void jointBertStreamGivesTheSameExamplesAsReadAndChecksLineCountsAtTheEnd() throws IOException {
        Path split = Files.createDirectories(dir.resolve("train"));
        Files.writeString(split.resolve("seq.in"), "play jazz\nadd it \n");
        Files.writeString(split.resolve("seq.out"), "O B-genre\nO O\n");
        Files.writeString(split.resolve("label"), "PlayMusic\nAddToPlaylist\nextra\n");
        JointBertReader reader = JointBertReader.builder().build();

        try (Stream<LabeledExample> stream = reader.stream(split)) {
            Iterator<LabeledExample> examples = stream.iterator();
            assertThat(examples.next().sentenceLabels()).containsEntry("intent", "PlayMusic");
            assertThat(examples.next().wordTags().get("slots")).containsExactly("O", "O");
            assertThatThrownBy(examples::hasNext)
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage(split.resolve("label") + ":3: expected the end of the file, as " + split.resolve("seq.in")
                            + " has 2 lines, but found more lines");
        }
        Files.writeString(split.resolve("label"), "PlayMusic\nAddToPlaylist\n");
        try (Stream<LabeledExample> stream = reader.stream(split)) {
            assertThat(stream.toList()).isEqualTo(reader.read(split)).hasSize(2);
        }
    }
}
