package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.Word;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.testing.TestResources;
import io.mtl4j.text.TextTokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sentence labels, several tasks at once, and the errors of the encoder. */
class ExampleEncoderTest {

    private static final TaskSpec INTENT = new TaskSpec("intent", TaskType.SEQUENCE_CLASSIFICATION,
            LabelVocabulary.of(List.of("AddToPlaylist", "PlayMusic")));
    private static final TaskSpec SLOTS = new TaskSpec("slots", TaskType.TOKEN_CLASSIFICATION,
            LabelVocabulary.of(List.of("O", "B-artist")));

    private static TextTokenizer tokenizer;
    private static ExampleEncoder encoder;

    @BeforeAll
    static void load() {
        tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 32);
        encoder = new ExampleEncoder(tokenizer, List.of(INTENT, SLOTS));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void sentenceAndTokenLabelsTogether() {
        EncodedExample e = encoder.encode(LabeledExample.ofWords("t:1", List.of("play", "Tchaikovsky"),
                Map.of("intent", "PlayMusic"), Map.of("slots", List.of("O", "B-artist"))));
        assertThat(e.labels().get("intent")).containsExactly(1);
        assertThat(e.labels().get("slots")).containsExactly(-100, 0, 1, -100);
    }

    @Test
    void unknownDevLabelBecomesMinusOneAndIsCounted() {
        EncodingResult r = encoder.encodeAll(List.of(
                LabeledExample.ofWords("dev:1", List.of("book", "a", "table"), Map.of("intent", "BookRestaurant"), Map.of()),
                LabeledExample.ofWords("dev:2", List.of("add", "it"), Map.of("intent", "AddToPlaylist"), Map.of())));
        assertThat(r.examples().get(0).labels().get("intent")).containsExactly(-1);
        assertThat(r.examples().get(1).labels().get("intent")).containsExactly(0);
        EncodingReport.TaskReport intent = r.report().tasks().get("intent");
        assertThat(intent.examplesLabelled()).isEqualTo(2);
        assertThat(intent.unknownLabels()).containsExactly(Map.entry("BookRestaurant", 1));
        assertThat(r.report().tasks().get("slots").examplesLabelled()).isZero();
        assertThat(r.report().tasks().keySet()).containsExactly("intent", "slots");
    }

    @Test
    void encodeAllMatchesEncodeOneByOne() {
        List<LabeledExample> examples = List.of(
                LabeledExample.ofWords("t:1", List.of("play", "U.S.", "jazz"), Map.of("intent", "PlayMusic"),
                        Map.of("slots", List.of("O", "B-artist", "O"))),
                LabeledExample.ofWords("t:2", List.of("naïve"), Map.of(), Map.of("slots", List.of("B-artist"))));
        EncodingResult r = encoder.encodeAll(examples);
        for (int i = 0; i < examples.size(); i++) {
            EncodedExample one = encoder.encode(examples.get(i));
            assertThat(r.examples().get(i).tokens()).isEqualTo(one.tokens());
            assertThat(r.examples().get(i).labels().keySet()).isEqualTo(one.labels().keySet());
            for (String task : one.labels().keySet()) {
                assertThat(r.examples().get(i).labels().get(task)).containsExactly(one.labels().get(task));
            }
        }
    }

    @Test
    void unknownTaskIsRejectedWithTheOrigin() {
        LabeledExample e = LabeledExample.ofWords("train/label:7", List.of("hi"), Map.of("topic", "x"), Map.of());
        assertThatThrownBy(() -> encoder.encode(e))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train/label:7: unknown task 'topic'; known tasks: [intent, slots]");
    }

    @Test
    void labelInTheWrongFormIsRejected() {
        LabeledExample e = LabeledExample.ofText("a.jsonl:3", "hi", Map.of("slots", "O"), Map.of());
        assertThatThrownBy(() -> encoder.encode(e))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a.jsonl:3: task 'slots' is TOKEN_CLASSIFICATION but the example gives it a sentence label");
        LabeledExample spans = LabeledExample.ofText("a.jsonl:4", "hi", Map.of(),
                Map.of("intent", List.of(new EntityAnnotation(0, 2, "X"))));
        assertThatThrownBy(() -> encoder.encode(spans))
                .hasMessage("a.jsonl:4: task 'intent' is SEQUENCE_CLASSIFICATION but the example gives it entity spans");
    }

    @Test
    void wordTagsAndSpansForOneTaskAreRejected() {
        LabeledExample e = new LabeledExample("a:1", "hi", List.of(new Word("hi", 0, 2)), Map.of(),
                Map.of("slots", List.of("O")), Map.of("slots", List.of(new EntityAnnotation(0, 2, "artist"))));
        assertThatThrownBy(() -> encoder.encode(e))
                .hasMessage("a:1: task 'slots' has both word tags and entity spans; give one or the other");
    }

    @Test
    void wordsOutOfOrderAreRejected() {
        LabeledExample e = new LabeledExample("a:2", "ab cd", List.of(new Word("cd", 3, 5), new Word("ab", 0, 2)),
                Map.of(), Map.of("slots", List.of("O", "O")), Map.of());
        assertThatThrownBy(() -> encoder.encode(e))
                .hasMessage("a:2: words must be in text order without overlap, but word 1 'ab' starts at 0 "
                        + "before the previous word's end 5");
    }

    @Test
    void duplicateTaskNamesAreRejected() {
        assertThatThrownBy(() -> new ExampleEncoder(tokenizer, List.of(INTENT, INTENT)))
                .hasMessage("task names must be unique, but 'intent' appears twice");
    }

    @Test
    void blankTaskNameIsRejected() {
        assertThatThrownBy(() -> new TaskSpec(" ", TaskType.SEQUENCE_CLASSIFICATION, LabelVocabulary.of(List.of("a"))))
                .hasMessage("task name must not be blank, but is: ' '");
    }
}
