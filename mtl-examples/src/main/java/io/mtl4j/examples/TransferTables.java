package io.mtl4j.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Markdown tables and JSON of {@link RunResult}s: single-task models against one multi-task model,
 * and multi-task settings against each other. A run that is missing is shown as missing, never filled in.
 */
final class TransferTables {

    private TransferTables() {
    }

    /**
     * Single versus multi: a row per single-task model, their total (parameters, inference, training
     * time and steps added up: answering every task needs every single model), and the multi-task model.
     *
     * @param metrics the metric columns, e.g. {@code ner.f1}, {@code sentiment.accuracy}
     * @param singles the single-task runs by name, a value null when the run is missing
     * @param multi the multi-task run, or null when missing
     * @return the table
     */
    static String study(List<String> metrics, Map<String, RunResult> singles, RunResult multi) {
        StringBuilder sb = header("model", metrics,
                "parameters", "inference ms/text (all tasks)", "train s", "steps", "grad cosine mean / min", "mix drawn (batches)");
        singles.forEach((name, run) -> sb.append(run == null ? missing(name, metrics.size() + 6) : row(name, metrics, run)));
        if (!singles.isEmpty() && !singles.containsValue(null)) {
            List<RunResult> runs = List.copyOf(singles.values());
            sb.append("| single-task total (").append(runs.size()).append(" models) |");
            for (String metric : metrics) {
                double value = runs.stream().mapToDouble(r -> r.metric(metric)).filter(v -> !Double.isNaN(v))
                        .findFirst().orElse(Double.NaN);
                sb.append(' ').append(percent(value)).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %s | %.2f | %.0f | %d | — | — |%n",
                    millions(runs.stream().mapToLong(RunResult::parameters).sum()),
                    runs.stream().mapToDouble(RunResult::inferenceMsPerText).sum(),
                    runs.stream().mapToDouble(RunResult::trainSeconds).sum(),
                    runs.stream().mapToInt(RunResult::steps).sum()));
        }
        sb.append(multi == null ? missing("multi-task", metrics.size() + 6) : row("multi-task (" + multi.sampling()
                + ", " + multi.loss() + ")", metrics, multi));
        return sb.toString();
    }

    /**
     * Multi-task settings compared at one budget.
     *
     * @param metrics the metric columns
     * @param rows the runs by setting name, a value null when the run is missing
     * @return the table
     */
    static String settings(List<String> metrics, Map<String, RunResult> rows) {
        StringBuilder sb = header("setting", metrics, "mean", "train s", "steps", "grad cosine mean / min", "mix drawn (batches)");
        rows.forEach((name, run) -> {
            if (run == null) {
                sb.append(missing(name, metrics.size() + 5));
                return;
            }
            sb.append("| ").append(name).append(" |");
            double sum = 0;
            for (String metric : metrics) {
                sb.append(' ').append(percent(run.metric(metric))).append(" |");
                sum += run.metric(metric);
            }
            sb.append(String.format(Locale.ROOT, " %s | %.0f | %d | %s | %s |%n", percent(sum / metrics.size()),
                    run.trainSeconds(), run.steps(), cosine(run), mix(run)));
        });
        return sb.toString();
    }

    /**
     * The study as JSON: each single run, their total, and the multi run (missing ones as null).
     *
     * @param singles the single-task runs by name
     * @param multi the multi-task run, or null
     * @return the JSON
     */
    static ObjectNode studyJson(Map<String, RunResult> singles, RunResult multi) {
        ObjectNode node = BenchmarkReport.JSON.createObjectNode();
        ObjectNode single = node.putObject("single");
        singles.forEach((name, run) -> {
            if (run == null) {
                single.putNull(name);
            } else {
                single.set(name, run.toJson());
            }
        });
        if (!singles.isEmpty() && !singles.containsValue(null)) {
            ObjectNode total = node.putObject("single_total");
            total.put("parameters", singles.values().stream().mapToLong(RunResult::parameters).sum());
            total.put("inference_ms_per_text", singles.values().stream().mapToDouble(RunResult::inferenceMsPerText).sum());
            total.put("train_seconds", singles.values().stream().mapToDouble(RunResult::trainSeconds).sum());
            total.put("steps", singles.values().stream().mapToInt(RunResult::steps).sum());
        } else {
            node.putNull("single_total");
        }
        if (multi == null) {
            node.putNull("multi");
        } else {
            node.set("multi", multi.toJson());
        }
        return node;
    }

    private static StringBuilder header(String first, List<String> metrics, String... rest) {
        StringBuilder sb = new StringBuilder("| ").append(first).append(" |");
        metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
        for (String column : rest) {
            sb.append(' ').append(column).append(" |");
        }
        sb.append(System.lineSeparator()).append("|---|");
        sb.append("---|".repeat(metrics.size() + rest.length)).append(System.lineSeparator());
        return sb;
    }

    private static String row(String name, List<String> metrics, RunResult run) {
        StringBuilder sb = new StringBuilder("| ").append(name).append(" |");
        metrics.forEach(m -> sb.append(' ').append(percent(run.metric(m))).append(" |"));
        sb.append(String.format(Locale.ROOT, " %s | %.2f | %.0f | %d | %s | %s |%n", millions(run.parameters()),
                run.inferenceMsPerText(), run.trainSeconds(), run.steps(), cosine(run), mix(run)));
        return sb.toString();
    }

    private static String missing(String name, int columns) {
        return "| " + name + " |" + " missing |".repeat(columns) + System.lineSeparator();
    }

    private static String cosine(RunResult run) {
        return run.cosineCount() == 0 ? "—"
                : String.format(Locale.ROOT, "%.3f / %.3f (%d)", run.cosineMean(), run.cosineMin(), run.cosineCount());
    }

    private static String mix(RunResult run) {
        return run.batchesPerTask().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    private static String millions(long parameters) {
        return String.format(Locale.ROOT, "%.1fM", parameters / 1e6);
    }
}
