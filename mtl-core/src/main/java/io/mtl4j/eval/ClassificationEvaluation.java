package io.mtl4j.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Accuracy, macro-F1 and per-class figures of one sentence-classification task.
 *
 * <p>Macro-F1 follows scikit-learn's {@code f1_score(average="macro")} without an explicit label
 * list: the unweighted mean of the per-class F1 over the classes that occur in the gold labels or in
 * the predictions; classes that never occur in either are left out (they would add an undefined 0).
 * A gold label outside the label list takes part with F1 0, since it can never be predicted.
 *
 * @param labels the labels the model can predict, in vocabulary order (copied)
 * @param confusion the confusion matrix; its classes are {@code labels} followed by the gold labels
 *     outside the label list
 */
public record ClassificationEvaluation(List<String> labels, ConfusionMatrix confusion) implements TaskEvaluation {

    /** Metric name of the share of examples classified correctly, the {@link #primaryMetric()}. */
    public static final String ACCURACY = "accuracy";
    /** Metric name of the macro-averaged F1. */
    public static final String MACRO_F1 = "macro_f1";

    /**
     * Copies the labels and checks that the confusion matrix's classes begin with them.
     *
     * @param labels the labels the model can predict, in vocabulary order (copied)
     * @param confusion the confusion matrix; its classes are {@code labels} followed by the gold labels
     *     outside the label list
     */
    public ClassificationEvaluation {
        labels = List.copyOf(labels);
        Objects.requireNonNull(confusion, "confusion");
        List<String> classes = confusion.classes();
        if (classes.size() < labels.size() || !classes.subList(0, labels.size()).equals(labels)) {
            throw new IllegalArgumentException(
                    "confusion classes must begin with the labels " + labels + ", but are: " + classes);
        }
    }

    /** @return gold labels met that are not in {@link #labels()}, in order of first appearance */
    public List<String> unknownGoldLabels() {
        List<String> classes = confusion.classes();
        return classes.subList(labels.size(), classes.size());
    }

    /**
     * @return counts per class (one-vs-rest: a false positive of a class is an example wrongly
     *     predicted as it), in vocabulary order followed by {@link #unknownGoldLabels()}
     */
    public Map<String, PrecisionRecallF1> perClass() {
        Map<String, PrecisionRecallF1> perClass = new LinkedHashMap<>();
        List<String> classes = confusion.classes();
        for (int i = 0; i < classes.size(); i++) {
            perClass.put(classes.get(i), countsOf(i));
        }
        return Collections.unmodifiableMap(perClass);
    }

    private PrecisionRecallF1 countsOf(int i) {
        long tp = confusion.count(i, i);
        return new PrecisionRecallF1(tp, confusion.predictedCount(i) - tp, confusion.goldCount(i) - tp);
    }

    /** @return the number of examples evaluated */
    public long count() {
        return confusion.total();
    }

    /** @return correct / all, or 0 when no example was evaluated */
    public double accuracy() {
        long total = confusion.total();
        return total == 0 ? 0.0 : (double) confusion.correct() / total;
    }

    /** @return the mean F1 over classes present in gold or predictions, or 0 when there are none */
    public double macroF1() {
        double sum = 0;
        int present = 0;
        for (int i = 0; i < confusion.classes().size(); i++) {
            if (confusion.goldCount(i) + confusion.predictedCount(i) > 0) {
                sum += countsOf(i).f1();
                present++;
            }
        }
        return present == 0 ? 0.0 : sum / present;
    }

    /** @return {@code accuracy}, {@code macro_f1}, in that order */
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ACCURACY, accuracy());
        metrics.put(MACRO_F1, macroF1());
        return Collections.unmodifiableMap(metrics);
    }

    /** @return {@code accuracy} */
    @Override
    public String primaryMetric() {
        return ACCURACY;
    }

    /**
     * @return a table in percent with two decimals: precision, recall, F1 and support per class, then
     *     accuracy and macro-F1; gold labels outside the label list are marked with {@code *}
     */
    @Override
    public String report() {
        Map<String, PrecisionRecallF1> perClass = perClass();
        List<String> unknown = unknownGoldLabels();
        int width = "macro avg".length();
        for (String name : perClass.keySet()) {
            width = Math.max(width, name.length() + 2);
        }
        String header = "%-" + width + "s %9s %9s %9s %9s\n";
        String row = "%-" + width + "s %9.2f %9.2f %9.2f %9d\n";
        String summary = "%-" + width + "s %9s %9s %9.2f %9d\n";
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, header, "class", "precision", "recall", "f1", "support"));
        perClass.forEach((name, counts) -> report.append(String.format(Locale.ROOT, row,
                unknown.contains(name) ? name + " *" : name,
                100 * counts.precision(), 100 * counts.recall(), 100 * counts.f1(), counts.support())));
        report.append('\n');
        report.append(String.format(Locale.ROOT, summary, "accuracy", "", "", 100 * accuracy(), count()));
        report.append(String.format(Locale.ROOT, summary, "macro avg", "", "", 100 * macroF1(), count()));
        if (!unknown.isEmpty()) {
            report.append("* gold label not in the label list: never predicted, always a miss\n");
        }
        return report.toString();
    }
}
