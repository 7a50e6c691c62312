package io.mtl4j.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.Word;
import io.mtl4j.data.read.JointBertReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleDataGeneratorTest {

    private static ExampleDataGenerator.Splits data;

    @BeforeAll
    static void generate() {
        data = ExampleDataGenerator.builder().build().generate();
    }

    private static List<LabeledExample> all() {
        return Stream.of(data.train(), data.dev(), data.test()).flatMap(List::stream).toList();
    }

    @Test
    void defaultSizesAndOrigins() {
        assertThat(data.train()).hasSize(3000);
        assertThat(data.dev()).hasSize(300);
        assertThat(data.test()).hasSize(300);
        assertThat(data.train().get(0).origin()).isEqualTo("generated/train:1");
        assertThat(data.test().get(299).origin()).isEqualTo("generated/test:300");
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        ExampleDataGenerator.Splits again = ExampleDataGenerator.builder().build().generate();
        ExampleDataGenerator.Splits other = ExampleDataGenerator.builder().optSeed(7).optSizes(3000, 300, 300)
                .build().generate();

        assertThat(again).isEqualTo(data);
        assertThat(other.train()).isNotEqualTo(data.train());
    }

    @Test
    void sentencesAreDistinctAcrossSplits() {
        Set<String> texts = all().stream().map(LabeledExample::text).collect(Collectors.toSet());

        assertThat(texts).hasSize(3600);
    }

    @Test
    void everyExampleHasBothTasksAndValidBioTags() {
        for (LabeledExample e : all()) {
            assertThat(e.sentenceLabels()).containsOnlyKeys("sentiment");
            assertThat(e.sentenceLabels().get("sentiment")).isIn("positive", "negative");
            List<String> tags = e.wordTags().get("ner");
            assertThat(tags).hasSameSizeAs(e.words());
            String previous = "O";
            for (String tag : tags) {
                assertThat(tag).isIn("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC");
                if (tag.startsWith("I-")) {
                    assertThat(previous).as("tag before %s in %s", tag, e.text()).isIn("B-" + tag.substring(2), tag);
                }
                previous = tag;
            }
            assertThat(e.words()).allSatisfy(w -> assertThat(w.text()).doesNotContainAnyWhitespaces());
        }
    }

    @Test
    void entitySpansAreGazetteerEntries() {
        Set<String> persons = new HashSet<>(Gazetteers.LAST_NAMES);
        for (String first : Gazetteers.FIRST_NAMES) {
            for (String last : Gazetteers.LAST_NAMES) {
                persons.add(first + " " + last);
            }
        }
        Map<String, Set<String>> gazetteers = Map.of(
                "PER", persons,
                "LOC", Set.copyOf(Gazetteers.LOCATIONS),
                "ORG", Set.copyOf(Gazetteers.ORGANIZATIONS),
                "MISC", Stream.concat(Gazetteers.TITLES.stream(), Gazetteers.NATIONALITIES.stream())
                        .collect(Collectors.toSet()));
        Set<String> multiWord = new HashSet<>();
        int withoutEntities = 0;
        for (LabeledExample e : all()) {
            List<String> entities = entities(e);
            if (entities.isEmpty()) {
                withoutEntities++;
            }
            for (String entity : entities) {
                String type = entity.substring(0, entity.indexOf(':'));
                String text = entity.substring(entity.indexOf(':') + 1);
                assertThat(gazetteers.get(type)).as("%s in %s", entity, e.text()).contains(text);
                if (text.contains(" ")) {
                    multiWord.add(type);
                }
            }
        }
        assertThat(multiWord).containsExactlyInAnyOrder("PER", "LOC", "ORG", "MISC");
        assertThat(withoutEntities).isBetween(200, 1200);
    }

    /** Entities as TYPE:words, read from BIO tags. */
    private static List<String> entities(LabeledExample e) {
        List<String> entities = new ArrayList<>();
        List<String> tags = e.wordTags().get("ner");
        List<Word> words = e.words();
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).startsWith("B-")) {
                String type = tags.get(i).substring(2);
                StringBuilder text = new StringBuilder(words.get(i).text());
                while (i + 1 < tags.size() && tags.get(i + 1).equals("I-" + type)) {
                    text.append(' ').append(words.get(++i).text());
                }
                entities.add(type + ":" + text);
            }
        }
        return entities;
    }

    @Test
    void gazetteersAreLargeEnoughAndCoverTheReadmeSentence() {
        assertThat(Gazetteers.FIRST_NAMES).hasSizeGreaterThanOrEqualTo(40).contains("Christopher").doesNotHaveDuplicates();
        assertThat(Gazetteers.LAST_NAMES).hasSizeGreaterThanOrEqualTo(40).contains("Nolan").doesNotHaveDuplicates();
        assertThat(Gazetteers.LOCATIONS).hasSizeGreaterThanOrEqualTo(40).contains("London").doesNotHaveDuplicates();
        assertThat(Gazetteers.ORGANIZATIONS).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
        assertThat(Templates.POSITIVE).hasSizeGreaterThanOrEqualTo(40);
        assertThat(Templates.NEGATIVE).hasSizeGreaterThanOrEqualTo(40);
        assertThat(all()).extracting(LabeledExample::text)
                .noneMatch(t -> t.startsWith("Christopher Nolan directed Inception in London"));
        assertThat(all()).extracting(LabeledExample::text).anyMatch(t -> t.contains("Christopher"))
                .anyMatch(t -> t.contains("Nolan")).anyMatch(t -> t.contains("London"));
    }

    @Test
    void sentimentIsBalancedAndNotDecidedByOneWord() {
        long positive = data.train().stream().filter(e -> e.sentenceLabels().get("sentiment").equals("positive")).count();
        assertThat(positive).isBetween(1350L, 1650L);
        // a positive sentence may hold a negative word ("Despite a dull opening, ...") and the reverse
        assertThat(data.train()).anyMatch(e -> e.sentenceLabels().get("sentiment").equals("positive")
                && e.words().stream().anyMatch(w -> Gazetteers.BAD.contains(w.text())));
        assertThat(data.train()).anyMatch(e -> e.sentenceLabels().get("sentiment").equals("negative")
                && e.words().stream().anyMatch(w -> Gazetteers.GOOD.contains(w.text())));
    }

    @Test
    void jointBertLayoutReadsBackTheSameExamples(@TempDir Path dir) {
        ExampleDataGenerator generator = ExampleDataGenerator.builder().optSeed(3).optSizes(40, 5, 5).build();

        ExampleDataGenerator.Splits written = generator.writeJointBertLayout(dir);
        JointBertReader reader = JointBertReader.builder().optSentenceTask("sentiment").optTagTask("ner").build();

        assertThat(written).isEqualTo(generator.generate());
        for (String split : List.of("train", "dev", "test")) {
            List<LabeledExample> expected = split.equals("train") ? written.train()
                    : split.equals("dev") ? written.dev() : written.test();
            List<LabeledExample> read = reader.read(dir.resolve(split));
            assertThat(read).hasSameSizeAs(expected);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i).text()).isEqualTo(expected.get(i).text());
                assertThat(read.get(i).words()).isEqualTo(expected.get(i).words());
                assertThat(read.get(i).sentenceLabels()).isEqualTo(expected.get(i).sentenceLabels());
                assertThat(read.get(i).wordTags()).isEqualTo(expected.get(i).wordTags());
            }
        }
    }

    @Test
    void builderValidatesSizesAndTooManySentencesFail() {
        assertThatThrownBy(() -> ExampleDataGenerator.builder().optSizes(0, 1, 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train size must be positive, but is: 0");
        assertThatThrownBy(() -> ExampleDataGenerator.builder().optSizes(1, -1, 1).build())
                .hasMessage("dev size must not be negative, but is: -1");
    }
}
