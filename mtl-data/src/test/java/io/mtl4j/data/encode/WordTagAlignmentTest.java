package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.testing.TestResources;
import io.mtl4j.text.TextTokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Word tags on the MiniLM tokenizer (maxLength 32): first sub-word labelled, the rest ignored. */
class WordTagAlignmentTest {

    // O=0, B-artist=1, B-loc=2, B-x=3, I-loc=4
    private static final LabelVocabulary SLOTS = LabelVocabulary.of(List.of("O", "B-artist", "B-loc", "B-x", "I-loc"));
    private static final List<TaskSpec> TASKS = List.of(new TaskSpec("slots", TaskType.TOKEN_CLASSIFICATION, SLOTS));

    private static TextTokenizer tokenizer;
    private static ExampleEncoder encoder;

    @BeforeAll
    static void load() {
        tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 32);
        encoder = new ExampleEncoder(tokenizer, TASKS);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static LabeledExample example(List<String> words, List<String> tags) {
        return LabeledExample.ofWords("test:1", words, Map.of(), Map.of("slots", tags));
    }

    @Test
    void wordSplitIntoSeveralPiecesIsLabelledOnItsFirstPiece() {
        // [CLS] play unbelievable ##ness by tchaikovsky [SEP]
        EncodedExample e = encoder.encode(example(
                List.of("play", "unbelievableness", "by", "Tchaikovsky"), List.of("O", "B-x", "O", "B-artist")));
        assertThat(e.tokens().ids()).containsExactly(101, 2377, 23653, 2791, 2011, 25900, 102);
        assertThat(e.labels().get("slots")).containsExactly(-100, 0, 3, -100, 0, 1, -100);
    }

    @Test
    void punctuationWordsAreWordsOfTheirOwn() {
        // [CLS] hello , world ! [SEP]
        EncodedExample e = encoder.encode(example(List.of("hello", ",", "world", "!"), List.of("O", "O", "B-loc", "O")));
        assertThat(e.labels().get("slots")).containsExactly(-100, 0, 0, 2, 0, -100);
    }

    @Test
    void givenWordSplitByThePreTokenizerIsLabelledOnce() {
        // [CLS] the u . s . army [SEP]: "U.S." is one given word, four tokenizer words
        EncodedExample e = encoder.encode(example(List.of("the", "U.S.", "army"), List.of("O", "B-loc", "I-loc")));
        assertThat(e.tokens().length()).isEqualTo(8);
        assertThat(e.labels().get("slots")).containsExactly(-100, 0, 2, -100, -100, -100, 4, -100);
    }

    @Test
    void accentsAndEmojiKeepTheirWords() {
        // [CLS] cafe naive [UNK] ok [SEP]; the emoji is two UTF-16 units
        EncodedExample e = encoder.encode(example(List.of("café", "naïve", "😀", "ok"), List.of("B-loc", "I-loc", "B-x", "O")));
        assertThat(e.tokens().ids()).containsExactly(101, 7668, 15743, 100, 7929, 102);
        assertThat(e.labels().get("slots")).containsExactly(-100, 2, 4, 3, 0, -100);
    }

    @Test
    void wordWithoutTokensLosesItsTagAndIsCounted() {
        // the zero-width space is dropped by the tokenizer: [CLS] a b [SEP]
        EncodingResult result = encoder.encodeAll(List.of(
                example(List.of("a", "\u200b", "b"), List.of("O", "B-x", "B-loc"))));
        assertThat(result.examples().get(0).labels().get("slots")).containsExactly(-100, 0, 2, -100);
        EncodingReport.TaskReport slots = result.report().tasks().get("slots");
        assertThat(slots.wordsWithoutTokens()).isEqualTo(1);
        assertThat(slots.wordsLostToTruncation()).isZero();
        assertThat(slots.labelsLost()).isEqualTo(1);
        assertThat(result.report().hasIssues()).isTrue();
    }

    @Test
    void invisibleCharactersAreEscapedForTheLog() {
        assertThat(WordTagAligner.escaped("a\u200b\ufffdé😀")).isEqualTo("a\\u200B\\uFFFDé😀");
    }

    @Test
    void truncationCutsWordsAndCountsThem() {
        List<String> words = new ArrayList<>(Collections.nCopies(40, "x"));
        List<String> tags = new ArrayList<>(Collections.nCopies(40, "O"));
        tags.set(0, "B-x");
        EncodingResult result = encoder.encodeAll(List.of(example(words, tags), example(List.of("x"), List.of("O"))));

        int[] labels = result.examples().get(0).labels().get("slots");
        assertThat(labels).hasSize(32);
        assertThat(labels[0]).isEqualTo(-100);
        assertThat(labels[1]).isEqualTo(3);
        assertThat(labels[30]).isEqualTo(0);
        assertThat(labels[31]).isEqualTo(-100);
        EncodingReport report = result.report();
        assertThat(report.examples()).isEqualTo(2);
        assertThat(report.examplesTruncated()).isEqualTo(1);
        EncodingReport.TaskReport slots = report.tasks().get("slots");
        assertThat(slots.examplesLabelled()).isEqualTo(2);
        assertThat(slots.examplesTruncated()).isEqualTo(1);
        assertThat(slots.wordsLostToTruncation()).isEqualTo(10); // 30 of 40 words fit between [CLS] and [SEP]
        assertThat(slots.wordsWithoutTokens()).isZero();
    }

    @Test
    void tagOutsideTheVocabularyBecomesUnknownAndIsCounted() {
        EncodingResult result = encoder.encodeAll(List.of(
                example(List.of("play", "jazz", "now"), List.of("O", "B-genre", "B-genre")),
                example(List.of("hi"), List.of("B-time"))));
        assertThat(result.examples().get(0).labels().get("slots")).containsExactly(-100, 0, -1, -1, -100);
        assertThat(result.examples().get(1).labels().get("slots")).containsExactly(-100, -1, -100);
        EncodingReport.TaskReport slots = result.report().tasks().get("slots");
        assertThat(slots.unknownLabels()).containsExactly(Map.entry("B-genre", 2), Map.entry("B-time", 1));
        assertThat(slots.unknownLabelCount()).isEqualTo(3);
        assertThat(result.report().summary()).isEqualTo("2 examples, 0 truncated" + System.lineSeparator()
                + "  slots: 2 labelled, 0 truncated, unknown labels: {B-genre=2, B-time=1}");
    }

    @Test
    void exampleWithoutTheTaskHasNoLabelsForIt() {
        EncodingResult result = encoder.encodeAll(List.of(LabeledExample.ofWords("t:1", List.of("hi"), Map.of(), Map.of())));
        assertThat(result.examples().get(0).labels()).isEmpty();
        assertThat(result.report().tasks().get("slots").examplesLabelled()).isZero();
        assertThat(result.report().hasIssues()).isFalse();
    }
}
