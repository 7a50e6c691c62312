package io.mtl4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * A three-class example computed by hand.
 *
 * <pre>
 * gold:      neg neg neg neu pos pos
 * predicted: neg neg pos neg pos neu
 *
 * confusion (rows gold, columns predicted: neg neu pos)
 *   neg  2 0 1
 *   neu  1 0 0
 *   pos  0 1 1
 * accuracy = 3/6 = 1/2
 * neg: tp 2, fp 1, fn 1 -> P 2/3, R 2/3, F1 2/3
 * neu: tp 0, fp 1, fn 1 -> 0, 0, 0
 * pos: tp 1, fp 1, fn 1 -> 1/2, 1/2, 1/2
 * macro-F1 = (2/3 + 0 + 1/2) / 3 = 7/18  (scikit-learn: f1_score(..., average="macro"))
 * </pre>
 */
class ClassificationEvaluatorTest {

    private static final Offset<Double> EXACT = within(1e-12);

    private static ClassificationEvaluator handExample(List<String> labels) {
        ClassificationEvaluator evaluator = new ClassificationEvaluator(labels);
        String[] gold = {"neg", "neg", "neg", "neu", "pos", "pos"};
        String[] predicted = {"neg", "neg", "pos", "neg", "pos", "neu"};
        for (int i = 0; i < gold.length; i++) {
            evaluator.add(gold[i], predicted[i]);
        }
        return evaluator;
    }

    @Test
    void threeClassHandExample() {
        ClassificationEvaluation result = handExample(List.of("neg", "neu", "pos")).result();
        assertThat(result.accuracy()).isCloseTo(1.0 / 2, EXACT);
        assertThat(result.macroF1()).isCloseTo(7.0 / 18, EXACT);
        assertThat(result.perClass()).containsExactly(
                entry("neg", new PrecisionRecallF1(2, 1, 1)),
                entry("neu", new PrecisionRecallF1(0, 1, 1)),
                entry("pos", new PrecisionRecallF1(1, 1, 1)));
        assertThat(result.perClass().get("neg").f1()).isCloseTo(2.0 / 3, EXACT);
        assertThat(result.confusion().toArray()).isEqualTo(new long[][] {{2, 0, 1}, {1, 0, 0}, {0, 1, 1}});
        assertThat(result.confusion().count("neg", "pos")).isEqualTo(1);
        assertThat(result.metrics().keySet()).containsExactly("accuracy", "macro_f1");
        assertThat(result.primaryMetric()).isEqualTo("accuracy");
        assertThat(result.primary()).isCloseTo(1.0 / 2, EXACT);
        assertThat(result.unknownGoldLabels()).isEmpty();
    }

    @Test
    void classesAbsentFromGoldAndPredictionsAreLeftOutOfMacroF1() {
        ClassificationEvaluation result = handExample(List.of("neg", "neu", "pos", "other")).result();
        assertThat(result.perClass()).containsEntry("other", PrecisionRecallF1.ZERO);
        assertThat(result.perClass().keySet()).containsExactly("neg", "neu", "pos", "other");
        assertThat(result.macroF1()).isCloseTo(7.0 / 18, EXACT);
    }

    @Test
    void unknownGoldLabelIsAMissAndReported() {
        // one more example: gold "sarcastic" (not a label), predicted pos
        // accuracy 3/7; pos gains a false positive: tp 1, fp 2, fn 1 -> F1 2/(2+2+1) = 2/5
        // sarcastic: tp 0, fp 0, fn 1 -> F1 0, and it is present in gold
        // macro-F1 = (2/3 + 0 + 2/5 + 0) / 4 = 4/15
        ClassificationEvaluator evaluator = handExample(List.of("neg", "neu", "pos"));
        evaluator.add("sarcastic", "pos");
        ClassificationEvaluation result = evaluator.result();
        assertThat(result.unknownGoldLabels()).containsExactly("sarcastic");
        assertThat(result.labels()).containsExactly("neg", "neu", "pos");
        assertThat(result.accuracy()).isCloseTo(3.0 / 7, EXACT);
        assertThat(result.perClass()).containsExactly(
                entry("neg", new PrecisionRecallF1(2, 1, 1)),
                entry("neu", new PrecisionRecallF1(0, 1, 1)),
                entry("pos", new PrecisionRecallF1(1, 2, 1)),
                entry("sarcastic", new PrecisionRecallF1(0, 0, 1)));
        assertThat(result.macroF1()).isCloseTo(4.0 / 15, EXACT);
        assertThat(result.confusion().count("sarcastic", "pos")).isEqualTo(1);
        assertThat(result.confusion().count("sarcastic", "sarcastic")).isZero();
    }

    @Test
    void reportIsATableInPercent() {
        ClassificationEvaluator evaluator = handExample(List.of("neg", "neu", "pos"));
        assertThat(evaluator.result().report()).isEqualTo(""
                + "class     precision    recall        f1   support\n"
                + "neg           66.67     66.67     66.67         3\n"
                + "neu            0.00      0.00      0.00         1\n"
                + "pos           50.00     50.00     50.00         2\n"
                + "\n"
                + "accuracy                          50.00         6\n"
                + "macro avg                         38.89         6\n");
        evaluator.add("sarcastic", "pos");
        assertThat(evaluator.result().report())
                .contains("sarcastic *      0.00      0.00      0.00         1\n")
                .endsWith("* gold label not in the label list: never predicted, always a miss\n");
    }

    @Test
    void emptyEvaluationScoresZero() {
        ClassificationEvaluation result = new ClassificationEvaluator(List.of("a", "b")).result();
        assertThat(result.count()).isZero();
        assertThat(result.metrics()).containsExactly(entry("accuracy", 0.0), entry("macro_f1", 0.0));
    }

    @Test
    void predictionOutsideTheLabelListIsRejected() {
        ClassificationEvaluator evaluator = new ClassificationEvaluator(List.of("neg", "pos"));
        assertThatThrownBy(() -> evaluator.add("neg", "maybe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predicted label 'maybe' is not in the label list [neg, pos]");
        evaluator.add("sarcastic", "neg");
        // an unknown gold label met before does not become predictable
        assertThatThrownBy(() -> evaluator.add("neg", "sarcastic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predicted label 'sarcastic' is not in the label list [neg, pos]");
    }

    @Test
    void labelListIsValidated() {
        assertThatThrownBy(() -> new ClassificationEvaluator(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels must not be empty");
        assertThatThrownBy(() -> new ClassificationEvaluator(List.of("neg", "pos", "neg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels must be unique, but 'neg' appears twice");
    }

    @Test
    void evaluationChecksThatTheMatrixStartsWithTheLabels() {
        ConfusionMatrix matrix = new ConfusionMatrix(List.of("a", "b"), new long[2][2]);
        assertThatThrownBy(() -> new ClassificationEvaluation(List.of("b"), matrix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confusion classes must begin with the labels [b], but are: [a, b]");
    }
}
