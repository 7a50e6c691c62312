package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.text.TokenizedText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollatorTest {

    private static final List<TaskSpec> TASKS = List.of(
            new TaskSpec("intent", TaskType.SEQUENCE_CLASSIFICATION, LabelVocabulary.of(List.of("a", "b", "c"))),
            new TaskSpec("slots", TaskType.TOKEN_CLASSIFICATION, LabelVocabulary.of(List.of("O", "B-x"))),
            new TaskSpec("ner", TaskType.TOKEN_CLASSIFICATION, LabelVocabulary.of(List.of("O", "B-PER"))));

    /** An example with the given token ids; token type 1 on the last token, 0 elsewhere. */
    private static EncodedExample example(long[] ids, Map<String, int[]> labels) {
        int n = ids.length;
        long[] types = new long[n];
        types[n - 1] = 1; // a recognisable type id, to see it copied
        return new EncodedExample(new TokenizedText("t", ids, types, new int[n], new int[n], new int[n], false), labels);
    }

    private static final EncodedExample SHORT = example(new long[] {101, 7, 102},
            Map.of("intent", new int[] {2}, "slots", new int[] {-100, 1, -100}));
    private static final EncodedExample LONG = example(new long[] {101, 8, 9, 10, 102},
            Map.of("intent", new int[] {0}));

    @Test
    void padsToTheLongestExample() {
        Batch batch = new Collator(TASKS).collate(List.of(SHORT, LONG));
        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.length()).isEqualTo(5);
        assertThat(batch.inputIds()).containsExactly(101, 7, 102, 0, 0, 101, 8, 9, 10, 102);
        assertThat(batch.attentionMask()).containsExactly(1, 1, 1, 0, 0, 1, 1, 1, 1, 1);
        assertThat(batch.tokenTypeIds()).containsExactly(0, 0, 1, 0, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void sentenceLabelsHaveWidthOneAndTokenLabelsArePaddedWithIgnore() {
        Batch batch = new Collator(TASKS).collate(List.of(SHORT, LONG));
        assertThat(batch.labels().keySet()).containsExactlyInAnyOrder("intent", "slots");
        assertThat(batch.labels().get("intent").width()).isEqualTo(1);
        assertThat(batch.labels().get("intent").values()).containsExactly(2, 0);
        // LONG has no slot labels: a full row of IGNORE_INDEX (partial labels)
        assertThat(batch.labels().get("slots").width()).isEqualTo(5);
        assertThat(batch.labels().get("slots").values())
                .containsExactly(-100, 1, -100, -100, -100, -100, -100, -100, -100, -100);
    }

    @Test
    void fixedLengthPadsEveryBatchToIt() {
        Collator collator = new Collator(TASKS, 5L).fixedLength(6);
        assertThat(collator.fixedLength()).isEqualTo(6);
        Batch batch = collator.collate(List.of(SHORT));
        assertThat(batch.length()).isEqualTo(6);
        assertThat(batch.inputIds()).containsExactly(101, 7, 102, 5, 5, 5);
        assertThat(batch.attentionMask()).containsExactly(1, 1, 1, 0, 0, 0);
        assertThat(batch.labels().get("slots").values()).containsExactly(-100, 1, -100, -100, -100, -100);
        assertThat(batch.labels().get("intent").values()).containsExactly(2);
    }

    @Test
    void exampleLongerThanTheFixedLengthIsRejected() {
        Collator collator = new Collator(TASKS).fixedLength(4);
        assertThatThrownBy(() -> collator.collate(List.of(SHORT, LONG)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("example 1 has 5 tokens, more than the fixed length 4");
    }

    @Test
    void badInputsAreRejected() {
        Collator collator = new Collator(TASKS);
        assertThatThrownBy(() -> collator.collate(List.of()))
                .hasMessage("cannot collate an empty list of examples");
        assertThatThrownBy(() -> collator.fixedLength(0))
                .hasMessage("fixed length must be positive, but is: 0");
        EncodedExample unknownTask = example(new long[] {101, 102}, Map.of("topic", new int[] {0}));
        assertThatThrownBy(() -> collator.collate(List.of(unknownTask)))
                .hasMessage("example 0 has labels for unknown task 'topic'; known tasks: [intent, slots, ner]");
        EncodedExample shortLabels = example(new long[] {101, 7, 102}, Map.of("slots", new int[] {-100, 1}));
        assertThatThrownBy(() -> collator.collate(List.of(SHORT, shortLabels)))
                .hasMessage("example 1 has 2 labels for task 'slots', expected 3");
    }
}
