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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskDataSetTest {

    private static final LabeledExample BOTH = LabeledExample.ofWords("snips/train:3", List.of("play", "jazz"),
            Map.of("intent", "PlayMusic"), Map.of("slots", List.of("O", "B-genre")));

    private static TaskDataSet.Builder sst2() {
        return TaskDataSet.builder("sst2").tasks("sentiment");
    }

    private static TaskDataSet conll(List<LabeledExample> train, List<LabeledExample> dev) {
        return TaskDataSet.builder("conll").tasks("ner").train(train).dev(dev).build();
    }

    @Test
    void countsAndSummaryPerSplitAndTask() {
        LabeledExample intentOnly = LabeledExample.ofText("snips/train:4", "hi", Map.of("intent", "Greet"), Map.of());
        LabeledExample spansOnly = LabeledExample.ofText("snips/test:1", "Paris", Map.of(),
                Map.of("slots", List.of(new EntityAnnotation(0, 5, "city"))));
        TaskDataSet snips = TaskDataSet.builder("snips").tasks("intent", "slots")
                .train(List.of(BOTH, intentOnly)).test(List.of(spansOnly)).build();

        DataSetCounts counts = snips.counts();

        assertThat(counts.train()).isEqualTo(new SplitCounts(2, Map.of("intent", 2, "slots", 1)));
        assertThat(counts.get(Split.DEV)).isEqualTo(new SplitCounts(0, Map.of("intent", 0, "slots", 0)));
        assertThat(counts.test().labelled("slots")).isEqualTo(1);
        assertThat(counts.test().labelled("intent")).isZero();
        assertThat(snips.summary()).isEqualTo("snips: train 2 (intent 2, slots 1), dev 0, test 1 (intent 0, slots 1)");
        assertThat(snips.tasks()).containsExactly("intent", "slots");
        assertThat(snips.taskType("intent")).isEqualTo(TaskType.SEQUENCE_CLASSIFICATION);
        assertThat(snips.taskType("slots")).isEqualTo(TaskType.TOKEN_CLASSIFICATION);
        assertThat(snips.dev()).isEmpty();
        assertThat(snips.test()).containsExactly(spansOnly);
    }

    @Test
    void isImmutable() {
        List<LabeledExample> train = new java.util.ArrayList<>(List.of(sentiment("t:2", "1")));
        TaskDataSet data = sst2().train(train).build();
        train.add(sentiment("t:3", "0"));

        assertThat(data.train()).hasSize(1);
        assertThatThrownBy(() -> data.train().add(sentiment("t:4", "0")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> data.tasks().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderRejectsBadNamesAndDeclarations() {
        List<LabeledExample> train = List.of(sentiment("t:2", "1"));
        assertThatThrownBy(() -> TaskDataSet.builder(" ").tasks("sentiment").train(train).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set name must not be blank, but is: ' '");
        assertThatThrownBy(() -> TaskDataSet.builder(null).tasks("sentiment").train(train).build())
                .hasMessage("data set name must not be blank, but is: null");
        assertThatThrownBy(() -> TaskDataSet.builder("sst2").train(train).build())
                .hasMessage("data set 'sst2': no task is declared");
        assertThatThrownBy(() -> sst2().tasks("").train(train).build())
                .hasMessage("data set 'sst2': task names must not be blank, but one is: ''");
        assertThatThrownBy(() -> sst2().tasks("sentiment").train(train).build())
                .hasMessage("data set 'sst2': task 'sentiment' is declared twice");
    }

    @Test
    void emptyTrainingSplitIsRejected() {
        assertThatThrownBy(() -> sst2().dev(List.of(sentiment("d:2", "1"))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set 'sst2': the training split is empty");
    }

    @Test
    void exampleLabellingAnUndeclaredTaskIsRejected() {
        LabeledExample topic = LabeledExample.ofText("dev.tsv:9", "x", Map.of("sentiment", "1", "topic", "a"),
                Map.of());

        assertThatThrownBy(() -> sst2().train(List.of(sentiment("t:2", "1"))).dev(List.of(topic)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set 'sst2': example dev.tsv:9 labels task 'topic', which is not declared"
                        + " (declared: [sentiment])");
    }

    @Test
    void exampleLabellingNoDeclaredTaskIsRejected() {
        LabeledExample unlabelled = LabeledExample.ofText("train.tsv:3", "x", Map.of(), Map.of());

        assertThatThrownBy(() -> sst2().train(List.of(sentiment("train.tsv:2", "1"), unlabelled)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set 'sst2': example train.tsv:3 labels none of the declared tasks [sentiment]");
    }

    @Test
    void declaredTaskWithoutTrainingLabelsIsRejected() {
        assertThatThrownBy(() -> TaskDataSet.builder("snips").tasks("intent", "slots", "domain")
                .train(List.of(BOTH)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set 'snips': task 'domain' is declared but no example of the training split"
                        + " labels it");
    }

    @Test
    void taskLabelledTwoWaysIsRejected() {
        LabeledExample asSentence = LabeledExample.ofText("a.jsonl:1", "x", Map.of("ner", "PER"), Map.of());
        LabeledExample asTags = tagged("a.jsonl:2", "B-PER");
        LabeledExample asBoth = LabeledExample.ofWords("a.jsonl:3", List.of("x"), Map.of("ner", "PER"),
                Map.of("ner", List.of("B-PER")));

        assertThatThrownBy(() -> TaskDataSet.builder("mixed").tasks("ner").train(List.of(asSentence, asTags)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set 'mixed': task 'ner' has sentence labels in a.jsonl:1"
                        + " but word tags or entities in a.jsonl:2");
        assertThatThrownBy(() -> TaskDataSet.builder("mixed").tasks("ner").train(List.of(asTags, asSentence)).build())
                .hasMessage("data set 'mixed': task 'ner' has word tags or entities in a.jsonl:2"
                        + " but sentence labels in a.jsonl:1");
        assertThatThrownBy(() -> TaskDataSet.builder("mixed").tasks("ner").train(List.of(asBoth)).build())
                .hasMessage("data set 'mixed': task 'ner' has sentence labels in a.jsonl:3"
                        + " but word tags or entities in a.jsonl:3");
    }

    @Test
    void rejectMixedNamesBothSplitsAndTheEvidence() {
        TaskDataSet data = conll(List.of(tagged("train.txt:1", "O"), tagged("train.txt:5", "O", "O", "I-LOC")),
                List.of(tagged("dev.txt:1", "B-PER")));

        assertThatThrownBy(() -> data.harmonizeTagSchemes("ner", TagSchemePolicy.REJECT_MIXED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set 'conll' task 'ner': train (train.txt) uses IOB1 (first evidence train.txt:5,"
                        + " word 2 'I-LOC' starts an entity) but dev (dev.txt) uses BIO;"
                        + " convert with TagSchemePolicy.CONVERT_TO_BIO");
    }

    @Test
    void rejectMixedKeepsOneSchemeAsItIs() {
        TaskDataSet data = conll(List.of(tagged("train.txt:1", "I-PER")), List.of(tagged("dev.txt:1", "O")));

        assertThat(data.harmonizeTagSchemes("ner", TagSchemePolicy.REJECT_MIXED)).isSameAs(data);
        assertThat(data.detectTagScheme("ner", Split.TRAIN).scheme()).contains(TagScheme.IOB1);
        assertThat(data.detectTagScheme("ner", Split.DEV)).isEqualTo(TagSchemeDetection.NONE);
    }

    @Test
    void convertToBioRewritesNonBioSplitsAndRecordsIt() {
        LabeledExample first = tagged("data/train.txt:1", "I-PER", "I-PER", "O", "I-LOC");
        LabeledExample second = tagged("data/train.txt:6", "B-ORG", "O");
        LabeledExample third = tagged("data/train.txt:9", "O", "I-MISC");
        LabeledExample dev = tagged("data/dev.txt:1", "B-PER", "I-PER");
        TaskDataSet data = conll(List.of(first, second, third), List.of(dev));

        TaskDataSet converted = data.harmonizeTagSchemes("ner", TagSchemePolicy.CONVERT_TO_BIO);

        assertThat(converted.train()).extracting(e -> e.wordTags().get("ner")).containsExactly(
                List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("B-ORG", "O"), List.of("O", "B-MISC"));
        assertThat(converted.train().get(1)).isSameAs(second);
        assertThat(converted.dev()).isSameAs(data.dev());
        assertThat(converted.conversions()).containsExactly(new TagSchemeConversion("conll", "ner", Split.TRAIN,
                "data/train.txt", TagScheme.IOB1,
                Optional.of(new TagEvidence("data/train.txt:1", 0, "I-PER", "starts an entity")), 2, 3));
        assertThat(converted.conversions().get(0).describe()).isEqualTo("data set 'conll' task 'ner': converted train"
                + " (data/train.txt) from IOB1 to BIO, 3 tags changed in 2 examples (first evidence"
                + " data/train.txt:1, word 0 'I-PER' starts an entity)");
        assertThat(data.conversions()).isEmpty();
        assertThat(data.train().get(0).wordTags().get("ner")).containsExactly("I-PER", "I-PER", "O", "I-LOC");
        assertThat(converted.harmonizeTagSchemes("ner", TagSchemePolicy.CONVERT_TO_BIO)).isSameAs(converted);
        assertThat(converted.summary()).isEqualTo(data.summary());
    }

    @Test
    void convertToBioHandlesBioesPerSplit() {
        TaskDataSet data = TaskDataSet.builder("wnut").tasks("ner")
                .train(List.of(tagged("train.txt:1", "S-PER", "O")))
                .test(List.of(tagged("test.txt:1", "B-LOC", "E-LOC")))
                .build();

        TaskDataSet converted = data.harmonizeTagSchemes("ner", TagSchemePolicy.CONVERT_TO_BIO);

        assertThat(converted.train().get(0).wordTags().get("ner")).containsExactly("B-PER", "O");
        assertThat(converted.test().get(0).wordTags().get("ner")).containsExactly("B-LOC", "I-LOC");
        assertThat(converted.conversions()).extracting(TagSchemeConversion::describe).containsExactly(
                "data set 'wnut' task 'ner': converted train (train.txt) from BIOES to BIO, 1 tags changed in"
                        + " 1 examples (first evidence train.txt:1, word 0 'S-PER' marks a one-word entity)",
                "data set 'wnut' task 'ner': converted test (test.txt) from BIOES to BIO, 1 tags changed in"
                        + " 1 examples (first evidence test.txt:1, word 1 'E-LOC' marks the end of an entity)");
    }

    @Test
    void harmonizingNeedsADeclaredTokenTask() {
        TaskDataSet data = sst2().train(List.of(sentiment("t:2", "1"))).build();

        assertThatThrownBy(() -> data.harmonizeTagSchemes("ner", TagSchemePolicy.CONVERT_TO_BIO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set 'sst2': task 'ner' is not declared (declared: [sentiment])");
        assertThatThrownBy(() -> data.harmonizeTagSchemes("sentiment", TagSchemePolicy.CONVERT_TO_BIO))
                .hasMessage("data set 'sst2': task 'sentiment' has sentence labels, which have no tag scheme");
    }
}
