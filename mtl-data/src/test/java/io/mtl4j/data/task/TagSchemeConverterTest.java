package io.mtl4j.data.task;

import static io.mtl4j.data.task.Examples.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.eval.EntityExtractor;
import io.mtl4j.eval.EntitySpan;
import io.mtl4j.eval.TagScheme;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagSchemeConverterTest {

    private static final List<String> IOB1 =
            List.of("I-PER", "I-PER", "B-PER", "I-PER", "O", "I-LOC", "I-ORG", "I-ORG");
    private static final List<EntitySpan> IOB1_SPANS = List.of(new EntitySpan("PER", 0, 2),
            new EntitySpan("PER", 2, 4), new EntitySpan("LOC", 5, 6), new EntitySpan("ORG", 6, 8));

    @Test
    void iob1EntityInitialIBecomesB() {
        List<String> bio = TagSchemeConverter.toBio(IOB1, TagScheme.IOB1);

        assertThat(bio).containsExactly("B-PER", "I-PER", "B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG");
        assertThat(EntityExtractor.extract(IOB1)).isEqualTo(IOB1_SPANS);
        assertThat(EntityExtractor.extract(bio)).isEqualTo(IOB1_SPANS);
    }

    @Test
    void bioesSingleBecomesBAndEndBecomesI() {
        List<String> bioes = List.of("S-PER", "B-LOC", "I-LOC", "E-LOC", "O", "S-ORG", "S-ORG", "B-MISC", "E-MISC");

        List<String> bio = TagSchemeConverter.toBio(bioes, TagScheme.BIOES);

        assertThat(bio).containsExactly("B-PER", "B-LOC", "I-LOC", "I-LOC", "O", "B-ORG", "B-ORG", "B-MISC", "I-MISC");
        List<EntitySpan> spans = List.of(new EntitySpan("PER", 0, 1), new EntitySpan("LOC", 1, 4),
                new EntitySpan("ORG", 5, 6), new EntitySpan("ORG", 6, 7), new EntitySpan("MISC", 7, 9));
        assertThat(EntityExtractor.extract(bioes)).isEqualTo(spans);
        assertThat(EntityExtractor.extract(bio)).isEqualTo(spans);
    }

    @Test
    void illFormedBioesKeepsItsEntitiesWhereTagByTagMappingWouldMergeThem() {
        // E-PER ends an entity, so the I-PER after it starts another; mapping E->I would merge the two.
        List<String> bioes = List.of("E-PER", "I-PER", "O");

        List<String> bio = TagSchemeConverter.toBio(bioes, TagScheme.BIOES);

        assertThat(bio).containsExactly("B-PER", "B-PER", "O");
        assertThat(EntityExtractor.extract(bio))
                .containsExactly(new EntitySpan("PER", 0, 1), new EntitySpan("PER", 1, 2));
    }

    @Test
    void bioIsReturnedAsItIs() {
        List<String> bio = List.of("B-PER", "I-PER");

        assertThat(TagSchemeConverter.toBio(bio, TagScheme.BIO)).isSameAs(bio);
    }

    @Test
    void examplesKeepOtherLabelsAndUnchangedExamplesStayTheSame() {
        LabeledExample changed = LabeledExample.ofWords("t.txt:1", List.of("a", "b"), Map.of("intent", "x"),
                Map.of("ner", List.of("I-PER", "O"), "pos", List.of("NN", "VB")));
        LabeledExample unchanged = tagged("t.txt:4", "B-LOC", "O");
        LabeledExample other = Examples.taggedFor("t.txt:7", "pos", "I-X");

        List<LabeledExample> converted = TagSchemeConverter.toBio(List.of(changed, unchanged, other), "ner",
                TagScheme.IOB1);

        assertThat(converted.get(0).wordTags())
                .isEqualTo(Map.of("ner", List.of("B-PER", "O"), "pos", List.of("NN", "VB")));
        assertThat(converted.get(0).sentenceLabels()).isEqualTo(Map.of("intent", "x"));
        assertThat(converted.get(0).origin()).isEqualTo("t.txt:1");
        assertThat(converted.get(0).words()).isEqualTo(changed.words());
        assertThat(converted.get(1)).isSameAs(unchanged);
        assertThat(converted.get(2)).isSameAs(other);
    }

    @Test
    void aTagOutsideTheSchemeIsAnErrorNamingTheOrigin() {
        List<LabeledExample> examples = List.of(tagged("t.txt:1", "S-PER"), tagged("t.txt:4", "O", "U-PER"));

        assertThatThrownBy(() -> TagSchemeConverter.toBio(examples, "ner", TagScheme.BIOES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.txt:4: task 'ner': tag 1 is not a valid BIOES tag, but is: 'U-PER'"
                        + " (expected O or one of [B, I, E, S] followed by '-' and a type)");
    }
}
