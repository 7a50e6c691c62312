package io.mtl4j.examples;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.EncodedBatches;
import io.mtl4j.data.encode.EncodingResult;
import io.mtl4j.data.encode.ExampleEncoder;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TaskHead;
import io.mtl4j.head.TaskType;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.text.TextTokenizer;
import java.util.List;

/** The steps every example shares: heads from task specs, encoding with reports, batching. */
final class Pipeline {

    private Pipeline() {
    }

    /** One head per task: sentence tasks get a classification head, token tasks a tagging head. */
    static MultiTaskModel model(SharedEncoder encoder, List<TaskSpec> tasks, boolean crf) {
        MultiTaskModel.Builder builder = MultiTaskModel.builder().setEncoder(encoder);
        for (TaskSpec task : tasks) {
            builder.addHead(head(task, crf));
        }
        return builder.build();
    }

    static TaskHead head(TaskSpec task, boolean crf) {
        if (task.type() == TaskType.SEQUENCE_CLASSIFICATION) {
            return SequenceClassificationHead.builder().setName(task.name()).setLabels(task.labels()).build();
        }
        return TokenClassificationHead.builder().setName(task.name()).setLabels(task.labels()).optCrf(crf).build();
    }

    /** Encodes a split and logs what alignment lost or could not map, so nothing disappears silently. */
    static List<EncodedExample> encode(ExampleEncoder encoder, List<LabeledExample> examples, String split) {
        EncodingResult result = encoder.encodeAll(examples);
        // Printed, not only logged: examples run under `mvn -q`, which hides library logging.
        if (result.report().hasIssues()) {
            System.out.println("   " + split + ": " + result.report().summary().replace("\n", "\n   "));
        } else {
            int truncated = result.report().examplesTruncated();
            System.out.println("   " + split + ": " + examples.size() + " examples encoded, no label lost"
                    + (truncated == 0 ? "" : " (" + truncated + " texts truncated to the encoder's maximum length)"));
        }
        return result.examples();
    }

    /** The three splits, tokenized and aligned. */
    record EncodedSplits(List<EncodedExample> train, List<EncodedExample> dev, List<EncodedExample> test) {
    }

    static EncodedSplits encode(TextTokenizer tokenizer, List<TaskSpec> tasks, List<LabeledExample> train,
            List<LabeledExample> dev, List<LabeledExample> test) {
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks);
        return new EncodedSplits(encode(encoder, train, "train"), encode(encoder, dev, "dev"),
                encode(encoder, test, "test"));
    }

    static List<Batch> evaluationBatches(List<EncodedExample> examples, Collator collator) {
        return EncodedBatches.forEvaluation(examples, collator, 64);
    }
}
