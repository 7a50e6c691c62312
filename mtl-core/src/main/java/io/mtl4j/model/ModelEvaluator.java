package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.BatchArrays;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.eval.SentenceAccuracy;
import io.mtl4j.eval.TaskEvaluation;
import io.mtl4j.head.TaskHead;
import io.mtl4j.label.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores a model on labelled batches with each task's own metrics, plus exact-match sentence accuracy. */
public final class ModelEvaluator {

    private ModelEvaluator() {
    }

    /**
     * Evaluates a model. Token tasks are scored at the labelled positions (each word's first sub-word).
     *
     * @param model the model
     * @param batches labelled batches
     * @return the scores
     */
    public static EvaluationResult evaluate(MultiTaskModel model, List<Batch> batches) {
        Map<String, List<int[]>> gold = new LinkedHashMap<>();
        Map<String, List<int[]>> predicted = new LinkedHashMap<>();
        SentenceAccuracy sentenceAccuracy = new SentenceAccuracy();
        int examples = 0;
        for (Batch batch : batches) {
            examples += batch.size();
            try (NoGradient noGradient = new NoGradient();
                    NDManager manager = model.manager().newSubManager();
                    NDScope scope = new NDScope()) {
                ModelOutput output = model.forward(
                        new ParameterStore(manager, false),
                        BatchArrays.encoderInputs(manager, batch),
                        false,
                        batch.labels().keySet());
                boolean[] allCorrect = new boolean[batch.size()];
                int[] labelledTasks = new int[batch.size()];
                Arrays.fill(allCorrect, true);
                for (Map.Entry<String, NDArray> e : output.logits().entrySet()) {
                    TaskHead head = model.head(e.getKey());
                    TaskLabels labels = batch.labels().get(e.getKey());
                    int[][] positions = labelledPositions(labels);
                    int[][] decoded = head.decode(e.getValue(), positions);
                    for (int b = 0; b < batch.size(); b++) {
                        if (positions[b].length == 0) {
                            allCorrect[b] = false;
                            continue;
                        }
                        int[] g = new int[positions[b].length];
                        for (int i = 0; i < g.length; i++) {
                            g[i] = labels.get(b, positions[b][i]);
                        }
                        gold.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(g);
                        predicted.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(decoded[b]);
                        labelledTasks[b]++;
                        allCorrect[b] &= Arrays.equals(g, decoded[b]);
                    }
                }
                for (int b = 0; b < batch.size(); b++) {
                    if (labelledTasks[b] == model.heads().size()) {
                        sentenceAccuracy.add(allCorrect[b]);
                    }
                }
            }
        }
        Map<String, TaskEvaluation> tasks = new LinkedHashMap<>();
        for (TaskHead head : model.heads().values()) {
            if (gold.containsKey(head.name())) {
                tasks.put(head.name(), head.evaluate(gold.get(head.name()), predicted.get(head.name())));
            }
        }
        double sentence = sentenceAccuracy.count() == 0 ? Double.NaN : sentenceAccuracy.value();
        return new EvaluationResult(tasks, sentence, examples, Double.NaN);
    }

    /** Per example, the positions that carry a label (sentence tasks: position 0 when labelled). */
    static int[][] labelledPositions(TaskLabels labels) {
        int[][] positions = new int[labels.batchSize()][];
        for (int b = 0; b < labels.batchSize(); b++) {
            int count = 0;
            int[] buffer = new int[labels.width()];
            for (int t = 0; t < labels.width(); t++) {
                if (labels.get(b, t) != Labels.IGNORE_INDEX) {
                    buffer[count++] = t;
                }
            }
            positions[b] = Arrays.copyOf(buffer, count);
        }
        return positions;
    }
}
