package io.mtl4j.data.task;

import static io.mtl4j.data.task.Examples.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.eval.TagScheme;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagSchemeDetectorTest {

    @Test
    void iAfterOutsideIsIob1WithTheFirstSuchTagAsEvidence() {
        List<LabeledExample> examples = List.of(
                tagged("train.txt:1", "B-PER", "I-PER", "O"),
                tagged("train.txt:5", "O", "O", "I-LOC", "I-LOC"),
                tagged("train.txt:11", "I-ORG"));

        TagSchemeDetection detection = TagSchemeDetector.detect(examples, "ner");

        assertThat(detection.scheme()).contains(TagScheme.IOB1);
        assertThat(detection.evidence()).contains(new TagEvidence("train.txt:5", 2, "I-LOC", "starts an entity"));
        assertThat(detection.describe())
                .isEqualTo("IOB1 (first evidence train.txt:5, word 2 'I-LOC' starts an entity)");
    }

    @Test
    void iAtSentenceStartOrAfterAnotherTypeIsIob1() {
        assertThat(TagSchemeDetector.detect(List.of(tagged("a:3", "I-PER", "I-PER")), "ner").evidence())
                .contains(new TagEvidence("a:3", 0, "I-PER", "starts an entity"));
        assertThat(TagSchemeDetector.detect(List.of(tagged("a:7", "B-PER", "I-LOC")), "ner").evidence())
                .contains(new TagEvidence("a:7", 1, "I-LOC", "starts an entity"));
    }

    @Test
    void bThenIOfTheSameTypeIsBioWithoutEvidence() {
        List<LabeledExample> examples = List.of(
                tagged("a:1", "B-PER", "I-PER", "B-PER", "O", "B-LOC"),
                tagged("a:7", "O", "B-MISC-X", "I-MISC-X"));

        TagSchemeDetection detection = TagSchemeDetector.detect(examples, "ner");

        assertThat(detection).isEqualTo(new TagSchemeDetection(Optional.of(TagScheme.BIO), Optional.empty()));
        assertThat(detection.describe()).isEqualTo("BIO");
    }

    @Test
    void anEndOrSingleTagIsBioesEvenAfterIob1Evidence() {
        List<LabeledExample> endFirst = List.of(tagged("a:1", "B-PER", "I-PER", "E-PER", "S-LOC"));
        List<LabeledExample> iob1First = List.of(tagged("b:1", "I-PER", "O"), tagged("b:4", "O", "S-LOC"));

        TagSchemeDetection end = TagSchemeDetector.detect(endFirst, "ner");
        TagSchemeDetection single = TagSchemeDetector.detect(iob1First, "ner");

        assertThat(end.scheme()).contains(TagScheme.BIOES);
        assertThat(end.describe())
                .isEqualTo("BIOES (first evidence a:1, word 2 'E-PER' marks the end of an entity)");
        assertThat(single.scheme()).contains(TagScheme.BIOES);
        assertThat(single.evidence()).contains(new TagEvidence("b:4", 1, "S-LOC", "marks a one-word entity"));
    }

    @Test
    void noEntityTagsIsNone() {
        LabeledExample outside = tagged("a:1", "O", "O");
        LabeledExample posTags = tagged("a:4", "NN", "VBZ", "-LRB-", "B-");
        LabeledExample otherTask = Examples.taggedFor("a:9", "slots", "I-PER");
        LabeledExample sentenceOnly = LabeledExample.ofText("a:12", "text", Map.of("ner", "x"), Map.of());

        TagSchemeDetection detection = TagSchemeDetector.detect(
                List.of(outside, posTags, otherTask, sentenceOnly), "ner");

        assertThat(detection).isEqualTo(TagSchemeDetection.NONE);
        assertThat(detection.describe()).isEqualTo("NONE");
        assertThat(TagSchemeDetector.detect(List.of(), "ner")).isEqualTo(TagSchemeDetection.NONE);
    }

    @Test
    void nonEntityTagsBetweenEntityTagsBreakContinuation() {
        // "X" is no entity tag, so the I-PER after it starts an entity.
        TagSchemeDetection detection = TagSchemeDetector.detect(List.of(tagged("a:1", "B-PER", "X", "I-PER")), "ner");

        assertThat(detection.evidence()).contains(new TagEvidence("a:1", 2, "I-PER", "starts an entity"));
    }
}
