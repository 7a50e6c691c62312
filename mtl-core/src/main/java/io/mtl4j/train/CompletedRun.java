package io.mtl4j.train;

import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.MultiTaskModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished training run, as handed to a {@link RunReporter}.
 *
 * @param outputDirectory the run's output folder, holding {@code metrics.jsonl} and {@code metrics.json}
 * @param modelDirectory the folder the trained model was saved to (inside the output folder)
 * @param config the run's settings
 * @param result what the run did
 * @param model the trained model, holding the kept (best) weights; the reporter must not close it
 */
public record CompletedRun(Path outputDirectory, Path modelDirectory, TrainingConfig config, TrainingResult result,
        MultiTaskModel model) {

    /** The name of the JSON-lines metrics log in the output folder. */
    public static final String METRICS_LOG = "metrics.jsonl";
    /** The name of the run's JSON summary in the output folder. */
    public static final String METRICS_SUMMARY = "metrics.json";

    /**
     * Checks that nothing is null.
     *
     * @param outputDirectory the run's output folder
     * @param modelDirectory the folder the trained model was saved to
     * @param config the run's settings
     * @param result what the run did
     * @param model the trained model
     */
    public CompletedRun {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(model, "model");
    }

    /**
     * @return the JSON-lines log written during training: one object per line with {@code kind}
     *     ({@code train}, {@code dev} or {@code gradient_cosine}), {@code step}, {@code epoch} and the values
     */
    public Path metricsLog() {
        return outputDirectory.resolve(METRICS_LOG);
    }

    /** @return the dev evaluation of the kept model, null when the run had no dev data */
    public EvaluationResult bestEvaluation() {
        return result.best();
    }
}
