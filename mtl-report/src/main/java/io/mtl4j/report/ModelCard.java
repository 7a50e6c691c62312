package io.mtl4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtl4j.head.TaskHead;
import io.mtl4j.head.TaskType;
import io.mtl4j.model.EvaluationResult;
import io.mtl4j.model.ModelFormat;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.train.CompletedRun;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * A saved model's card: a {@code README.md} in the model folder naming its tasks and labels, the
 * data and settings it was trained with, its dev metrics, links to the run's plots, and a Java
 * snippet that loads the model and prints each task's prediction.
 *
 * <p>The card is an extra file: it does not depend on how the weights are laid out, and a model
 * folder loads the same with or without it. Build one with {@link #of}, add what is known with the
 * {@code with...} methods (each returns a new card), then {@link #write()}; or call
 * {@link #write(Path)} for any saved model folder.
 */
public final class ModelCard {

    /** The card's file name in the model folder. */
    public static final String FILE = "README.md";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A task as the card describes it.
     *
     * @param name the task's name
     * @param type what it predicts
     * @param headType the head's saved type name
     * @param labels its labels in vocabulary order
     */
    public record Task(String name, TaskType type, String headType, List<String> labels) {
        /**
         * Copies the labels.
         *
         * @param name the task's name
         * @param type what it predicts
         * @param headType the head's saved type name
         * @param labels its labels in vocabulary order
         */
        public Task {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            labels = List.copyOf(labels);
        }

        /** @return the entity types of a token task's BIO-style tags (the tags without their prefix), else empty */
        public List<String> entityTypes() {
            if (type != TaskType.TOKEN_CLASSIFICATION) {
                return List.of();
            }
            Set<String> types = new LinkedHashSet<>();
            for (String label : labels) {
                int dash = label.indexOf('-');
                if (dash > 0 && dash < label.length() - 1) {
                    types.add(label.substring(dash + 1));
                }
            }
            return List.copyOf(types);
        }
    }

    /**
     * What is known of the run that trained the model.
     *
     * @param devMetrics the kept checkpoint's dev metrics ({@code task.metric}, {@code mean}, ...); empty without dev data
     * @param devExamples how many dev examples they were measured on; 0 when unknown
     * @param bestStep the step of the kept checkpoint; -1 when unknown
     * @param steps optimizer steps taken
     * @param examples training examples seen; 0 when unknown
     * @param examplesPerTask training examples seen per task
     * @param settings training settings by name, in display order
     */
    public record Run(Map<String, Double> devMetrics, int devExamples, int bestStep, int steps, long examples,
            Map<String, Long> examplesPerTask, Map<String, String> settings) {
        /**
         * Copies the maps.
         *
         * @param devMetrics the kept checkpoint's dev metrics ({@code task.metric}, {@code mean}, ...); empty without dev data
         * @param devExamples how many dev examples they were measured on; 0 when unknown
         * @param bestStep the step of the kept checkpoint; -1 when unknown
         * @param steps optimizer steps taken
         * @param examples training examples seen; 0 when unknown
         * @param examplesPerTask training examples seen per task
         * @param settings training settings by name, in display order
         */
        public Run {
            devMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(devMetrics));
            examplesPerTask = Collections.unmodifiableMap(new LinkedHashMap<>(examplesPerTask));
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    private final Path modelDirectory;
    private final String encoderType;
    private final int hiddenSize;
    private final int maxLength;
    private final long parameters;
    private final List<Task> tasks;
    private final Run run;
    private final List<Path> plots;

    private ModelCard(Path modelDirectory, String encoderType, int hiddenSize, int maxLength, long parameters,
            List<Task> tasks, Run run, List<Path> plots) {
        this.modelDirectory = modelDirectory;
        this.encoderType = encoderType;
        this.hiddenSize = hiddenSize;
        this.maxLength = maxLength;
        this.parameters = parameters;
        this.tasks = List.copyOf(tasks);
        this.run = run;
        this.plots = List.copyOf(plots);
    }

    /**
     * A card describing a model's encoder and tasks, without run facts or plots.
     *
     * @param model the model
     * @param modelDirectory the folder it is (or will be) saved in; the card goes there and its snippet loads from there
     * @return the card
     */
    public static ModelCard of(MultiTaskModel model, Path modelDirectory) {
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        List<Task> tasks = new ArrayList<>();
        for (TaskHead head : model.heads().values()) {
            tasks.add(new Task(head.name(), head.type(), head.headType(), head.labels().labels()));
        }
        return new ModelCard(modelDirectory, model.encoder().type(), model.encoder().hiddenSize(),
                model.encoder().maxLength(), model.parameterCount(), tasks, null, List.of());
    }

    /**
     * Writes the card of any saved model folder: loads the model for its tasks and labels and, when
     * the folder sits in a training run's output folder, reads the run's {@code metrics.json} and
     * links the run's {@code plots/}.
     *
     * @param modelDirectory a saved model folder
     * @return the card file written
     * @throws IOException if the model cannot be loaded or the card cannot be written
     */
    public static Path write(Path modelDirectory) throws IOException {
        ModelCard card;
        try (MultiTaskModel model = MultiTaskModel.load(modelDirectory)) {
            card = of(model, modelDirectory);
        }
        Path runFolder = modelDirectory.toAbsolutePath().normalize().getParent();
        if (runFolder != null && Files.isRegularFile(runFolder.resolve(CompletedRun.METRICS_SUMMARY))) {
            card = card.withRun(readSummary(runFolder.resolve(CompletedRun.METRICS_SUMMARY)));
        }
        if (runFolder != null && Files.isDirectory(runFolder.resolve(TrainingReport.PLOTS))) {
            try (var files = Files.list(runFolder.resolve(TrainingReport.PLOTS))) {
                card = card.withPlots(files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList());
            }
        }
        return card.write();
    }

    /**
     * @param run a finished training run
     * @return this card with the run's data, settings and kept dev metrics
     */
    public ModelCard withRun(CompletedRun run) {
        TrainingConfig config = run.config();
        TrainingResult result = run.result();
        EvaluationResult best = result.best();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("epochs", Integer.toString(config.epochs()));
        settings.put("learning rate (encoder)", number(config.learningRate()));
        settings.put("learning rate (heads)", number(config.headLearningRate()));
        settings.put("weight decay", number(config.weightDecay()));
        settings.put("warm-up ratio", number(config.warmupRatio()));
        settings.put("max gradient norm", number(config.maxGradNorm()));
        settings.put("seed", Long.toString(config.seed()));
        settings.put("loss", config.loss().toString());
        settings.put("selection metric", config.selectionMetric());
        settings.put("stopped early", Boolean.toString(result.stoppedEarly()));
        return withRun(new Run(best == null ? Map.of() : best.flatten(), best == null ? 0 : best.examples(),
                result.bestStep(), result.steps(), result.examples(), result.examplesPerTask(), settings));
    }

    /**
     * @param newRun the facts of the run that trained the model
     * @return this card with them
     */
    public ModelCard withRun(Run newRun) {
        return new ModelCard(modelDirectory, encoderType, hiddenSize, maxLength, parameters, tasks,
                Objects.requireNonNull(newRun, "run"), plots);
    }

    /**
     * @param newPlots image files to show in the card (linked relative to the model folder)
     * @return this card with them
     */
    public ModelCard withPlots(List<Path> newPlots) {
        return new ModelCard(modelDirectory, encoderType, hiddenSize, maxLength, parameters, tasks, run, newPlots);
    }

    /** @return the tasks, in head order */
    public List<Task> tasks() {
        return tasks;
    }

    /** @return the run facts, null when unknown */
    public Run run() {
        return run;
    }

    /**
     * Writes the card to {@code README.md} in the model folder, replacing an older card.
     *
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public Path write() throws IOException {
        Files.createDirectories(modelDirectory);
        Path file = modelDirectory.resolve(FILE);
        Files.writeString(file, markdown(), StandardCharsets.UTF_8);
        return file;
    }

    /** @return the card's Markdown text */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        String title = modelDirectory.toAbsolutePath().normalize().getFileName() == null ? "model"
                : modelDirectory.toAbsolutePath().normalize().getFileName().toString();
        md.append("# ").append(title).append(": an mtl4j multi-task model\n\n");
        md.append(String.format(Locale.ROOT, "One shared `%s` encoder (hidden size %d, up to %d tokens per text, "
                + "%,d parameters in all) with %d task head%s, trained with mtl4j %s.\n\n", encoderType, hiddenSize,
                maxLength, parameters, tasks.size(), tasks.size() == 1 ? "" : "s", ModelFormat.libraryVersion()));

        md.append("## Tasks\n\n| task | kind | head | labels |\n| --- | --- | --- | --- |\n");
        for (Task task : tasks) {
            String kind = task.type() == TaskType.SEQUENCE_CLASSIFICATION ? "one label per text"
                    : "one tag per word" + (task.entityTypes().isEmpty() ? ""
                    : "; entity types " + String.join(", ", task.entityTypes()));
            md.append("| ").append(cell(task.name())).append(" | ").append(cell(kind)).append(" | `")
                    .append(cell(task.headType())).append("` | ").append(cell(codeList(task.labels()))).append(" |\n");
        }
        md.append('\n');

        md.append("## Data\n\n");
        if (run == null) {
            md.append("Not known: the card was written without the training run's `metrics.json`.\n\n");
        } else {
            md.append(run.examples() > 0
                    ? String.format(Locale.ROOT, "- Training: %,d examples seen over %,d optimizer steps.%n",
                            run.examples(), run.steps())
                    : String.format(Locale.ROOT, "- Training: %,d optimizer steps.%n", run.steps()));
            run.examplesPerTask().forEach((task, n) -> md.append(String.format(Locale.ROOT,
                    "  - %s: %,d examples labelled for it%n", task, n)));
            md.append(run.devExamples() > 0
                    ? String.format(Locale.ROOT, "- Dev: %,d examples.%n%n", run.devExamples())
                    : run.devMetrics().isEmpty() ? "- Dev: none.\n\n" : "\n");
        }

        md.append("## Metrics\n\n");
        if (run == null || run.devMetrics().isEmpty()) {
            md.append("No dev evaluation is known for this model.\n\n");
        } else {
            md.append("Dev set, at the kept checkpoint").append(run.bestStep() >= 0 ? " (step " + run.bestStep() + ")" : "")
                    .append(run.settings().containsKey("selection metric")
                            ? ", chosen by `" + run.settings().get("selection metric") + "`" : "")
                    .append(". Fractions in [0, 1].\n\n| metric | value |\n| --- | ---: |\n");
            run.devMetrics().forEach((metric, value) -> md.append("| ").append(cell(metric)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.4f", value)).append(" |\n"));
            md.append('\n');
        }

        if (run != null && !run.settings().isEmpty()) {
            md.append("## Training settings\n\n| setting | value |\n| --- | --- |\n");
            run.settings().forEach((k, v) -> md.append("| ").append(cell(k)).append(" | ").append(cell(v)).append(" |\n"));
            md.append('\n');
        }

        if (!plots.isEmpty()) {
            md.append("## Plots\n\n");
            Path from = modelDirectory.toAbsolutePath().normalize();
            for (Path plot : plots) {
                String link = from.relativize(plot.toAbsolutePath().normalize()).toString().replace('\\', '/');
                String name = plot.getFileName().toString();
                md.append("![").append(name, 0, name.length() - (name.endsWith(".png") ? 4 : 0)).append("](")
                        .append(link.replace(" ", "%20")).append(")\n\n");
            }
        }

        md.append("## Use it from Java\n\n");
        md.append("Add `io.mtl4j:mtl-core:").append(ModelFormat.libraryVersion())
                .append("` to your dependencies, then load this folder and predict:\n\n```java\n")
                .append(javaSnippet()).append("```\n\n");
        md.append("`predict` takes a batch of texts and returns one `TextPrediction` per text, holding each task's "
                + "`TaskPrediction`: a `TaskPrediction.Classification` (label, probability, top labels) for a "
                + "sentence task, a `TaskPrediction.Tagging` (entities with character offsets, tagged words) for a "
                + "token task. An empty text gets no predictions. Close the model when done.\n");
        return md.toString();
    }

    /**
     * @return a complete Java source file, class {@code PredictWithModel} in the default package, that
     *     loads this model folder and prints every task's prediction for a text
     */
    public String javaSnippet() {
        StringBuilder java = new StringBuilder();
        boolean tagging = tasks.stream().anyMatch(t -> t.type() == TaskType.TOKEN_CLASSIFICATION);
        java.append("import io.mtl4j.model.MultiTaskModel;\n");
        if (tagging) {
            java.append("import io.mtl4j.predict.Entity;\n");
        }
        java.append("import io.mtl4j.predict.TaskPrediction;\n")
                .append("import io.mtl4j.predict.TextPrediction;\n")
                .append("import java.nio.file.Path;\n")
                .append("import java.util.List;\n\n")
                .append("public class PredictWithModel {\n")
                .append("    public static void main(String[] args) throws Exception {\n")
                .append("        // The folder that holds this README.md\n")
                .append("        Path folder = Path.of(").append(literal(modelDirectory.toString())).append(");\n")
                .append("        try (MultiTaskModel model = MultiTaskModel.load(folder)) {\n")
                .append("            List<String> texts = List.of(\"Replace this with your own text.\");\n")
                .append("            for (TextPrediction prediction : model.predict(texts)) {\n");
        Set<String> used = new HashSet<>(Set.of("args", "folder", "model", "texts", "prediction", "entity"));
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            String variable = identifier(task.name(), i, used);
            if (task.type() == TaskType.SEQUENCE_CLASSIFICATION) {
                java.append("                TaskPrediction.Classification ").append(variable)
                        .append(" = prediction.classification(").append(literal(task.name())).append(");\n")
                        .append("                System.out.println(").append(literal(task.name() + ": "))
                        .append(" + ").append(variable).append(".label() + \" (p=\" + ").append(variable)
                        .append(".probability() + \")\");\n");
            } else {
                java.append("                TaskPrediction.Tagging ").append(variable)
                        .append(" = prediction.tagging(").append(literal(task.name())).append(");\n")
                        .append("                for (Entity entity : ").append(variable).append(".entities()) {\n")
                        .append("                    System.out.println(").append(literal(task.name() + ": "))
                        .append(" + entity.label() + \" '\" + entity.text() + \"' at \" + entity.start() + \"-\" + entity.end());\n")
                        .append("                }\n");
            }
        }
        java.append("            }\n        }\n    }\n}\n");
        return java.toString();
    }

    static Run readSummary(Path metricsJson) throws IOException {
        JsonNode root = JSON.readTree(metricsJson.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(metricsJson + ": expected a JSON object");
        }
        Map<String, Double> dev = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("dev").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            dev.put(e.getKey(), e.getValue().asDouble());
        }
        Map<String, Long> perTask = new LinkedHashMap<>();
        root.path("examples_per_task").fields().forEachRemaining(e -> perTask.put(e.getKey(), e.getValue().asLong()));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : List.of("loss", "selection_metric", "stopped_early")) {
            if (root.has(key)) {
                settings.put(key.replace('_', ' '), root.get(key).asText());
            }
        }
        // metrics.json keeps examples per task only; a jointly labelled example counts for each task.
        return new Run(dev, 0, root.path("best_step").asInt(-1), root.path("steps").asInt(), 0, perTask,
                settings);
    }

    private static String identifier(String task, int index, Set<String> used) {
        StringBuilder id = new StringBuilder();
        boolean upper = false;
        for (char c : task.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                id.append(upper && id.length() > 0 ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String name = id.toString();
        if (name.isEmpty() || !SourceVersion.isName(name) || !used.add(name)) {
            name = "task" + (index + 1);
            used.add(name);
        }
        return name;
    }

    private static String literal(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> s.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return s.append('"').toString();
    }

    private static String codeList(List<String> labels) {
        List<String> quoted = new ArrayList<>();
        labels.forEach(l -> quoted.add("`" + l.replace("`", "'") + "`"));
        return String.join(", ", quoted);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
