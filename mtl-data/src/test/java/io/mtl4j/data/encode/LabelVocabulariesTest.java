package io.mtl4j.data.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.head.TaskType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelVocabulariesTest {

    private static final List<LabeledExample> TRAIN = List.of(
            LabeledExample.ofWords("t:1", List.of("play", "jazz"), Map.of("intent", "PlayMusic"),
                    Map.of("slots", List.of("O", "B-genre"))),
            LabeledExample.ofWords("t:2", List.of("add", "it"), Map.of("intent", "AddToPlaylist"),
                    Map.of("slots", List.of("O", "B-playlist"))),
            LabeledExample.ofText("t.jsonl:1", "Anna in Paris", Map.of(),
                    Map.of("ner", List.of(new EntityAnnotation(0, 4, "PER"), new EntityAnnotation(8, 13, "LOC")))));

    @Test
    void sentenceLabelsSorted() {
        assertThat(LabelVocabularies.sentenceVocabulary(TRAIN, "intent").labels())
                .containsExactly("AddToPlaylist", "PlayMusic");
    }

    @Test
    void wordTagsSortedWithOutsideFirst() {
        assertThat(LabelVocabularies.tokenVocabulary(TRAIN, "slots").labels())
                .containsExactly("O", "B-genre", "B-playlist");
    }

    @Test
    void entityTypesBecomeBioTags() {
        assertThat(LabelVocabularies.tokenVocabulary(TRAIN, "ner").labels())
                .containsExactly("O", "B-LOC", "B-PER", "I-LOC", "I-PER");
    }

    @Test
    void taskSpecsFindEveryTaskSortedByName() {
        List<TaskSpec> specs = LabelVocabularies.taskSpecs(TRAIN);
        assertThat(specs).extracting(TaskSpec::name).containsExactly("intent", "ner", "slots");
        assertThat(specs).extracting(TaskSpec::type).containsExactly(
                TaskType.SEQUENCE_CLASSIFICATION, TaskType.TOKEN_CLASSIFICATION, TaskType.TOKEN_CLASSIFICATION);
        assertThat(specs.get(2).labels().labels()).containsExactly("O", "B-genre", "B-playlist");
    }

    @Test
    void taskLabelledInTwoFormsIsRejected() {
        List<LabeledExample> mixed = List.of(TRAIN.get(0),
                LabeledExample.ofWords("t:9", List.of("x"), Map.of("slots", "O"), Map.of()));
        assertThatThrownBy(() -> LabelVocabularies.taskSpecs(mixed))
                .hasMessage("t:9: task 'slots' is labelled as SEQUENCE_CLASSIFICATION here but as "
                        + "TOKEN_CLASSIFICATION in an earlier example");
    }

    @Test
    void taskWithoutLabelsIsRejected() {
        assertThatThrownBy(() -> LabelVocabularies.sentenceVocabulary(TRAIN, "topic"))
                .hasMessage("no training example gives sentence labels for task 'topic'");
    }

    @Test
    void aStreamGivesTheSameSpecsAsAList() {
        assertThat(LabelVocabularies.taskSpecs(TRAIN.stream())).isEqualTo(LabelVocabularies.taskSpecs(TRAIN)).hasSize(3);
    }
}
