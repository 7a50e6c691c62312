package io.mtl4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one model of a {@link TransferStudy} scored and cost. Metrics are fractions in [0, 1]; a value
 * that was not measured (no gradient cosine for one task) is NaN, written as JSON {@code null}.
 *
 * @param run the run's name, e.g. {@code single-ner} or {@code multi}
 * @param dataSets the data sets it trained on
 * @param testMetrics each task's test metric by name, e.g. {@code ner.f1}, {@code sentiment.accuracy}
 * @param parameters the model's parameter count
 * @param inferenceMsPerText milliseconds per text to predict every task of this model (batched)
 * @param trainSeconds seconds spent in training steps
 * @param steps optimizer steps taken
 * @param stepCap the step cap of the budget
 * @param bestStep the step of the kept (best dev) checkpoint
 * @param examplesPerSecond training examples per second
 * @param sampling how batches were drawn ({@code TaskSampling} form)
 * @param loss the loss ({@code MultiTaskLoss} form)
 * @param batchesPerTask the mix drawn: training batches per task
 * @param cosineMean mean cosine between task gradients on the encoder, NaN when not measured
 * @param cosineMin the smallest one measured, NaN when not measured
 * @param cosineCount how many were measured
 * @param learnedLossState learned loss weighting values, e.g. {@code log_var.ner}
 * @param demo the demo prediction (JSON), or null
 */
record RunResult(
        String run, List<String> dataSets, Map<String, Double> testMetrics, long parameters,
        double inferenceMsPerText, double trainSeconds, int steps, int stepCap, int bestStep,
        double examplesPerSecond, String sampling, String loss, Map<String, Long> batchesPerTask,
        double cosineMean, double cosineMin, int cosineCount, Map<String, Double> learnedLossState,
        JsonNode demo) {

    /** Copies the collections. */
    RunResult {
        dataSets = List.copyOf(dataSets);
        testMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(testMetrics));
        batchesPerTask = Collections.unmodifiableMap(new LinkedHashMap<>(batchesPerTask));
        learnedLossState = Collections.unmodifiableMap(new LinkedHashMap<>(learnedLossState));
    }

    /**
     * @param metric e.g. {@code ner.f1}
     * @return its test value, NaN if this run has no such metric
     */
    double metric(String metric) {
        return testMetrics.getOrDefault(metric, Double.NaN);
    }

    /** @return this result as JSON (NaN as null) */
    ObjectNode toJson() {
        ObjectNode node = BenchmarkReport.JSON.createObjectNode();
        node.put("run", run);
        dataSets.forEach(node.putArray("data_sets")::add);
        ObjectNode metrics = node.putObject("test");
        testMetrics.forEach((k, v) -> number(metrics, k, v));
        node.put("parameters", parameters);
        number(node, "inference_ms_per_text", inferenceMsPerText);
        number(node, "train_seconds", trainSeconds);
        node.put("steps", steps);
        node.put("step_cap", stepCap);
        node.put("best_step", bestStep);
        number(node, "train_examples_per_second", examplesPerSecond);
        node.put("sampling", sampling);
        node.put("loss", loss);
        ObjectNode mix = node.putObject("batches_per_task");
        batchesPerTask.forEach(mix::put);
        ObjectNode cosine = node.putObject("gradient_cosine");
        number(cosine, "mean", cosineMean);
        number(cosine, "min", cosineMin);
        cosine.put("count", cosineCount);
        ObjectNode learned = node.putObject("learned_loss_state");
        learnedLossState.forEach((k, v) -> number(learned, k, v));
        node.set("demo", demo == null ? NullNode.getInstance() : demo);
        return node;
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @param node the JSON
     * @return the result
     * @throws IllegalArgumentException naming the first missing field
     */
    static RunResult fromJson(JsonNode node) {
        List<String> dataSets = new ArrayList<>();
        field(node, "data_sets").forEach(d -> dataSets.add(d.asText()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        field(node, "test").fields().forEachRemaining(e -> metrics.put(e.getKey(), number(e.getValue())));
        Map<String, Long> mix = new LinkedHashMap<>();
        field(node, "batches_per_task").fields().forEachRemaining(e -> mix.put(e.getKey(), e.getValue().asLong()));
        Map<String, Double> learned = new LinkedHashMap<>();
        field(node, "learned_loss_state").fields().forEachRemaining(e -> learned.put(e.getKey(), number(e.getValue())));
        JsonNode cosine = field(node, "gradient_cosine");
        JsonNode demo = node.get("demo");
        return new RunResult(field(node, "run").asText(), dataSets, metrics, field(node, "parameters").asLong(),
                number(field(node, "inference_ms_per_text")), number(field(node, "train_seconds")),
                field(node, "steps").asInt(), field(node, "step_cap").asInt(), field(node, "best_step").asInt(),
                number(field(node, "train_examples_per_second")), field(node, "sampling").asText(),
                field(node, "loss").asText(), mix, number(field(cosine, "mean")), number(field(cosine, "min")),
                field(cosine, "count").asInt(), learned, demo == null || demo.isNull() ? null : demo);
    }

    /** Puts a number, or null when it is NaN (JSON has no NaN). */
    static void number(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    private static double number(JsonNode value) {
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new IllegalArgumentException("run result has no field '" + name + "': " + node);
        }
        return value;
    }
}
