package io.mtl4j.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Exact-span entity figures for one task, as conlleval reports them: micro-averaged precision,
 * recall and F1 over all entities (the headline), the same per entity type, and token accuracy.
 *
 * @param perType counts per entity type, sorted by type (copied)
 * @param tokens the number of words evaluated
 * @param correctTokens the number of words whose predicted tag equals the expected tag
 */
public record EntityEvaluation(Map<String, PrecisionRecallF1> perType, long tokens, long correctTokens)
        implements TaskEvaluation {

    /** Metric name of the micro-averaged entity precision. */
    public static final String PRECISION = "precision";
    /** Metric name of the micro-averaged entity recall. */
    public static final String RECALL = "recall";
    /** Metric name of the micro-averaged entity F1, the {@link #primaryMetric()}. */
    public static final String F1 = "f1";
    /** Metric name of the share of words tagged correctly. */
    public static final String TOKEN_ACCURACY = "token_accuracy";

    /**
     * Copies the counts and validates {@code 0 <= correctTokens <= tokens}.
     *
     * @param perType counts per entity type, sorted by type (copied)
     * @param tokens the number of words evaluated
     * @param correctTokens the number of words whose predicted tag equals the expected tag
     */
    public EntityEvaluation {
        Objects.requireNonNull(perType, "perType");
        perType = Collections.unmodifiableSortedMap(new TreeMap<>(perType));
        if (tokens < 0 || correctTokens < 0 || correctTokens > tokens) {
            throw new IllegalArgumentException("token counts must satisfy 0 <= correctTokens <= tokens, but are: "
                    + correctTokens + " and " + tokens);
        }
    }

    /** @return the counts summed over all types */
    public PrecisionRecallF1 overall() {
        return perType.values().stream().reduce(PrecisionRecallF1.ZERO, PrecisionRecallF1::plus);
    }

    /** @return micro-averaged entity precision */
    public double precision() {
        return overall().precision();
    }

    /** @return micro-averaged entity recall */
    public double recall() {
        return overall().recall();
    }

    /** @return micro-averaged entity F1 */
    public double f1() {
        return overall().f1();
    }

    /** @return {@code correctTokens / tokens}, or 0 when no word was evaluated */
    public double tokenAccuracy() {
        return tokens == 0 ? 0.0 : (double) correctTokens / tokens;
    }

    /** @return {@code precision}, {@code recall}, {@code f1}, {@code token_accuracy}, in that order */
    @Override
    public Map<String, Double> metrics() {
        PrecisionRecallF1 overall = overall();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(PRECISION, overall.precision());
        metrics.put(RECALL, overall.recall());
        metrics.put(F1, overall.f1());
        metrics.put(TOKEN_ACCURACY, tokenAccuracy());
        return Collections.unmodifiableMap(metrics);
    }

    /** @return {@code f1} */
    @Override
    public String primaryMetric() {
        return F1;
    }

    /**
     * @return conlleval's text report: a summary line, then accuracy, precision, recall and F1 in
     *     percent with two decimals, then one line per type ending with the number of predicted
     *     entities of that type, for example
     *     <pre>
     * processed 5 tokens with 2 phrases; found: 2 phrases; correct: 1.
     * accuracy:  80.00%; precision:  50.00%; recall:  50.00%; FB1:  50.00
     *               LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  1
     *               PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1
     * </pre>
     */
    @Override
    public String report() {
        PrecisionRecallF1 overall = overall();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT,
                "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n",
                tokens, overall.support(), overall.predicted(), overall.truePositives()));
        if (tokens > 0) {
            report.append(String.format(Locale.ROOT,
                    "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                    100 * tokenAccuracy(), 100 * overall.precision(), 100 * overall.recall(), 100 * overall.f1()));
        }
        perType.forEach((type, counts) -> report.append(String.format(Locale.ROOT,
                "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
                type, 100 * counts.precision(), 100 * counts.recall(), 100 * counts.f1(), counts.predicted())));
        return report.toString();
    }
}
