package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.ScoredPair;
import io.mtl4j.data.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsReaderTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("sts.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsScoresAndSentencesAndIgnoresTrailingSourceColumns() throws IOException {
        Path file = write("main-captions\tMSRvid\t2012test\t0024\t2.500\tA girl is styling her hair.\t"
                + "A girl is brushing her hair.\n"
                + "\n"
                + "main-news\theadlines\t2015\t0001\t0.000\tHe said \"no\".\tShe left.\tsource-a\tsource-b\r\n");

        List<ScoredPair> pairs = new StsReader().read(file);

        assertThat(pairs).containsExactly(
                new ScoredPair("A girl is styling her hair.", "A girl is brushing her hair.", 2.5f, file + ":1"),
                new ScoredPair("He said \"no\".", "She left.", 0f, file + ":3"));
    }

    @Test
    void refusesMalformedLinesNamingFileAndLine() throws IOException {
        String good = "g\tf\ty\t1\t3.0\ta\tb\n";
        Path few = write(good + "g\tf\ty\t2\t3.0\tonly one sentence\n");
        assertThatThrownBy(() -> new StsReader().read(few)).isInstanceOf(DataFormatException.class)
                .hasMessage(few + ":2: expected at least 7 tab-separated columns (genre, file, year, id, score,"
                        + " sentence 1, sentence 2), but found 6");
        Path notNumber = write(good + good + "g\tf\ty\t3\tfive\ta\tb\n");
        assertThatThrownBy(() -> new StsReader().read(notNumber))
                .hasMessage(notNumber + ":3: score (column 5) must be a number, but is: 'five'");
        Path above = write("g\tf\ty\t1\t5.2\ta\tb\n");
        assertThatThrownBy(() -> new StsReader().read(above))
                .hasMessage(above + ":1: score (column 5) must be in [0, 5], but is: 5.2");
        Path negative = write("g\tf\ty\t1\t-0.5\ta\tb\n");
        assertThatThrownBy(() -> new StsReader().read(negative))
                .hasMessage(negative + ":1: score (column 5) must be in [0, 5], but is: -0.5");
        Path nan = write("g\tf\ty\t1\tNaN\ta\tb\n");
        assertThatThrownBy(() -> new StsReader().read(nan))
                .hasMessage(nan + ":1: score (column 5) must be in [0, 5], but is: NaN");
        Path blank = write("g\tf\ty\t1\t1.0\ta\t  \n");
        assertThatThrownBy(() -> new StsReader().read(blank))
                .hasMessage(blank + ":1: sentence 2 (column 7) is blank");
    }

    @Test
    void refusesEmptyAndMissingFiles() throws IOException {
        Path empty = write("");
        assertThatThrownBy(() -> new StsReader().read(empty))
                .hasMessage(empty + ": expected at least one sentence pair, but found an empty file");
        Path blanks = write("\n  \n");
        assertThatThrownBy(() -> new StsReader().read(blanks))
                .hasMessage(blanks + ": expected at least one sentence pair, but found only blank lines");
        assertThatThrownBy(() -> new StsReader().read(dir.resolve("absent.csv")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("absent.csv");
    }

    @Test
    void realStsBenchmarkHasItsPublishedPairCounts() {
        Path stsb = SharedData.require("stsb");
        StsReader reader = new StsReader();
        assertThat(reader.read(stsb.resolve("sts-train.csv"))).hasSize(5_749);
        assertThat(reader.read(stsb.resolve("sts-dev.csv"))).hasSize(1_500);
        List<ScoredPair> test = reader.read(stsb.resolve("sts-test.csv"));
        assertThat(test).hasSize(1_379);
        assertThat(test.get(0)).isEqualTo(new ScoredPair("A girl is styling her hair.", "A girl is brushing her hair.",
                2.5f, stsb.resolve("sts-test.csv") + ":1"));
    }
}
