package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reads the real data sets in {@code shared/data}; each test skips when its data set is absent. */
class RealDataSmokeTest {

    @Test
    void snipsTrainHas13084ExamplesSevenIntentsAnd72SlotTags() {
        Path snips = SharedData.require("snips");

        List<LabeledExample> train = JointBertReader.builder().build().read(snips.resolve("train"));

        assertThat(train).hasSize(13_084);
        assertThat(train.stream().map(e -> e.sentenceLabels().get("intent")).collect(Collectors.toSet())).hasSize(7);
        Set<String> tags = train.stream().flatMap(e -> e.wordTags().get("slots").stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(tags).hasSize(72).contains("O", "B-artist", "I-artist");
        assertThat(train.get(0).text()).isEqualTo("listen to westbam alumb allergic on google music");
        assertThat(JointBertReader.builder().build().read(snips.resolve("dev"))).hasSize(700);
        assertThat(JointBertReader.builder().build().read(snips.resolve("test"))).hasSize(700);
    }

    @Test
    void conll2003HasTheKnownSentenceCounts() {
        Path conll = SharedData.require("conll2003");
        ConllReader reader = ConllReader.builder().optConvertIob1ToBio(true).build();

        List<LabeledExample> train = reader.read(conll.resolve("train.txt"));

        assertThat(train).hasSize(14_041);
        assertThat(train.get(0).text()).isEqualTo("EU rejects German call to boycott British lamb .");
        assertThat(train.get(0).wordTags().get("ner"))
                .containsExactly("B-ORG", "O", "B-MISC", "O", "O", "O", "B-MISC", "O", "O");
        Set<String> tags = train.stream().flatMap(e -> e.wordTags().get("ner").stream()).collect(Collectors.toSet());
        assertThat(tags).containsExactlyInAnyOrder("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG",
                "B-MISC", "I-MISC");
        assertThat(reader.read(conll.resolve("dev.txt"))).hasSize(3_250);
        assertThat(reader.read(conll.resolve("test.txt"))).hasSize(3_453);
    }

    @Test
    void sst2RowCountsEqualLineCountsMinusHeader() {
        Path sst2 = SharedData.require("sst2");
        DelimitedReader reader = DelimitedReader.builder().optFormat(DelimitedReader.Format.TSV)
                .setTextColumn("sentence").addLabelColumn("sentiment", "label").build();

        List<LabeledExample> train = reader.read(sst2.resolve("train.tsv"));

        assertThat(train).hasSize(60_614);
        assertThat(train.get(0).text()).isEqualTo("when are bears bears and");
        assertThat(train.get(0).origin()).isEqualTo(sst2.resolve("train.tsv") + ":2");
        assertThat(train.stream().map(e -> e.sentenceLabels().get("sentiment")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("0", "1");
        assertThat(reader.read(sst2.resolve("dev.tsv"))).hasSize(6_735);
        assertThat(reader.read(sst2.resolve("test.tsv"))).hasSize(872);
    }

    @Test
    void aclImdbWithSmallLimitIsBalancedAndClean() {
        Path imdb = SharedData.require("imdb/aclImdb");

        List<LabeledExample> test = AclImdbReader.builder().optLimitPerClass(5).build()
                .read(imdb, AclImdbReader.Split.TEST);

        assertThat(test).hasSize(10);
        Map<String, Long> counts = test.stream()
                .collect(Collectors.groupingBy(e -> e.sentenceLabels().get("sentiment"), Collectors.counting()));
        assertThat(counts).isEqualTo(Map.of("pos", 5L, "neg", 5L));
        assertThat(test).allSatisfy(e -> {
            assertThat(e.text()).doesNotContain("<br").doesNotContain("  ").isNotBlank();
            assertThat(Objects.requireNonNull(e.origin())).endsWith(".txt:1");
        });
        assertThat(test.get(0).origin()).isEqualTo(imdb.resolve("test/pos/0_10.txt") + ":1");
    }
}
