package io.mtl4j.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.encode.BatchPlanner;
import io.mtl4j.data.encode.Collator;
import io.mtl4j.data.encode.EncodedBatches;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.head.TaskType;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelEvaluator;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.sampling.TaskMixture;
import io.mtl4j.sampling.TaskSampling;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Single-task versus multi-task at an equal budget: trains one model per data set on its own data,
 * and one model on the {@link TaskMixture} of all of them, each from a fresh encoder, and measures
 * each task's test metric (entity F1 for token tasks, accuracy for sentence tasks), parameters,
 * inference cost, training time and steps, the gradient cosines between tasks and the mix drawn.
 *
 * <p>The budget is a step cap and/or a time limit, the same for every model. With only a time limit
 * the step cap (which is also the learning-rate schedule's length) is estimated once by timing a few
 * training batches of the mixture, so the schedule ends about when the time does.
 */
final class TransferStudy {

    /** Batches timed to estimate the step cap of a time-only budget (after as many warm-up batches). */
    static final int CALIBRATION_BATCHES = 12;

    private final List<DataSetInput> dataSets;
    private final Supplier<SharedEncoder> encoders;
    private final Budget budget;
    private final Settings settings;
    private double secondsPerBatch = Double.NaN;

    /**
     * @param dataSets the data sets, each encoded, with names unique
     * @param encoders a fresh encoder on each call
     * @param budget the budget of every model
     * @param settings sampling, loss and trainer settings
     */
    TransferStudy(List<DataSetInput> dataSets, Supplier<SharedEncoder> encoders, Budget budget, Settings settings) {
        if (dataSets.isEmpty()) {
            throw new IllegalArgumentException("a transfer study needs at least one data set");
        }
        this.dataSets = List.copyOf(dataSets);
        this.encoders = Objects.requireNonNull(encoders, "encoders");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * One data set of the study.
     *
     * @param name its name, e.g. {@code conll2003}
     * @param tasks its tasks' specs (label vocabularies from its training split)
     * @param train encoded training examples
     * @param dev encoded development examples (may be empty)
     * @param test encoded test examples, not empty
     */
    record DataSetInput(String name, List<TaskSpec> tasks, List<EncodedExample> train, List<EncodedExample> dev,
            List<EncodedExample> test) {

        /** Copies the lists and checks that train and test are not empty. */
        DataSetInput {
            tasks = List.copyOf(tasks);
            train = List.copyOf(train);
            dev = List.copyOf(dev);
            test = List.copyOf(test);
            if (train.isEmpty() || test.isEmpty()) {
                throw new IllegalArgumentException("data set '" + name + "' needs training and test examples, but has "
                        + train.size() + " and " + test.size());
            }
        }

        /** @return each task's test metric name: {@code task.f1} for token tasks, {@code task.accuracy} else */
        List<String> metrics() {
            return tasks.stream().map(TransferStudy::metric).toList();
        }
    }

    /**
     * The budget of every model.
     *
     * @param maxSteps training batches (optimizer steps when each step takes one batch; an every-task
     *     step takes one batch per data set and counts as that many), 0 to derive them from {@code maxDuration}
     * @param maxDuration wall-clock limit of a training run (dev evaluation included), null for none
     */
    record Budget(int maxSteps, Duration maxDuration) {

        /** Validates that there is a bound. */
        Budget {
            if (maxSteps < 0) {
                throw new IllegalArgumentException("maxSteps must be >= 0, but is: " + maxSteps);
            }
            if (maxSteps == 0 && maxDuration == null) {
                throw new IllegalArgumentException("a budget needs a step cap or a duration");
            }
            if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
                throw new IllegalArgumentException("maxDuration must be positive, but is: " + maxDuration);
            }
        }

        /** @return the budget as JSON */
        ObjectNode toJson() {
            ObjectNode node = BenchmarkReport.JSON.createObjectNode();
            node.put("max_steps", maxSteps);
            RunResult.number(node, "max_minutes", maxDuration == null ? Double.NaN : maxDuration.toMillis() / 60_000.0);
            return node;
        }
    }

    /**
     * How models are trained.
     *
     * @param sampling how the multi-task model draws data sets
     * @param loss how the multi-task model combines losses
     * @param batchSize training batch size
     * @param learningRate encoder learning rate
     * @param headLearningRate head learning rate
     * @param evaluateEverySteps dev evaluation interval (the best checkpoint by the mean metric is kept)
     * @param gradientCosineEverySteps interval of gradient cosine measurements (0: none)
     * @param timedTexts how many test texts (taken evenly from the data sets) time inference
     * @param seed seeds data order and the engine
     * @param progressBar whether to draw progress bars
     * @param demoText a text the multi-task model predicts after training, or null
     */
    record Settings(TaskSampling sampling, MultiTaskLoss loss, int batchSize, double learningRate,
            double headLearningRate, int evaluateEverySteps, int gradientCosineEverySteps, int timedTexts,
            long seed, boolean progressBar, String demoText) {

        /** Validates the values. */
        Settings {
            Objects.requireNonNull(sampling, "sampling");
            Objects.requireNonNull(loss, "loss");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, but is: " + batchSize);
            }
            if (evaluateEverySteps < 1) {
                throw new IllegalArgumentException("evaluateEverySteps must be at least 1, but is: " + evaluateEverySteps);
            }
            if (timedTexts < 1) {
                throw new IllegalArgumentException("timedTexts must be at least 1, but is: " + timedTexts);
            }
        }

        /**
         * @param sampling another sampling
         * @param loss another loss
         * @return these settings with them
         */
        Settings with(TaskSampling sampling, MultiTaskLoss loss) {
            return new Settings(sampling, loss, batchSize, learningRate, headLearningRate, evaluateEverySteps,
                    gradientCosineEverySteps, timedTexts, seed, progressBar, demoText);
        }
    }

    /** @return the data sets */
    List<DataSetInput> dataSets() {
        return dataSets;
    }

    /** @return every data set's test metric names, in order */
    List<String> metrics() {
        return dataSets.stream().flatMap(d -> d.metrics().stream()).toList();
    }

    /**
     * Trains and measures the single-task model of one data set.
     *
     * @param name the data set
     * @return the run's result, named {@code single-<first task>}
     */
    RunResult single(String name) {
        DataSetInput dataSet = dataSets.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no data set '" + name + "'; data sets: "
                        + dataSets.stream().map(DataSetInput::name).toList()));
        return train("single-" + dataSet.tasks().get(0).name(), List.of(dataSet), TaskSampling.proportional(),
                MultiTaskLoss.equalWeights(), false);
    }

    /**
     * Trains and measures the multi-task model with the study's sampling and loss.
     *
     * @return the result, named {@code multi}
     */
    RunResult multi() {
        return multi("multi", settings.sampling(), settings.loss());
    }

    /**
     * Trains and measures a multi-task model.
     *
     * @param run the run's name
     * @param sampling how data sets are drawn
     * @param loss how losses are combined
     * @return the result
     */
    RunResult multi(String run, TaskSampling sampling, MultiTaskLoss loss) {
        return train(run, dataSets, sampling, loss, true);
    }

    /** @return the step cap of a run whose steps hold this many batches each */
    int stepCap(int batchesPerStep) {
        if (budget.maxSteps() > 0) {
            // Equal budgets mean equal numbers of training batches, whatever a step holds.
            return Math.max(1, budget.maxSteps() / batchesPerStep);
        }
        if (Double.isNaN(secondsPerBatch)) {
            secondsPerBatch = calibrate();
            System.out.printf(java.util.Locale.ROOT, "   calibration: %.3f s per training batch%n", secondsPerBatch);
        }
        long batches = (long) (budget.maxDuration().toMillis() / 1000.0 / secondsPerBatch);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, batches / batchesPerStep));
    }

    /** @return the measured seconds per training batch, NaN until a time-only budget was calibrated */
    double secondsPerBatch() {
        return secondsPerBatch;
    }

    private double calibrate() {
        List<TaskSpec> tasks = tasks(dataSets);
        try (MultiTaskModel model = Pipeline.model(encoders.get(), tasks, false)) {
            Collator collator = new Collator(tasks);
            TrainingConfig config = trainingConfig(MultiTaskLoss.equalWeights(), null, false, false);
            MultiTaskTrainer trainer = new MultiTaskTrainer(config);
            trainer.fit(model, mixture(dataSets, collator, TaskSampling.proportional(), CALIBRATION_BATCHES), List.of());
            TrainingResult timed = trainer.fit(model,
                    mixture(dataSets, collator, TaskSampling.proportional(), CALIBRATION_BATCHES), List.of());
            return timed.trainSeconds() / timed.steps();
        }
    }

    private RunResult train(String run, List<DataSetInput> sets, TaskSampling sampling, MultiTaskLoss loss,
            boolean demo) {
        List<TaskSpec> tasks = tasks(sets);
        int perStep = sampling.kind() == TaskSampling.Kind.EVERY_TASK ? sets.size() : 1;
        int cap = stepCap(perStep);
        System.out.println("== " + run + ": " + sets.stream().map(DataSetInput::name).toList() + ", " + sampling
                + ", loss " + loss + ", at most " + cap + " steps"
                + (budget.maxDuration() == null ? "" : " and " + budget.maxDuration().toSeconds() + " s"));
        try (MultiTaskModel model = Pipeline.model(encoders.get(), tasks, false)) {
            Collator collator = new Collator(tasks);
            List<Batch> dev = new ArrayList<>();
            sets.forEach(d -> dev.addAll(Pipeline.evaluationBatches(d.dev(), collator)));
            TrainingConfig config = trainingConfig(loss, budget.maxDuration(), tasks.size() > 1,
                    settings.progressBar());
            TrainingResult training = new MultiTaskTrainer(config).fit(model,
                    mixture(sets, collator, sampling, cap), dev);

            Map<String, Double> metrics = new LinkedHashMap<>();
            for (DataSetInput d : sets) {
                EvaluationResult test = ModelEvaluator.evaluate(model, Pipeline.evaluationBatches(d.test(), collator));
                d.metrics().forEach(m -> metrics.put(m, test.metric(m)));
            }
            double[] cosine = cosineSummary(training.gradientCosines());
            RunResult result = new RunResult(run, sets.stream().map(DataSetInput::name).toList(), metrics,
                    model.parameterCount(), inferenceMs(model), training.trainSeconds(), training.steps(), cap,
                    training.bestStep(), training.examplesPerSecond(), sampling.toString(), loss.toString(),
                    training.batchesPerTask(), cosine[0], cosine[1], (int) cosine[2], training.learnedLossState(),
                    demo && settings.demoText() != null ? demo(model, settings.demoText()) : null);
            System.out.println("   " + run + " test: " + metrics + ", " + training.steps() + " steps in "
                    + Math.round(training.trainSeconds()) + " s, mix " + training.batchesPerTask());
            return result;
        }
    }

    private TrainingConfig trainingConfig(MultiTaskLoss loss, Duration maxDuration, boolean cosines,
            boolean progressBar) {
        TrainingConfig.Builder config = TrainingConfig.builder()
                .optEpochs(1)
                .optLearningRate(settings.learningRate())
                .optHeadLearningRate(settings.headLearningRate())
                .optSeed(settings.seed())
                .optLoss(loss)
                .optEvaluateEverySteps(settings.evaluateEverySteps())
                .optSelectionMetric("mean")
                .optProgressBar(progressBar)
                .optMaxDuration(maxDuration);
        if (cosines) {
            config.optGradientCosineEverySteps(settings.gradientCosineEverySteps());
        }
        return config.build();
    }

    /** The data sets as one source whose single epoch is the whole run, so the schedule spans the cap. */
    private TaskMixture mixture(List<DataSetInput> sets, Collator collator, TaskSampling sampling, int steps) {
        TaskMixture.Builder mixture = TaskMixture.builder().optSampling(sampling).optSeed(settings.seed())
                .optStepsPerEpoch(steps);
        BatchPlanner planner = BatchPlanner.builder().setBatchSize(settings.batchSize()).optSeed(settings.seed()).build();
        sets.forEach(d -> mixture.add(d.name(), new EncodedBatches(d.train(), collator, planner)));
        return mixture.build();
    }

    /**
     * Times {@code predict} over the same test texts for every model: a few hundred, taken evenly
     * from the data sets, after one warm-up batch.
     */
    private double inferenceMs(MultiTaskModel model) {
        List<String> texts = timedTexts();
        model.predict(texts.subList(0, Math.min(32, texts.size())));
        long start = System.nanoTime();
        model.predict(texts);
        return (System.nanoTime() - start) / 1e6 / texts.size();
    }

    /** @return the texts inference is timed on */
    List<String> timedTexts() {
        int each = Math.max(1, settings.timedTexts() / dataSets.size());
        List<String> texts = new ArrayList<>();
        for (DataSetInput d : dataSets) {
            d.test().stream().limit(each).forEach(e -> texts.add(e.tokens().text()));
        }
        return texts;
    }

    static ObjectNode demo(MultiTaskModel model, String text) {
        TextPrediction p = model.predict(List.of(text)).get(0);
        Quickstart.print(p);
        ObjectNode node = BenchmarkReport.JSON.createObjectNode();
        node.put("text", p.text());
        ObjectNode tasks = node.putObject("tasks");
        for (TaskPrediction t : p.tasks().values()) {
            ObjectNode task = tasks.putObject(t.task());
            if (t instanceof TaskPrediction.Classification c) {
                task.put("label", c.label());
                task.put("probability", c.probability());
            } else if (t instanceof TaskPrediction.Tagging tagging) {
                var entities = task.putArray("entities");
                for (Entity e : tagging.entities()) {
                    ObjectNode entity = entities.addObject();
                    entity.put("text", e.text());
                    entity.put("label", e.label());
                    entity.put("start", e.start());
                    entity.put("end", e.end());
                    entity.put("score", e.score());
                }
            }
        }
        return node;
    }

    /** @return mean, min and count over every pair's cosines; NaN, NaN, 0 when none was measured */
    static double[] cosineSummary(Map<String, List<Double>> cosines) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        int count = 0;
        for (List<Double> values : cosines.values()) {
            for (double c : values) {
                sum += c;
                min = Math.min(min, c);
                count++;
            }
        }
        return count == 0 ? new double[] {Double.NaN, Double.NaN, 0} : new double[] {sum / count, min, count};
    }

    static String metric(TaskSpec task) {
        return task.name() + (task.type() == TaskType.TOKEN_CLASSIFICATION ? ".f1" : ".accuracy");
    }

    private static List<TaskSpec> tasks(List<DataSetInput> sets) {
        Map<String, TaskSpec> tasks = new LinkedHashMap<>();
        for (DataSetInput d : sets) {
            for (TaskSpec task : d.tasks()) {
                TaskSpec known = tasks.putIfAbsent(task.name(), task);
                if (known != null && !known.equals(task)) {
                    throw new IllegalArgumentException("task '" + task.name() + "' of data set '" + d.name()
                            + "' has other labels than in an earlier data set: " + task + " vs " + known);
                }
            }
        }
        return List.copyOf(tasks.values());
    }
}
