package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.LabeledExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllReaderTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void readsSentencesSkippingDocstartAndExtraBlankLines() throws IOException {
        Path file = write("-DOCSTART- -X- -X- O\n\n"
                + "EU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\n\n\n"
                + "Peter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER");

        List<LabeledExample> sentences = ConllReader.builder().build().read(file);

        assertThat(sentences).hasSize(2);
        assertThat(sentences.get(0).origin()).isEqualTo(file + ":3");
        assertThat(sentences.get(0).text()).isEqualTo("EU rejects German");
        assertThat(sentences.get(0).wordTags().get("ner")).containsExactly("I-ORG", "O", "I-MISC");
        assertThat(sentences.get(1).origin()).isEqualTo(file + ":8");
        assertThat(sentences.get(1).text()).isEqualTo("Peter Blackburn");
        assertThat(sentences.get(1).wordTags().get("ner")).containsExactly("I-PER", "I-PER");
    }

    @Test
    void acceptsWindowsLineEndingsAndAByteOrderMark() throws IOException {
        Path file = write("\uFEFFa NN O\r\nb NN B-X\r\n\r\nc NN O\r\n");

        List<LabeledExample> sentences = ConllReader.builder().build().read(file);

        assertThat(sentences).extracting(LabeledExample::text).containsExactly("a b", "c");
        assertThat(sentences.get(0).wordTags().get("ner")).containsExactly("O", "B-X");
        assertThat(sentences.get(1).origin()).isEqualTo(file + ":4");
    }

    @Test
    void convertsIob1ToBio() throws IOException {
        // IOB1: I- starts an entity unless it continues one of the same type; B- splits adjacent ones.
        Path file = write("a I-PER\nb I-PER\nc B-PER\nd I-PER\ne O\nf I-LOC\ng I-ORG\nh I-ORG\n\ni I-MISC\n");

        List<LabeledExample> sentences = ConllReader.builder().optConvertIob1ToBio(true).optTask("entities").build()
                .read(file);

        assertThat(sentences.get(0).wordTags().get("entities"))
                .containsExactly("B-PER", "I-PER", "B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG");
        assertThat(sentences.get(1).wordTags().get("entities")).containsExactly("B-MISC");
    }

    @Test
    void readsConfiguredTagColumn() throws IOException {
        Path file = write("Paris NNP B-LOC extra\nis VBZ O extra\n");

        List<LabeledExample> sentences = ConllReader.builder().optTagColumn(2).build().read(file);

        assertThat(sentences.get(0).wordTags().get("ner")).containsExactly("B-LOC", "O");
    }

    @Test
    void tooFewColumnsIsAnErrorWithCounts() throws IOException {
        Path file = write("EU NNP B-NP B-ORG\nrejects\n");
        assertThatThrownBy(() -> ConllReader.builder().build().read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":2: expected at least 2 columns (word and tag), but found 1");

        Path second = write("EU NNP B-NP B-ORG\n\nrejects VBZ B-VP\n");
        assertThatThrownBy(() -> ConllReader.builder().optTagColumn(3).build().read(second))
                .hasMessage(second + ":3: expected at least 4 columns (tag in column 3), but found 3");
    }

    @Test
    void conversionRejectsTagsOutsideIob() throws IOException {
        Path file = write("EU S-ORG\n");
        assertThatThrownBy(() -> ConllReader.builder().optConvertIob1ToBio(true).build().read(file))
                .hasMessage(file + ":1: expected an IOB1 tag (O, B-<type> or I-<type>), but found 'S-ORG'");
    }

    @Test
    void builderRejectsWordColumnAsTagColumn() {
        assertThatThrownBy(() -> ConllReader.builder().optTagColumn(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tagColumn must be at least 1 or LAST_COLUMN (-1), but is: 0");
    }
}
