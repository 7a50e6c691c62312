package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.testing.TestResources;
import io.mtl4j.text.TextTokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Entity spans over raw text to BIO tags on the tokenizer's words (MiniLM, maxLength 32). */
class EntityAlignmentTest {

    // O=0, B-LOC=1, B-PER=2, I-LOC=3, I-PER=4
    private static final LabelVocabulary NER = LabelVocabulary.fromObserved(List.of("I-PER", "B-LOC", "O", "I-LOC", "B-PER"));

    private static TextTokenizer tokenizer;
    private static ExampleEncoder encoder;

    @BeforeAll
    static void load() {
        tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 32);
        encoder = new ExampleEncoder(tokenizer, List.of(new TaskSpec("ner", TaskType.TOKEN_CLASSIFICATION, NER)));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static EncodingResult encode(String text, EntityAnnotation... entities) {
        return encoder.encodeAll(List.of(LabeledExample.ofText("test.jsonl:1", text, Map.of(), Map.of("ner", List.of(entities)))));
    }

    @Test
    void spansBecomeBioTagsDespiteRepeatedAndTrailingSpaces() {
        // [CLS] new york is big [SEP]
        EncodingResult r = encode("  New  York   is big  ", new EntityAnnotation(2, 11, "LOC"));
        assertThat(r.examples().get(0).labels().get("ner")).containsExactly(-100, 1, 3, 0, 0, -100);
        assertThat(r.report().hasIssues()).isFalse();
    }

    @Test
    void multiPieceWordIsTaggedOnItsFirstPiece() {
        // [CLS] mr unbelievable ##ness met anna [SEP]
        EncodingResult r = encode("Mr unbelievableness met Anna",
                new EntityAnnotation(0, 19, "PER"), new EntityAnnotation(24, 28, "PER"));
        assertThat(r.examples().get(0).tokens().length()).isEqualTo(7);
        assertThat(r.examples().get(0).labels().get("ner")).containsExactly(-100, 2, 4, -100, 0, 2, -100);
    }

    @Test
    void offsetsAfterAnEmojiAreUtf16() {
        // [CLS] [UNK] cafe naive [SEP]; "Café" starts at UTF-16 index 3
        EncodingResult r = encode("😀 Café naïve", new EntityAnnotation(3, 7, "LOC"));
        assertThat(r.examples().get(0).labels().get("ner")).containsExactly(-100, 0, 1, 0, -100);
    }

    @Test
    void punctuationInsideASpanGetsInsideTags() {
        // [CLS] in new - york . [SEP]
        EncodingResult r = encode("In New-York.", new EntityAnnotation(3, 11, "LOC"));
        assertThat(r.examples().get(0).labels().get("ner")).containsExactly(-100, 0, 1, 3, 3, 0, -100);
        assertThat(r.report().tasks().get("ner").misalignedEntities()).isZero();
    }

    @Test
    void boundaryInsideAWordIncludesTheWordAndIsCounted() {
        // "Tchai" ends inside the tokenizer word "tchaikovsky"
        EncodingResult r = encode("Tchaikovsky wrote", new EntityAnnotation(0, 5, "PER"));
        assertThat(r.examples().get(0).labels().get("ner")).containsExactly(-100, 2, 0, -100);
        assertThat(r.report().tasks().get("ner").misalignedEntities()).isEqualTo(1);
        assertThat(r.report().tasks().get("ner").labelsLost()).isZero();
    }

    @Test
    void overlappingSpanKeepsTheFirstAndIsCounted() {
        EncodingResult r = encode("New York City", new EntityAnnotation(0, 8, "LOC"), new EntityAnnotation(4, 13, "PER"));
        assertThat(r.examples().get(0).labels().get("ner")).containsExactly(-100, 1, 3, 2, -100);
        assertThat(r.report().tasks().get("ner").misalignedEntities()).isEqualTo(1);
    }

    @Test
    void spanOverWhitespaceOnlyIsLostAndCounted() {
        EncodingResult r = encode("a   b", new EntityAnnotation(2, 3, "LOC"));
        assertThat(r.examples().get(0).labels().get("ner")).containsExactly(-100, 0, 0, -100);
        assertThat(r.report().tasks().get("ner").entitiesWithoutTokens()).isEqualTo(1);
    }

    @Test
    void spanAfterTheTruncationPointIsCounted() {
        String text = "x ".repeat(40) + "Paris";
        EncodingResult r = encode(text, new EntityAnnotation(0, 1, "PER"), new EntityAnnotation(80, 85, "LOC"));
        EncodedExample e = r.examples().get(0);
        assertThat(e.tokens().truncated()).isTrue();
        assertThat(e.labels().get("ner")[1]).isEqualTo(2);
        EncodingReport.TaskReport ner = r.report().tasks().get("ner");
        assertThat(ner.entitiesLostToTruncation()).isEqualTo(1);
        assertThat(ner.entitiesWithoutTokens()).isZero();
        assertThat(ner.examplesTruncated()).isEqualTo(1);
    }

    @Test
    void unknownEntityTypeIsCountedPerTag() {
        EncodingResult r = encode("Big Apple Inc", new EntityAnnotation(0, 13, "ORG"));
        assertThat(r.examples().get(0).labels().get("ner")).containsExactly(-100, -1, -1, -1, -100);
        assertThat(r.report().tasks().get("ner").unknownLabels()).containsExactly(Map.entry("B-ORG", 1), Map.entry("I-ORG", 2));
    }
}
