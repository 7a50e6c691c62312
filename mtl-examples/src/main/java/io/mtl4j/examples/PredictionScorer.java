package io.mtl4j.examples;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.Word;
import io.mtl4j.eval.EntityExtractor;
import io.mtl4j.eval.EntitySpan;
import io.mtl4j.eval.PrecisionRecallF1;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores predictions for raw texts against labelled examples: sentence accuracy per task, and entity F1
 * over exact character spans (type, start, end), which needs no agreement on word boundaries.
 */
final class PredictionScorer {

    private PredictionScorer() {
    }

    /**
     * @return the share of examples whose predicted label for {@code task} equals the gold label, in percent
     */
    static double accuracy(List<LabeledExample> gold, List<TextPrediction> predicted, String task) {
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).sentenceLabels().get(task).equals(predicted.get(i).classification(task).label())) {
                correct++;
            }
        }
        return 100.0 * correct / gold.size();
    }

    /** @return entity-level F1 in percent over exact character spans */
    static double entityF1(List<LabeledExample> gold, List<TextPrediction> predicted, String task) {
        PrecisionRecallF1 total = PrecisionRecallF1.ZERO;
        for (int i = 0; i < gold.size(); i++) {
            Set<String> expected = goldSpans(gold.get(i), task);
            Set<String> found = new HashSet<>();
            for (Entity e : predicted.get(i).tagging(task).entities()) {
                found.add(e.label() + "@" + e.start() + "-" + e.end());
            }
            long tp = found.stream().filter(expected::contains).count();
            total = total.plus(new PrecisionRecallF1(tp, found.size() - tp, expected.size() - tp));
        }
        return 100 * total.f1();
    }

    private static Set<String> goldSpans(LabeledExample example, String task) {
        List<Word> words = example.words();
        Set<String> spans = new HashSet<>();
        for (EntitySpan span : EntityExtractor.extract(example.wordTags().get(task))) {
            spans.add(span.type() + "@" + words.get(span.start()).start() + "-" + words.get(span.end() - 1).end());
        }
        return spans;
    }

    /**
     * @return the share of texts for which two runs predict the same label for every sentence task and the
     *     same tag for every word of every token task, in percent
     */
    static double agreement(List<TextPrediction> a, List<TextPrediction> b) {
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (labels(a.get(i)).equals(labels(b.get(i)))) {
                same++;
            }
        }
        return 100.0 * same / a.size();
    }

    private static List<String> labels(TextPrediction p) {
        return p.tasks().values().stream().map(t -> t instanceof TaskPrediction.Classification c
                ? c.label()
                : ((TaskPrediction.Tagging) t).words().stream().map(w -> w.tag()).toList().toString()).toList();
    }
}
