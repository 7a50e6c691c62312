package io.mtl4j.report;

import io.mtl4j.eval.ClassificationEvaluation;
import io.mtl4j.eval.EntityEvaluation;
import io.mtl4j.eval.TaskEvaluation;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.train.CompletedRun;
import io.mtl4j.train.RunReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training report of a run: PNG plots in {@code <output>/plots/} and a {@link ModelCard} in the
 * saved model's folder. Registered for {@link java.util.ServiceLoader}, so a trainer with an output
 * folder writes it whenever this module is on the class path.
 *
 * <p>The plots are {@value #LOSS} (each task's training loss and the combined loss over steps),
 * {@value #DEV_METRICS} (every dev metric at each evaluation), {@code confusion-<task>.png} for each
 * sentence head and {@code entity-f1-<task>.png} for each token head (both from the dev evaluation of
 * the kept checkpoint). A plot that cannot be drawn is skipped with a warning naming it and the cause;
 * the others and the model card are still written.
 */
public final class TrainingReport implements RunReporter {

    /** The folder of the output directory that holds the plots. */
    public static final String PLOTS = "plots";
    /** The loss plot's file name. */
    public static final String LOSS = "loss.png";
    /** The dev-metrics plot's file name. */
    public static final String DEV_METRICS = "dev-metrics.png";

    private static final Logger LOG = LoggerFactory.getLogger(TrainingReport.class);

    /** Creates the reporter (it has no settings). */
    public TrainingReport() {
    }

    @Override
    public void report(CompletedRun run) throws IOException {
        List<Path> plots = writePlots(run.outputDirectory(), run.bestEvaluation());
        Path card = ModelCard.of(run.model(), run.modelDirectory()).withRun(run).withPlots(plots).write();
        LOG.info("training report: {} plots in {}, model card {}", plots.size(),
                run.outputDirectory().resolve(PLOTS), card);
    }

    /**
     * Draws the plots of a run folder.
     *
     * @param outputDirectory the run's output folder, holding its {@code metrics.jsonl}
     * @param best the dev evaluation to draw confusion matrices and entity scores from (the kept
     *     checkpoint's); null to draw only the curves
     * @return the plot files written, in the order above
     */
    public static List<Path> writePlots(Path outputDirectory, EvaluationResult best) {
        Path folder = outputDirectory.resolve(PLOTS);
        List<Path> written = new ArrayList<>();
        MetricsHistory history = null;
        Path log = outputDirectory.resolve(CompletedRun.METRICS_LOG);
        try {
            history = MetricsHistory.read(log);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the metrics log {}, so there are no loss and dev-metric plots: {}", log, e.toString(), e);
        }
        if (history != null) {
            Map<String, MetricsHistory.Series> losses = LossChart.series(history);
            if (losses.isEmpty()) {
                LOG.info("no training loss in {} (the run was shorter than its logEverySteps); no {}", log, LOSS);
            } else {
                draw(() -> LossChart.chart(losses), folder.resolve(LOSS), written);
            }
            Map<String, MetricsHistory.Series> dev = history.of(MetricsHistory.DEV);
            if (!dev.isEmpty()) {
                draw(() -> DevMetricsChart.chart(dev), folder.resolve(DEV_METRICS), written);
            }
        }
        if (best != null) {
            for (Map.Entry<String, TaskEvaluation> e : best.tasks().entrySet()) {
                String task = e.getKey();
                if (e.getValue() instanceof ClassificationEvaluation c) {
                    draw(() -> ConfusionChart.chart(task, ConfusionChart.data(c.confusion())),
                            folder.resolve("confusion-" + fileName(task) + ".png"), written);
                } else if (e.getValue() instanceof EntityEvaluation entities) {
                    draw(() -> EntityF1Chart.chart(task, EntityF1Chart.bars(entities)),
                            folder.resolve("entity-f1-" + fileName(task) + ".png"), written);
                }
            }
        }
        return List.copyOf(written);
    }

    /** Builds a chart. */
    private interface ChartSource {
        Chart<?, ?> build();
    }

    private static void draw(ChartSource source, Path file, List<Path> written) {
        try {
            written.add(Png.write(source.build(), file));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Exception | Error e) {
            // AWT without fonts or native libraries fails with an Error; it must not cost the other plots.
            LOG.warn("cannot draw {}: {}", file, e.toString(), e);
        }
    }

    /**
     * @param task a task name
     * @return the name with every character other than a letter, digit, dot, dash or underscore replaced by {@code _}
     */
    static String fileName(String task) {
        return task.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
