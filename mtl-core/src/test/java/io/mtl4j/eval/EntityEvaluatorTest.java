package io.mtl4j.eval;

import static io.mtl4j.eval.EntityExtractorTest.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Exact-span counts as conlleval computes them; every expected figure is derived by hand below. */
class EntityEvaluatorTest {

    private static final Offset<Double> EXACT = within(1e-12);

    private static EntityEvaluation evaluate(String gold, String predicted) {
        EntityEvaluator evaluator = new EntityEvaluator();
        evaluator.add(tags(gold), tags(predicted));
        return evaluator.result();
    }

    @Test
    void identicalIob1SentenceIsPerfect() {
        EntityEvaluation result = evaluate("I-PER I-PER O I-LOC B-LOC", "I-PER I-PER O I-LOC B-LOC");
        assertThat(result.overall()).isEqualTo(new PrecisionRecallF1(3, 0, 0));
        assertThat(result.f1()).isEqualTo(1.0);
        assertThat(result.tokenAccuracy()).isEqualTo(1.0);
    }

    @Test
    void iob1PredictionMergingAdjacentEntities() {
        // gold: PER [0,2), LOC [3,4), LOC [4,5); predicted: PER [0,2), LOC [3,5)
        // PER: tp 1; LOC: [3,5) is a false positive, both gold LOCs are false negatives
        // overall tp 1, fp 1, fn 2: P = 1/2, R = 1/3, F1 = 2*1/(2+1+2) = 2/5
        // tokens: only word 4 differs (B-LOC vs I-LOC): 4/5
        EntityEvaluation result = evaluate("I-PER I-PER O I-LOC B-LOC", "I-PER I-PER O I-LOC I-LOC");
        assertThat(result.perType()).containsExactly(
                entry("LOC", new PrecisionRecallF1(0, 1, 2)),
                entry("PER", new PrecisionRecallF1(1, 0, 0)));
        assertThat(result.precision()).isCloseTo(1.0 / 2, EXACT);
        assertThat(result.recall()).isCloseTo(1.0 / 3, EXACT);
        assertThat(result.f1()).isCloseTo(2.0 / 5, EXACT);
        assertThat(result.tokenAccuracy()).isCloseTo(4.0 / 5, EXACT);
    }

    @Test
    void bioPredictionOfIob1GoldHasTheSameEntitiesButOtherTags() {
        // predicted B-PER I-PER O B-LOC B-LOC gives PER [0,2), LOC [3,4), LOC [4,5) like the IOB1 gold:
        // entity scores are perfect, while words 0 and 3 differ as strings: token accuracy 3/5
        EntityEvaluation result = evaluate("I-PER I-PER O I-LOC B-LOC", "B-PER I-PER O B-LOC B-LOC");
        assertThat(result.overall()).isEqualTo(new PrecisionRecallF1(3, 0, 0));
        assertThat(result.f1()).isEqualTo(1.0);
        assertThat(result.tokenAccuracy()).isCloseTo(3.0 / 5, EXACT);
    }

    @Test
    void goldIAfterOIsAnEntityOfItsOwn() {
        // gold: ORG [0,2) and, by start(O,I), ORG [3,4); predicted: ORG [0,2)
        // tp 1, fp 0, fn 1: P = 1, R = 1/2, F1 = 2/3
        EntityEvaluation result = evaluate("B-ORG I-ORG O I-ORG", "B-ORG I-ORG O O");
        assertThat(result.perType()).containsExactly(entry("ORG", new PrecisionRecallF1(1, 0, 1)));
        assertThat(result.precision()).isEqualTo(1.0);
        assertThat(result.recall()).isCloseTo(1.0 / 2, EXACT);
        assertThat(result.f1()).isCloseTo(2.0 / 3, EXACT);
    }

    @Test
    void predictedIAfterOStartsAtItsOwnPosition() {
        // gold PER [0,2), LOC [3,4); predicted PER [1,2) (I after O), LOC [3,4)
        // PER: fp 1, fn 1; LOC: tp 1 -> P = R = F1 = 1/2
        EntityEvaluation result = evaluate("B-PER I-PER O B-LOC", "O I-PER O B-LOC");
        assertThat(result.perType()).containsExactly(
                entry("LOC", new PrecisionRecallF1(1, 0, 0)),
                entry("PER", new PrecisionRecallF1(0, 1, 1)));
        assertThat(result.f1()).isCloseTo(1.0 / 2, EXACT);
        assertThat(result.tokenAccuracy()).isCloseTo(3.0 / 4, EXACT);
    }

    @Test
    void typeMismatchIsAFalsePositiveAndAFalseNegative() {
        EntityEvaluation result = evaluate("B-PER I-PER", "B-ORG I-ORG");
        assertThat(result.perType()).containsExactly(
                entry("ORG", new PrecisionRecallF1(0, 1, 0)),
                entry("PER", new PrecisionRecallF1(0, 0, 1)));
        assertThat(result.metrics()).containsExactly(
                entry("precision", 0.0), entry("recall", 0.0), entry("f1", 0.0), entry("token_accuracy", 0.0));
    }

    @Test
    void boundaryMismatchEarnsNoCredit() {
        // gold LOC [0,3), predicted LOC [0,2): no partial credit
        EntityEvaluation result = evaluate("B-LOC I-LOC I-LOC O", "B-LOC I-LOC O O");
        assertThat(result.overall()).isEqualTo(new PrecisionRecallF1(0, 1, 1));
        assertThat(result.f1()).isEqualTo(0.0);
        assertThat(result.tokenAccuracy()).isCloseTo(3.0 / 4, EXACT);
    }

    @Test
    void adjacentGoldEntitiesOfOneTypeMergedByThePrediction() {
        // gold PER [0,1), PER [1,2); predicted PER [0,2): tp 0, fp 1, fn 2
        EntityEvaluation result = evaluate("B-PER B-PER O", "B-PER I-PER O");
        assertThat(result.overall()).isEqualTo(new PrecisionRecallF1(0, 1, 2));
        assertThat(result.tokenAccuracy()).isCloseTo(2.0 / 3, EXACT);
    }

    @Test
    void bioesBoundaryError() {
        // gold PER [0,1), LOC [2,5); predicted PER [0,1), LOC [2,4)
        // tp 1, fp 1, fn 1: P = R = F1 = 1/2; words 3 (I vs E) and 4 (E vs O) differ: 3/5
        EntityEvaluation result = evaluate("S-PER O B-LOC I-LOC E-LOC", "S-PER O B-LOC E-LOC O");
        assertThat(result.perType()).containsExactly(
                entry("LOC", new PrecisionRecallF1(0, 1, 1)),
                entry("PER", new PrecisionRecallF1(1, 0, 0)));
        assertThat(result.f1()).isCloseTo(1.0 / 2, EXACT);
        assertThat(result.tokenAccuracy()).isCloseTo(3.0 / 5, EXACT);
    }

    @Test
    void allOutsideHasUndefinedScoresReportedAsZero() {
        EntityEvaluation result = evaluate("O O O", "O O O");
        assertThat(result.perType()).isEmpty();
        assertThat(result.metrics()).containsExactly(
                entry("precision", 0.0), entry("recall", 0.0), entry("f1", 0.0), entry("token_accuracy", 1.0));
    }

    @Test
    void spuriousEntityInAnAllOutsideSentence() {
        EntityEvaluation result = evaluate("O O O", "O B-MISC O");
        assertThat(result.perType()).containsExactly(entry("MISC", new PrecisionRecallF1(0, 1, 0)));
        assertThat(result.tokenAccuracy()).isCloseTo(2.0 / 3, EXACT);
    }

    @Test
    void emptySentencesCountNothing() {
        EntityEvaluator evaluator = new EntityEvaluator();
        evaluator.add(List.of(), List.of());
        EntityEvaluation result = evaluator.result();
        assertThat(result.tokens()).isZero();
        assertThat(result.metrics()).containsExactly(
                entry("precision", 0.0), entry("recall", 0.0), entry("f1", 0.0), entry("token_accuracy", 0.0));
        // like conlleval, no accuracy line without tokens
        assertThat(result.report()).isEqualTo("processed 0 tokens with 0 phrases; found: 0 phrases; correct: 0.\n");
    }

    @Test
    void seqevalReadmeExample() {
        // chakki-works/seqeval README: f1_score = precision = recall = 0.50, accuracy_score = 0.80;
        // classification_report: MISC 0.00 0.00 0.00, PER 1.00 1.00 1.00
        EntityEvaluator evaluator = new EntityEvaluator();
        evaluator.add(tags("O O O B-MISC I-MISC I-MISC O"), tags("O O B-MISC I-MISC I-MISC I-MISC O"));
        evaluator.add(tags("B-PER I-PER O"), tags("B-PER I-PER O"));
        EntityEvaluation result = evaluator.result();
        assertThat(result.metrics()).containsExactly(
                entry("precision", 0.5), entry("recall", 0.5), entry("f1", 0.5), entry("token_accuracy", 0.8));
        assertThat(result.perType()).containsExactly(
                entry("MISC", new PrecisionRecallF1(0, 1, 1)),
                entry("PER", new PrecisionRecallF1(1, 0, 0)));
    }

    @Test
    void sentencesAccumulateAndReportLikeConlleval() {
        // sentence 1 (see iob1PredictionMergingAdjacentEntities): PER (1,0,0), LOC (0,1,2), 4/5 words
        // sentence 2 (see predictedIAfterOStartsAtItsOwnPosition): PER (0,1,1), LOC (1,0,0), 3/4 words
        // PER (1,1,1): P 1/2, R 1/2, F1 1/2;  LOC (1,1,2): P 1/2, R 1/3, F1 2/5
        // overall (2,2,3): P 2/4, R 2/5, F1 4/9 = 44.44%; tokens 7/9 = 77.78%
        EntityEvaluator evaluator = new EntityEvaluator();
        evaluator.add(tags("I-PER I-PER O I-LOC B-LOC"), tags("I-PER I-PER O I-LOC I-LOC"));
        evaluator.add(tags("B-PER I-PER O B-LOC"), tags("O I-PER O B-LOC"));
        EntityEvaluation result = evaluator.result();
        assertThat(result.overall()).isEqualTo(new PrecisionRecallF1(2, 2, 3));
        assertThat(result.f1()).isCloseTo(4.0 / 9, EXACT);
        assertThat(result.primaryMetric()).isEqualTo("f1");
        assertThat(result.primary()).isCloseTo(4.0 / 9, EXACT);
        assertThat(result.tokens()).isEqualTo(9);
        assertThat(result.correctTokens()).isEqualTo(7);
        assertThat(result.report()).isEqualTo(""
                + "processed 9 tokens with 5 phrases; found: 4 phrases; correct: 2.\n"
                + "accuracy:  77.78%; precision:  50.00%; recall:  40.00%; FB1:  44.44\n"
                + "              LOC: precision:  50.00%; recall:  33.33%; FB1:  40.00  2\n"
                + "              PER: precision:  50.00%; recall:  50.00%; FB1:  50.00  2\n");
    }

    @Test
    void resultIsASnapshotAndImmutable() {
        EntityEvaluator evaluator = new EntityEvaluator();
        evaluator.add(tags("B-PER"), tags("B-PER"));
        EntityEvaluation first = evaluator.result();
        evaluator.add(tags("B-PER"), tags("O"));
        assertThat(first.overall()).isEqualTo(new PrecisionRecallF1(1, 0, 0));
        assertThat(evaluator.result().overall()).isEqualTo(new PrecisionRecallF1(1, 0, 1));
        assertThatThrownBy(() -> first.perType().put("LOC", PrecisionRecallF1.ZERO))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void lengthMismatchNamesBothLengths() {
        EntityEvaluator evaluator = new EntityEvaluator();
        assertThatThrownBy(() -> evaluator.add(tags("B-PER I-PER O"), tags("B-PER O")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gold and predicted must have the same length, but gold has 3 tags and predicted has 2");
    }

    @Test
    void evaluationValidatesTokenCounts() {
        assertThatThrownBy(() -> new EntityEvaluation(java.util.Map.of(), 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token counts must satisfy 0 <= correctTokens <= tokens, but are: 3 and 2");
    }
}
