package io.mtl4j.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticNerLabellerTest {

    private static final List<LabeledExample> EXAMPLES = List.of(
            LabeledExample.ofText("r:1", "  A  great\tfilm ", Map.of("sentiment", "pos"),
                    Map.of("spans", List.of(new EntityAnnotation(2, 3, "X")))),
            LabeledExample.ofWords("r:2", List.of("bad", "movie", "."), Map.of("sentiment", "neg"), Map.of()));

    @Test
    void tagsEachWhitespaceWordWithTheSeededSequence() {
        List<LabeledExample> labelled = new SyntheticNerLabeller(7).label(EXAMPLES);

        Random expected = new Random(7);
        List<String> expectedTags = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expectedTags.add(List.of("O", "PER", "LOC", "ORG").get(expected.nextInt(4)));
        }
        assertThat(labelled.get(0).wordTags().get("ner")).isEqualTo(expectedTags.subList(0, 3));
        assertThat(labelled.get(1).wordTags().get("ner")).isEqualTo(expectedTags.subList(3, 6));
    }

    @Test
    void keepsTextLabelsAndSpansAndFindsWordOffsets() {
        LabeledExample first = new SyntheticNerLabeller(1, "fake").label(EXAMPLES).get(0);

        assertThat(first.text()).isEqualTo("  A  great\tfilm ");
        assertThat(first.words()).containsExactly(new Word("A", 2, 3), new Word("great", 5, 10), new Word("film", 11, 15));
        assertThat(first.sentenceLabels()).isEqualTo(Map.of("sentiment", "pos"));
        assertThat(first.entities()).isEqualTo(EXAMPLES.get(0).entities());
        assertThat(first.wordTags()).containsOnlyKeys("fake");
        assertThat(first.origin()).isEqualTo("r:1");
    }

    @Test
    void sameSeedSameTagsAndOnlyTheFourTags() {
        List<LabeledExample> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(LabeledExample.ofText("m:" + i, "one two three four five six seven eight", Map.of(), Map.of()));
        }
        List<LabeledExample> a = new SyntheticNerLabeller(42).label(many);
        List<LabeledExample> b = new SyntheticNerLabeller(42).label(many);
        List<LabeledExample> c = new SyntheticNerLabeller(43).label(many);

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.stream().flatMap(e -> e.wordTags().get("ner").stream()).distinct())
                .containsExactlyInAnyOrder("O", "PER", "LOC", "ORG");
    }

    @Test
    void refusesToOverwriteATask() {
        LabeledExample tagged = LabeledExample.ofWords("z:3", List.of("a"), Map.of(), Map.of("ner", List.of("O")));

        assertThatThrownBy(() -> new SyntheticNerLabeller(0).label(List.of(tagged)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("z:3: expected no labels for task 'ner', but the example already has some");
        assertThatThrownBy(() -> new SyntheticNerLabeller(0, ""))
                .hasMessage("task must be a non-blank task name, but is: ''");
    }
}
