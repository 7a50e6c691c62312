package io.mtl4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.BatchArrays;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelEvaluator;
import io.mtl4j.model.ModelOutput;
import io.mtl4j.model.MultiTaskModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link MultiTaskModel}: AdamW, linear warm-up and decay, global-norm clipping, dev evaluation
 * every epoch (or N steps), best checkpoint by a chosen metric, early stopping, a progress bar and a
 * JSON-lines metrics log.
 *
 * <p>Each step runs under its own {@code NDManager} and {@code NDScope}; only Java numbers leave it,
 * so native memory stays flat however long training runs. Only the parameters that took part in a
 * step (the encoder's and those of the heads labelled in the batch) are updated.
 */
public final class MultiTaskTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(MultiTaskTrainer.class);
    /** Training stops with an exception after this many consecutive steps with non-finite values. */
    static final int MAX_SKIPPED_STEPS = 10;

    private final TrainingConfig config;
    /** Parameters whose gradient was not finite in the last step (empty when it was fine). */
    private List<String> nonFinite = List.of();

    /** @param config the settings */
    public MultiTaskTrainer(TrainingConfig config) {
        this.config = config;
    }

    /**
     * Trains the model in place. At the end the model holds the best checkpoint's weights (by the
     * selection metric on dev), or the last weights when {@code dev} is empty.
     *
     * @param model the model
     * @param train the training batches
     * @param dev the dev batches (may be empty)
     * @return what happened
     */
    public TrainingResult fit(MultiTaskModel model, BatchSource train, List<Batch> dev) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        int totalSteps = train.batchesPerEpoch() * config.epochs();
        int warmup = (int) (config.warmupRatio() * totalSteps);
        LearningRateSchedule encoderSchedule = new LearningRateSchedule(config.learningRate(), warmup, totalSteps);
        LearningRateSchedule headSchedule = new LearningRateSchedule(config.headLearningRate(), warmup, totalSteps);
        Set<String> encoderNames = model.encoder().namedParameters().keySet();
        BestCheckpoint checkpoint = new BestCheckpoint(config.selectionMetric(), config.earlyStoppingPatience());
        boolean stopped = false;
        int step = 0;
        int lastEvaluated = 0;
        int skippedInARow = 0;
        int skipped = 0;
        long examples = 0;
        double trainSeconds = 0;
        long deadline = config.maxDuration() == null ? Long.MAX_VALUE
                : System.nanoTime() + config.maxDuration().toNanos();
        ProgressBar bar = config.progressBar() ? new ProgressBar(System.err, totalSteps) : null;
        Map<String, Parameter> parameters = model.namedParameters();
        zeroGradients(parameters);
        try (AdamW optimizer = AdamW.withWeightDecay(config.weightDecay());
                MetricsLog log = new MetricsLog(config.outputDirectory())) {
            for (int epoch = 0; epoch < config.epochs() && !stopped; epoch++) {
                double epochLoss = 0;
                int epochSteps = 0;
                for (Batch batch : train.epoch(epoch)) {
                    long start = System.nanoTime();
                    Map<String, Double> losses = step(model, parameters, encoderNames, optimizer, batch,
                            encoderSchedule.rate(step), headSchedule.rate(step));
                    trainSeconds += (System.nanoTime() - start) / 1e9;
                    step++;
                    examples += batch.size();
                    epochSteps++;
                    if (nonFinite.isEmpty() && Double.isFinite(losses.get("loss"))) {
                        skippedInARow = 0;
                        epochLoss += losses.get("loss");
                        if (bar != null) {
                            bar.update(step, epoch, epochLoss / epochSteps, encoderSchedule.rate(step - 1));
                        }
                        if (step % config.logEverySteps() == 0) {
                            Map<String, Double> line = new LinkedHashMap<>(losses);
                            line.put("lr", encoderSchedule.rate(step - 1));
                            log.write("train", step, epoch, line);
                        }
                    } else {
                        skippedInARow++;
                        skipped++;
                        String warning = "step " + step + ": non-finite loss or gradients in " + nonFinite.size()
                                + " parameters" + (nonFinite.isEmpty() ? "" : " (up to "
                                + nonFinite.get(nonFinite.size() - 1) + ")") + "; update skipped";
                        if (bar != null) {
                            bar.message(warning);
                        }
                        LOG.warn(warning);
                        if (skippedInARow >= MAX_SKIPPED_STEPS) {
                            throw new IllegalStateException("training diverged: " + skippedInARow
                                    + " steps in a row had a non-finite loss or gradients; lower the learning rate"
                                    + " or check the data");
                        }
                    }
                    boolean outOfTime = System.nanoTime() > deadline;
                    boolean endOfEpoch = epochSteps == train.batchesPerEpoch();
                    boolean due = config.evaluateEverySteps() > 0
                            ? step % config.evaluateEverySteps() == 0 || step == totalSteps
                            : endOfEpoch;
                    if ((due || outOfTime) && !dev.isEmpty()) {
                        lastEvaluated = step;
                        if (checkpoint.offer(evaluate(model, dev, log, step, epoch, bar), step, parameters)) {
                            LOG.info("early stopping at step {}: no improvement in {} evaluations", step,
                                    checkpoint.sinceImprovement());
                            stopped = true;
                            break;
                        }
                    }
                    if (outOfTime) {
                        LOG.info("time budget {} used up at step {}", config.maxDuration(), step);
                        stopped = true;
                        break;
                    }
                }
            }
            if (!dev.isEmpty() && lastEvaluated != step) {
                checkpoint.offer(evaluate(model, dev, log, step, config.epochs() - 1, bar), step, parameters);
            }
            if (bar != null) {
                bar.finish();
            }
        }
        checkpoint.restore(parameters);
        TrainingResult result = new TrainingResult(checkpoint.best(), checkpoint.bestStep(), checkpoint.history(),
                step, examples, trainSeconds, stopped, skipped);
        writeSummary(model, result);
        return result;
    }

    private Map<String, Double> step(MultiTaskModel model, Map<String, Parameter> parameters, Set<String> encoderNames,
            AdamW optimizer, Batch batch, double encoderRate, double headRate) {
        MultiTaskLoss loss = config.loss();
        Map<String, Double> values = new LinkedHashMap<>();
        try (NDManager manager = model.manager().newSubManager(); NDScope scope = new NDScope()) {
            MultiTaskLoss.Result combined;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                ModelOutput output = model.forward(new ParameterStore(manager, false),
                        BatchArrays.encoderInputs(manager, batch), true, batch.labels().keySet());
                Map<String, NDArray> taskLosses = new LinkedHashMap<>();
                output.logits().forEach((task, logits) ->
                        taskLosses.put(task, model.head(task).loss(logits, batch.labels().get(task))));
                combined = loss.combine(taskLosses);
                collector.backward(combined.total());
            }
            values.put("loss", (double) combined.total().getFloat());
            combined.perTask().forEach((task, l) -> values.put("loss." + task, (double) l.getFloat()));

            Map<String, NDArray> gradients = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                String name = e.getKey();
                boolean takesPart = encoderNames.contains(name) || batch.labels().keySet().stream()
                        .anyMatch(task -> name.startsWith("heads." + task + "."));
                if (takesPart && e.getValue().requiresGradient()) {
                    gradients.put(name, e.getValue().getArray().getGradient());
                }
            }
            double norm = GradientClipping.clipByGlobalNorm(gradients.values(), config.maxGradNorm());
            values.put("grad_norm", norm);
            if (!Double.isFinite(norm) || !Double.isFinite(values.get("loss"))) {
                // Skip the update, as mixed-precision loss scalers do: one bad batch must not poison the weights.
                List<String> bad = new java.util.ArrayList<>();
                gradients.forEach((name, g) -> {
                    if (!Float.isFinite(g.norm().getFloat())) {
                        bad.add(name);
                    }
                });
                nonFinite = bad;
                zeroGradients(parameters);
                return values;
            }
            nonFinite = List.of();
            for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
                double rate = encoderNames.contains(e.getKey()) ? encoderRate : headRate;
                optimizer.update(e.getKey(), parameters.get(e.getKey()), e.getValue(), rate);
            }
            zeroGradients(parameters);
        }
        return values;
    }

    private EvaluationResult evaluate(MultiTaskModel model, List<Batch> dev, MetricsLog log, int step, int epoch,
            ProgressBar bar) {
        EvaluationResult result = ModelEvaluator.evaluate(model, dev);
        log.write("dev", step, epoch, result.flatten());
        String line = "step " + step + " dev: " + format(result.flatten());
        if (bar != null) {
            bar.message(line);
        } else {
            LOG.info(line);
        }
        return result;
    }

    private static void zeroGradients(Map<String, Parameter> parameters) {
        for (Parameter p : parameters.values()) {
            if (p.requiresGradient() && p.getArray().hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) p.getArray());
            }
        }
    }

    private void writeSummary(MultiTaskModel model, TrainingResult result) {
        if (config.outputDirectory() == null) {
            return;
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("steps", result.steps());
        root.put("best_step", result.bestStep());
        root.put("train_seconds", result.trainSeconds());
        root.put("train_examples_per_second", result.examplesPerSecond());
        root.put("stopped_early", result.stoppedEarly());
        root.put("skipped_steps", result.skippedSteps());
        root.put("selection_metric", config.selectionMetric());
        ObjectNode dev = root.putObject("dev");
        if (result.best() != null) {
            result.best().flatten().forEach(dev::put);
        }
        try {
            json.writeValue(config.outputDirectory().resolve("metrics.json").toFile(), root);
            model.save(config.outputDirectory().resolve("model"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training summary to " + config.outputDirectory(), e);
        }
    }

    private static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(k).append('=').append(String.format(java.util.Locale.ROOT, "%.4f", v)).append(' '));
        return sb.toString().trim();
    }
}
