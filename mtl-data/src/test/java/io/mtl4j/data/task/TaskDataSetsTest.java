package io.mtl4j.data.task;

import static io.mtl4j.data.task.Examples.sentiment;
import static io.mtl4j.data.task.Examples.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.eval.TagScheme;
import io.mtl4j.head.TaskType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskDataSetsTest {

    private static final TaskDataSet SST2 = TaskDataSet.builder("sst2").tasks("sentiment")
            .train(List.of(sentiment("train.tsv:2", "1"), sentiment("train.tsv:3", "0")))
            .test(List.of(sentiment("test.tsv:2", "1")))
            .build();

    private static final TaskDataSet CONLL_IOB1 = TaskDataSet.builder("conll").tasks("ner")
            .train(List.of(tagged("train.txt:1", "B-ORG", "O"), tagged("train.txt:4", "O", "I-LOC")))
            .dev(List.of(tagged("dev.txt:1", "I-PER")))
            .build();

    private static final TaskDataSet WNUT_BIO = TaskDataSet.builder("wnut").tasks("ner")
            .train(List.of(tagged("wnut.txt:1", "B-PER", "I-PER")))
            .build();

    @Test
    void combinesDataSetsWithTheirTasksAndSummaries() {
        TaskDataSets data = TaskDataSets.builder().add(SST2).add(WNUT_BIO).build();

        assertThat(data.tasks()).containsExactly("sentiment", "ner");
        assertThat(data.taskType("sentiment")).isEqualTo(TaskType.SEQUENCE_CLASSIFICATION);
        assertThat(data.taskType("ner")).isEqualTo(TaskType.TOKEN_CLASSIFICATION);
        assertThat(data.summaries()).containsExactly(
                "sst2: train 2 (sentiment 2), dev 0, test 1 (sentiment 1)", "wnut: train 1 (ner 1), dev 0, test 0");
        assertThat(data.get("wnut")).isSameAs(WNUT_BIO);
        assertThat(data.labelling("ner")).containsExactly(WNUT_BIO);
        assertThat(data.conversions()).isEmpty();
    }

    @Test
    void unknownNamesAreErrorsListingTheKnownOnes() {
        TaskDataSets data = TaskDataSets.builder().add(SST2).build();

        assertThatThrownBy(() -> data.get("imdb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no data set 'imdb'; data sets: [sst2]");
        assertThatThrownBy(() -> data.taskType("ner")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no data set labels task 'ner'; tasks: [sentiment]");
    }

    @Test
    void emptyOrDuplicateNamesAreRejected() {
        TaskDataSet otherSst2 = TaskDataSet.builder("sst2").tasks("polarity")
                .train(List.of(LabeledExample.ofText("x:1", "x", Map.of("polarity", "1"), Map.of()))).build();

        assertThatThrownBy(() -> TaskDataSets.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no data set was added");
        assertThatThrownBy(() -> TaskDataSets.builder().add(SST2).add(otherSst2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set name 'sst2' is used twice");
    }

    @Test
    void aTaskMustBeTheSameKindInEveryDataSet() {
        TaskDataSet nerAsSentence = TaskDataSet.builder("odd").tasks("ner")
                .train(List.of(LabeledExample.ofText("odd.tsv:2", "x", Map.of("ner", "PER"), Map.of()))).build();

        assertThatThrownBy(() -> TaskDataSets.builder().add(WNUT_BIO).add(nerAsSentence).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 'ner' has word tags or entities in data set 'wnut' but sentence labels in data set 'odd'");
    }

    @Test
    void wordTagsAndEntitySpansAreTheSameKind() {
        TaskDataSet spans = TaskDataSet.builder("jsonl").tasks("ner")
                .train(List.of(LabeledExample.ofText("a.jsonl:1", "Paris", Map.of(),
                        Map.of("ner", List.of(new EntityAnnotation(0, 5, "LOC"))))))
                .build();

        TaskDataSets data = TaskDataSets.builder().add(spans).add(WNUT_BIO).build();

        assertThat(data.taskType("ner")).isEqualTo(TaskType.TOKEN_CLASSIFICATION);
        assertThat(data.labelling("ner")).containsExactly(spans, WNUT_BIO);
    }

    @Test
    void rejectMixedIsTheDefaultAndNamesBothDataSets() {
        TaskDataSet conllBio = CONLL_IOB1.harmonizeTagSchemes("ner", TagSchemePolicy.CONVERT_TO_BIO);
        TaskDataSet wnutIob1 = TaskDataSet.builder("wnut").tasks("ner")
                .train(List.of(tagged("wnut.txt:1", "O", "I-PER"))).build();

        assertThatThrownBy(() -> TaskDataSets.builder().add(conllBio).add(wnutIob1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 'ner': data set 'conll' train (train.txt) uses BIO but data set 'wnut' train"
                        + " (wnut.txt) uses IOB1 (first evidence wnut.txt:1, word 1 'I-PER' starts an entity);"
                        + " convert with TagSchemePolicy.CONVERT_TO_BIO");
    }

    @Test
    void rejectMixedAlsoChecksTheSplitsOfOneDataSet() {
        TaskDataSet mixed = TaskDataSet.builder("conll").tasks("ner")
                .train(List.of(tagged("train.txt:1", "B-ORG"))).dev(List.of(tagged("dev.txt:3", "S-PER"))).build();

        assertThatThrownBy(() -> TaskDataSets.builder().add(mixed).tagSchemePolicy(TagSchemePolicy.REJECT_MIXED)
                .build())
                .hasMessage("task 'ner': data set 'conll' train (train.txt) uses BIO but data set 'conll' dev"
                        + " (dev.txt) uses BIOES (first evidence dev.txt:3, word 0 'S-PER' marks a one-word entity);"
                        + " convert with TagSchemePolicy.CONVERT_TO_BIO");
    }

    @Test
    void rejectMixedAcceptsOneSchemeEverywhere() {
        TaskDataSet otherIob1 = TaskDataSet.builder("other").tasks("ner")
                .train(List.of(tagged("o.txt:1", "I-MISC"))).build();

        TaskDataSets data = TaskDataSets.builder().add(CONLL_IOB1).add(otherIob1).add(SST2).build();

        assertThat(data.dataSets()).containsExactly(CONLL_IOB1, otherIob1, SST2);
    }

    @Test
    void convertToBioConvertsEveryNonBioDataSetAndCollectsTheConversions() {
        TaskDataSets data = TaskDataSets.builder().add(SST2).add(CONLL_IOB1).add(WNUT_BIO)
                .tagSchemePolicy(TagSchemePolicy.CONVERT_TO_BIO).build();

        TaskDataSet conll = data.get("conll");
        assertThat(conll.train()).extracting(e -> e.wordTags().get("ner"))
                .containsExactly(List.of("B-ORG", "O"), List.of("O", "B-LOC"));
        assertThat(conll.dev().get(0).wordTags().get("ner")).containsExactly("B-PER");
        assertThat(conll.detectTagScheme("ner", Split.TRAIN).scheme()).contains(TagScheme.BIO);
        assertThat(data.get("wnut")).isSameAs(WNUT_BIO);
        assertThat(data.get("sst2")).isSameAs(SST2);
        assertThat(data.conversions()).extracting(TagSchemeConversion::describe).containsExactly(
                "data set 'conll' task 'ner': converted train (train.txt) from IOB1 to BIO, 1 tags changed in"
                        + " 1 examples (first evidence train.txt:4, word 1 'I-LOC' starts an entity)",
                "data set 'conll' task 'ner': converted dev (dev.txt) from IOB1 to BIO, 1 tags changed in"
                        + " 1 examples (first evidence dev.txt:1, word 0 'I-PER' starts an entity)");
    }
}
