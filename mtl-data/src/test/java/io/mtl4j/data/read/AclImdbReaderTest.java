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

class AclImdbReaderTest {

    @TempDir
    Path root;

    private Path review(String split, String label, String name, String text) throws IOException {
        Path folder = root.resolve(split).resolve(label);
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(name), text);
    }

    private void smallSet() throws IOException {
        review("train", "pos", "10_9.txt", "Great.<br /><br />Loved   it.");
        review("train", "pos", "2_7.txt", "Fine<br/>film");
        review("train", "pos", "1_10.txt", "Best <BR>ever");
        review("train", "neg", "5_1.txt", "  Awful\n\tstuff ");
        review("train", "neg", "3_4.txt", "Meh.");
    }

    @Test
    void readsPositiveThenNegativeInIdOrderWithCleanedText() throws IOException {
        smallSet();

        List<LabeledExample> examples = AclImdbReader.builder().build().read(root, AclImdbReader.Split.TRAIN);

        assertThat(examples).extracting(LabeledExample::text)
                .containsExactly("Best ever", "Fine film", "Great. Loved it.", "Meh.", "Awful stuff");
        assertThat(examples).extracting(e -> e.sentenceLabels().get("sentiment"))
                .containsExactly("pos", "pos", "pos", "neg", "neg");
        assertThat(examples.get(0).origin()).isEqualTo(root.resolve("train/pos/1_10.txt") + ":1");
    }

    @Test
    void limitPerClassTakesTheFirstFilesOfEachClass() throws IOException {
        smallSet();

        List<LabeledExample> examples = AclImdbReader.builder().optLimitPerClass(1).optTask("polarity").build()
                .read(root, AclImdbReader.Split.TRAIN);

        assertThat(examples).extracting(LabeledExample::text).containsExactly("Best ever", "Meh.");
        assertThat(examples.get(1).sentenceLabels()).isEqualTo(Map.of("polarity", "neg"));
    }

    @Test
    void badFileNameIsAnError() throws IOException {
        smallSet();
        Path bad = review("train", "neg", "notes.txt", "x");

        assertThatThrownBy(() -> AclImdbReader.builder().build().read(root, AclImdbReader.Split.TRAIN))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(bad + ": expected a file name ID_RATING.txt (e.g. 123_8.txt), but found 'notes.txt'");
    }

    @Test
    void ratingMustFitItsFolder() throws IOException {
        Path pos = review("test", "pos", "7_5.txt", "so so");
        review("test", "neg", "1_2.txt", "bad");
        assertThatThrownBy(() -> AclImdbReader.builder().build().read(root, AclImdbReader.Split.TEST))
                .hasMessage(pos + ": expected a rating from 7 to 10 in folder 'pos', but found 5");

        Files.delete(pos);
        review("test", "pos", "7_8.txt", "good");
        Path neg = review("test", "neg", "2_8.txt", "good");
        assertThatThrownBy(() -> AclImdbReader.builder().build().read(root, AclImdbReader.Split.TEST))
                .hasMessage(neg + ": expected a rating from 1 to 4 in folder 'neg', but found 8");
    }

    @Test
    void missingClassFolderAndEmptyReviewAreErrors() throws IOException {
        review("train", "pos", "1_8.txt", "good");
        assertThatThrownBy(() -> AclImdbReader.builder().build().read(root, AclImdbReader.Split.TRAIN))
                .hasMessage(root.resolve("train/neg") + ": expected a folder of 'neg' reviews, but found none");

        Path empty = review("train", "neg", "1_1.txt", " <br /> ");
        assertThatThrownBy(() -> AclImdbReader.builder().build().read(root, AclImdbReader.Split.TRAIN))
                .hasMessage(empty + ": expected the text of a review, but found only whitespace and line breaks");
    }

    @Test
    void cleanReplacesLineBreakTagsAndCollapsesWhitespace() {
        assertThat(AclImdbReader.clean("a<br />b")).isEqualTo("a b");
        assertThat(AclImdbReader.clean("<BR/>x<br><br   />  y \n")).isEqualTo("x y");
        assertThat(AclImdbReader.clean("1 <bra> 2 <br 3")).isEqualTo("1 <bra> 2 <br 3");
        assertThat(AclImdbReader.clean(" \t ")).isEmpty();
    }

    @Test
    void builderRejectsNonPositiveLimit() {
        assertThatThrownBy(() -> AclImdbReader.builder().optLimitPerClass(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limitPerClass must be positive, but is: 0");
    }
}
