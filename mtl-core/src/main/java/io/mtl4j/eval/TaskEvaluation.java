package io.mtl4j.eval;

import java.util.Map;

/** The result of evaluating one task on a data set. */
public interface TaskEvaluation {

    /**
     * @return scalar metrics by name (for example {@code accuracy}, {@code macro_f1}, {@code f1}),
     *     fractions in [0, 1], in a stable order
     */
    Map<String, Double> metrics();

    /** @return the name of the metric that summarises this task (used for model selection) */
    String primaryMetric();

    /** @return the value of {@link #primaryMetric()} */
    default double primary() {
        return metrics().get(primaryMetric());
    }

    /** @return a human-readable multi-line report (per-class or per-type figures) */
    String report();
}
