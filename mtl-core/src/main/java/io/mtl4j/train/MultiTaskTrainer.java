package io.mtl4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
import io.mtl4j.loss.GradientSurgery;
import io.mtl4j.loss.LossCombiner;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelEvaluator;
import io.mtl4j.model.ModelOutput;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.objective.EmbeddingObjective;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
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
    /** The folder of the output directory that holds the checkpoints. */
    static final String CHECKPOINTS = "checkpoints";
    /** The folder of the output directory that holds the trained model. */
    static final String MODEL = "model";

    private final TrainingConfig config;
    private final Map<String, EmbeddingObjective> objectives;
    /** Parameters whose gradient was not finite in the last step (empty when it was fine). */
    private List<String> nonFinite = List.of();
    private boolean warnedSingleTaskSurgery;

    /** @param config the settings */
    public MultiTaskTrainer(TrainingConfig config) {
        this(config, List.of());
    }

    /**
     * A trainer that also trains embedding objectives (a similarity head, embedding distillation). Their
     * losses join the task losses under their names: {@link io.mtl4j.loss.MultiTaskLoss} weights them, the
     * metrics log shows them as {@code loss.<name>}, and PCGrad treats each as a task. The trainer does not
     * own them.
     *
     * @param config the settings
     * @param objectives the objectives, names unique
     * @throws IllegalArgumentException if two objectives share a name
     */
    public MultiTaskTrainer(TrainingConfig config, List<? extends EmbeddingObjective> objectives) {
        this.config = Objects.requireNonNull(config, "config");
        Map<String, EmbeddingObjective> byName = new LinkedHashMap<>();
        for (EmbeddingObjective objective : objectives) {
            if (byName.put(objective.name(), objective) != null) {
                throw new IllegalArgumentException("objective names must be unique, but '" + objective.name()
                        + "' appears twice");
            }
        }
        this.objectives = Collections.unmodifiableMap(byName);
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
        return run(model, train, dev, null);
    }

    /**
     * Continues a run that wrote checkpoints (see {@link TrainingConfig#checkpointEverySteps()}) from
     * its newest checkpoint that loads; a newer one that is corrupt or truncated is skipped with a
     * warning naming it. With the same config, model architecture and batches, the result is bitwise
     * the one an uninterrupted run would have given. The dev history of the result holds only the
     * evaluations made after the resume; the best evaluation is recomputed from the best weights.
     *
     * @param outputOrCheckpointDir the run's output folder (holding {@code checkpoints/}), its
     *     {@code checkpoints} folder, or one {@code step-<n>} folder to resume exactly from
     * @param model a model of the same tasks and labels; its weights are replaced by the checkpoint's
     * @param train the same training batches as the interrupted run
     * @param dev the same dev batches
     * @return what the whole run did
     * @throws IllegalArgumentException if the checkpoint's tasks or labels, seed or steps per epoch
     *     differ from this run's, naming the difference
     */
    public TrainingResult resume(Path outputOrCheckpointDir, MultiTaskModel model, BatchSource train,
            List<Batch> dev) {
        CheckpointStore.Loaded loaded;
        if (outputOrCheckpointDir.getFileName().toString().matches("step-\\d+")) {
            try {
                loaded = CheckpointStore.load(outputOrCheckpointDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load checkpoint " + outputOrCheckpointDir, e);
            }
        } else {
            Path root = Files.isDirectory(outputOrCheckpointDir.resolve(CHECKPOINTS))
                    ? outputOrCheckpointDir.resolve(CHECKPOINTS) : outputOrCheckpointDir;
            loaded = new CheckpointStore(root, config.checkpointsKept()).loadNewest();
        }
        CheckpointStore.requireSameLabels(loaded.directory(), loaded.state().labels(), CheckpointStore.labelsOf(model));
        LOG.info("resuming from {} (step {})", loaded.directory(), loaded.state().step());
        return run(model, train, dev, loaded);
    }

    private TrainingResult run(MultiTaskModel model, BatchSource train, List<Batch> dev,
            CheckpointStore.Loaded resumed) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        int perStep = train.batchesPerStep();
        if (perStep < 1 || train.batchesPerEpoch() % perStep != 0) {
            throw new IllegalArgumentException("the batch source serves " + train.batchesPerEpoch()
                    + " batches per epoch, not a multiple of its " + perStep + " batches per step");
        }
        int stepsPerEpoch = train.batchesPerEpoch() / perStep;
        int totalSteps = stepsPerEpoch * config.epochs();
        int warmup = (int) (config.warmupRatio() * totalSteps);
        LearningRateSchedule encoderSchedule = new LearningRateSchedule(config.learningRate(), warmup, totalSteps);
        LearningRateSchedule headSchedule = new LearningRateSchedule(config.headLearningRate(), warmup, totalSteps);
        Set<String> lossNames = new LinkedHashSet<>(model.heads().keySet());
        for (String name : objectives.keySet()) {
            if (!lossNames.add(name)) {
                throw new IllegalArgumentException("objective '" + name + "' has the name of one of the model's tasks;"
                        + " their losses would mix in the log and the weights");
            }
        }
        LossCombiner combiner = config.loss().newCombiner(lossNames);
        BestCheckpoint checkpoint = new BestCheckpoint(config.selectionMetric(), config.earlyStoppingPatience());
        TaskTally tally = new TaskTally();
        Map<String, Batch> latestBatchOfTask = new LinkedHashMap<>();
        Map<String, List<Double>> gradientCosines = new LinkedHashMap<>();
        CheckpointStore store = config.checkpointEverySteps() > 0
                ? new CheckpointStore(config.outputDirectory().resolve(CHECKPOINTS), config.checkpointsKept()) : null;
        boolean stopped = false;
        int step = 0;
        int lastEvaluated = 0;
        int skippedInARow = 0;
        int skipped = 0;
        long examples = 0;
        double trainSeconds = 0;
        int startEpoch = 0;
        int startPosition = 0;
        if (resumed != null) {
            TrainerState state = resumed.state();
            if (state.seed() != config.seed() || state.stepsPerEpoch() != stepsPerEpoch) {
                throw new IllegalArgumentException("checkpoint " + resumed.directory() + " was taken with seed "
                        + state.seed() + " and " + state.stepsPerEpoch() + " steps per epoch; this run has seed "
                        + config.seed() + " and " + stepsPerEpoch + " steps per epoch");
            }
            step = state.step();
            lastEvaluated = state.lastEvaluated();
            skippedInARow = state.skippedInARow();
            skipped = state.skippedSteps();
            examples = state.examples();
            trainSeconds = state.trainSeconds();
            startEpoch = state.epoch();
            startPosition = state.position();
            tally.restore(state.batchesPerTask(), state.examplesPerTask());
            combiner.importState(state.lossState());
            checkpoint.restore(state.bestStep(), state.bestScore(), state.sinceImprovement(), resumed.bestWeights());
        }
        long deadline = config.maxDuration() == null ? Long.MAX_VALUE
                : System.nanoTime() + config.maxDuration().toNanos();
        ProgressBar bar = config.progressBar() ? new ProgressBar(System.err, totalSteps) : null;
        try (ParameterPlan plan = new ParameterPlan(model, config.trainable()).apply();
                AdamW optimizer = AdamW.withWeightDecay(config.weightDecay());
                MetricsLog log = new MetricsLog(config.outputDirectory(), resumed != null)) {
            if (!plan.frozen().isEmpty()) {
                LOG.info("{} of {} parameters frozen", plan.frozen().size(), plan.parameters().size());
            }
            if (resumed != null) {
                copyWeights(resumed, model.namedParameters());
                optimizer.importState(resumed.optimizer());
            }
            Map<String, Parameter> parameters = plan.parameters();
            zeroGradients(parameters);
            for (int epoch = startEpoch; epoch < config.epochs() && !stopped; epoch++) {
                double epochLoss = 0;
                int epochSteps = 0;
                TaskTally epochTally = new TaskTally();
                List<Batch> batches = train.epoch(epoch);
                int from = epoch == startEpoch ? startPosition : 0;
                for (int first = from; first + perStep <= batches.size(); first += perStep) {
                    List<Batch> group = batches.subList(first, first + perStep);
                    long start = System.nanoTime();
                    // Per-step randomness depends on (seed, step) only, so a resumed run draws the same.
                    long stepSeed = config.seed() * 1_000_003L + step;
                    Engine.getInstance().setRandomSeed((int) stepSeed);
                    Map<String, Double> losses = step(model, plan, optimizer, combiner, group,
                            encoderSchedule.rate(step), headSchedule.rate(step), new Random(stepSeed));
                    trainSeconds += (System.nanoTime() - start) / 1e9;
                    step++;
                    epochSteps++;
                    for (Batch batch : group) {
                        examples += batch.size();
                        tally.add(batch);
                        epochTally.add(batch);
                        batch.labels().keySet().forEach(task -> latestBatchOfTask.put(task, batch));
                    }
                    if (nonFinite.isEmpty() && Double.isFinite(losses.get("loss"))) {
                        skippedInARow = 0;
                        epochLoss += losses.get("loss");
                        if (bar != null) {
                            bar.update(step, epoch, epochLoss / epochSteps, encoderSchedule.rate(step - 1));
                        }
                        if (step % config.logEverySteps() == 0) {
                            Map<String, Double> line = new LinkedHashMap<>(losses);
                            line.put("lr", encoderSchedule.rate(step - 1));
                            combiner.currentWeights().forEach((task, w) -> line.put("weight." + task, w));
                            line.putAll(combiner.learnedState());
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
                    if (config.gradientCosineEverySteps() > 0 && step % config.gradientCosineEverySteps() == 0) {
                        Map<String, Double> cosines = GradientProbe.cosines(model, plan, latestBatchOfTask);
                        if (!cosines.isEmpty()) {
                            log.write("gradient_cosine", step, epoch, cosines);
                            cosines.forEach((pair, c) -> gradientCosines.computeIfAbsent(pair, k -> new ArrayList<>()).add(c));
                            LOG.debug("step {} gradient cosines {}", step, cosines);
                        }
                    }
                    boolean outOfTime = System.nanoTime() > deadline;
                    boolean endOfEpoch = first / perStep + 1 == stepsPerEpoch;
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
                    if (store != null && step % config.checkpointEverySteps() == 0) {
                        store.write(new TrainerState(step, epoch, first + perStep, stepsPerEpoch, config.seed(),
                                lastEvaluated, checkpoint.bestStep(), checkpoint.bestScore(),
                                checkpoint.sinceImprovement(), skipped, skippedInARow, examples, trainSeconds,
                                tally.batches(), tally.examples(), combiner.exportState(),
                                CheckpointStore.labelsOf(model)), model, optimizer, checkpoint.weights(), parameters);
                    }
                    if (outOfTime) {
                        LOG.info("time budget {} used up at step {}", config.maxDuration(), step);
                        stopped = true;
                        break;
                    }
                }
                String mix = "epoch " + epoch + " trained on " + epochTally.describe();
                if (bar != null) {
                    bar.message(mix);
                } else {
                    LOG.info(mix);
                }
            }
            if (!dev.isEmpty() && lastEvaluated != step) {
                checkpoint.offer(evaluate(model, dev, log, step, config.epochs() - 1, bar), step, parameters);
            }
            if (bar != null) {
                bar.finish();
            }
            checkpoint.restore(parameters);
            if (checkpoint.best() == null && checkpoint.bestStep() >= 0) {
                // Resumed after the best evaluation: recompute it from the restored best weights.
                checkpoint.setBest(ModelEvaluator.evaluate(model, dev));
            }
        }
        TrainingResult result = new TrainingResult(checkpoint.best(), checkpoint.bestStep(), checkpoint.history(),
                step, examples, trainSeconds, stopped, skipped, tally.batches(), tally.examples(),
                combiner.learnedState(), gradientCosines);
        writeSummary(model, result);
        report(model, result);
        return result;
    }

    private Map<String, Double> step(MultiTaskModel model, ParameterPlan plan, AdamW optimizer,
            LossCombiner combiner, List<Batch> group, double encoderRate, double headRate, Random surgeryRandom) {
        Map<String, Parameter> parameters = plan.parameters();
        Set<String> tasks = new LinkedHashSet<>();
        group.forEach(batch -> tasks.addAll(trainedBy(batch)));
        EncoderGradients encoderGradients = new EncoderGradients(plan);
        // Surgery needs two tasks' gradients on something shared: not with one task or a frozen encoder.
        boolean surgery = config.loss().gradientSurgery() == GradientSurgery.PCGRAD && tasks.size() > 1
                && !encoderGradients.isEmpty();
        if (config.loss().gradientSurgery() == GradientSurgery.PCGRAD && tasks.size() == 1 && !warnedSingleTaskSurgery) {
            warnedSingleTaskSurgery = true;
            LOG.warn("PCGrad has no effect on steps that carry one task ({}); use TaskSampling.everyTask() or"
                    + " jointly labelled batches", tasks);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> taskLosses = new LinkedHashMap<>();
        double total = 0;
        try (NDManager manager = model.manager().newSubManager(); NDScope scope = new NDScope()) {
            Map<String, NDArray> gradientOfTask = new LinkedHashMap<>();
            for (Batch batch : group) {
                List<Set<String>> passes = new ArrayList<>();
                Set<String> trained = trainedBy(batch);
                if (surgery) {
                    trained.forEach(task -> passes.add(Set.of(task)));
                } else {
                    passes.add(trained);
                }
                for (Set<String> pass : passes) {
                    MultiTaskLoss.Result combined;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDList inputs = BatchArrays.encoderInputs(manager, batch);
                        ModelOutput output = model.forward(new ParameterStore(manager, false), inputs, true, pass);
                        Map<String, NDArray> losses = new LinkedHashMap<>();
                        output.logits().forEach((task, logits) ->
                                losses.put(task, model.head(task).loss(logits, batch.labels().get(task))));
                        for (String name : pass) {
                            EmbeddingObjective objective = objectives.get(name);
                            if (objective != null) {
                                losses.put(name, objective.loss(output.encoderOutput().get(1), inputs, batch));
                            }
                        }
                        combined = combiner.combine(losses);
                        collector.backward(combined.total());
                    }
                    total += combined.total().getFloat();
                    combined.perTask().forEach((task, l) -> taskLosses.merge(task, (double) l.getFloat(), Double::sum));
                    if (surgery) {
                        String task = pass.iterator().next();
                        NDArray flat = encoderGradients.flattenAndZero();
                        gradientOfTask.merge(task, flat, NDArray::add);
                    }
                }
            }
            if (surgery) {
                List<NDArray> projected = PcGrad.project(new ArrayList<>(gradientOfTask.values()), surgeryRandom);
                NDArray sum = projected.get(0);
                for (int i = 1; i < projected.size(); i++) {
                    sum = sum.add(projected.get(i));
                }
                encoderGradients.addFlat(sum);
            }
            values.put("loss", total);
            taskLosses.forEach((task, l) -> values.put("loss." + task, l));

            Map<String, NDArray> gradients = new LinkedHashMap<>();
            for (String name : plan.updatedBy(tasks)) {
                gradients.put(name, parameters.get(name).getArray().getGradient());
            }
            double norm = GradientClipping.clipByGlobalNorm(gradients.values(), config.maxGradNorm());
            values.put("grad_norm", norm);
            if (!Double.isFinite(norm) || !Double.isFinite(total)) {
                // Skip the update, as mixed-precision loss scalers do: one bad batch must not poison the weights.
                List<String> bad = new ArrayList<>();
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
                String name = e.getKey();
                double rate = (plan.isEncoder(name) ? encoderRate : headRate) * plan.rateFactor(name);
                optimizer.update(name, parameters.get(name), e.getValue(), rate);
            }
            zeroGradients(parameters);
        }
        combiner.update(taskLosses);
        return values;
    }

    /** The tasks a batch labels and the objectives that apply to it. */
    private Set<String> trainedBy(Batch batch) {
        Set<String> names = new LinkedHashSet<>(batch.labels().keySet());
        for (String scored : batch.pairScores().keySet()) {
            if (!objectives.containsKey(scored)) {
                throw new IllegalArgumentException("a batch carries pair scores for '" + scored
                        + "', but the trainer has no objective of that name; objectives: " + objectives.keySet());
            }
        }
        objectives.values().stream().filter(o -> o.appliesTo(batch)).forEach(o -> names.add(o.name()));
        return names;
    }

    private static void copyWeights(CheckpointStore.Loaded loaded, Map<String, Parameter> parameters) {
        try (NoGradient noGradient = new NoGradient()) {
            parameters.forEach((name, p) -> {
                float[] w = loaded.weights().get(name);
                if (w == null || w.length != p.getArray().size()) {
                    throw new IllegalArgumentException("checkpoint " + loaded.directory() + " has "
                            + (w == null ? "no parameter '" + name + "'" : w.length + " values for parameter '" + name
                            + "', the model " + p.getArray().size()));
                }
                p.getArray().set(w);
            });
        }
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

    static void zeroGradients(Map<String, Parameter> parameters) {
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
        root.put("loss", config.loss().toString());
        ObjectNode perTask = root.putObject("batches_per_task");
        result.batchesPerTask().forEach(perTask::put);
        ObjectNode examplesPerTask = root.putObject("examples_per_task");
        result.examplesPerTask().forEach(examplesPerTask::put);
        if (!result.gradientCosines().isEmpty()) {
            ObjectNode cosines = root.putObject("gradient_cosine_mean");
            result.gradientCosines().forEach((pair, values) ->
                    cosines.put(pair, values.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        }
        if (!result.learnedLossState().isEmpty()) {
            ObjectNode learned = root.putObject("learned_loss_state");
            result.learnedLossState().forEach(learned::put);
        }
        ObjectNode dev = root.putObject("dev");
        if (result.best() != null) {
            result.best().flatten().forEach(dev::put);
        }
        try {
            json.writeValue(config.outputDirectory().resolve(CompletedRun.METRICS_SUMMARY).toFile(), root);
            model.save(config.outputDirectory().resolve(MODEL), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training summary to " + config.outputDirectory(), e);
        }
    }

    /** Runs the reporters; a failing one is logged and never fails the run (the model is saved already). */
    private void report(MultiTaskModel model, TrainingResult result) {
        if (config.outputDirectory() == null) {
            return;
        }
        CompletedRun run = new CompletedRun(config.outputDirectory(), config.outputDirectory().resolve(MODEL),
                config, result, model);
        for (RunReporter reporter : reporters()) {
            try {
                reporter.report(run);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Exception | Error e) {
                LOG.warn("run reporter {} failed, the run's result and its model in {} are kept: {}",
                        reporter.getClass().getName(), run.modelDirectory(), e.toString(), e);
            }
        }
    }

    private List<RunReporter> reporters() {
        if (config.reporter() != null) {
            return List.of(config.reporter());
        }
        List<RunReporter> found = new ArrayList<>();
        try {
            ServiceLoader.load(RunReporter.class).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            LOG.warn("cannot load the run reporters registered on the class path, so none runs: {}", e.toString(), e);
            return List.of();
        }
        return found;
    }

    private static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(k).append('=').append(String.format(java.util.Locale.ROOT, "%.4f", v)).append(' '));
        return sb.toString().trim();
    }
}
