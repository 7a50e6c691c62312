package io.mtl4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.BatchArrays;
import io.mtl4j.model.ModelOutput;
import io.mtl4j.model.MultiTaskModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures how the tasks pull on the shared encoder: the cosine between each pair of tasks' gradients
 * (each on its latest training batch). A negative cosine means the tasks conflict — negative transfer
 * seen, not guessed. Leaves every gradient zeroed; changes no weight.
 */
final class GradientProbe {

    private GradientProbe() {
    }

    /**
     * @param model the model
     * @param plan the run's parameter plan
     * @param latestBatchOfTask each task's latest batch
     * @return {@code a~b -> cosine} for every pair of tasks in name order; empty with fewer than two
     *     tasks or a frozen encoder
     */
    static Map<String, Double> cosines(MultiTaskModel model, ParameterPlan plan, Map<String, Batch> latestBatchOfTask) {
        Map<String, Double> result = new LinkedHashMap<>();
        EncoderGradients encoder = new EncoderGradients(plan);
        if (latestBatchOfTask.size() < 2 || encoder.isEmpty()) {
            return result;
        }
        List<String> tasks = new ArrayList<>(new java.util.TreeSet<>(latestBatchOfTask.keySet()));
        try (NDManager manager = model.manager().newSubManager(); NDScope scope = new NDScope()) {
            List<NDArray> gradients = new ArrayList<>();
            for (String task : tasks) {
                Batch batch = latestBatchOfTask.get(task);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    ModelOutput output = model.forward(new ParameterStore(manager, false),
                            BatchArrays.encoderInputs(manager, batch), true, Set.of(task));
                    collector.backward(model.head(task).loss(output.logits().get(task), batch.labels().get(task)));
                }
                gradients.add(encoder.flattenAndZero());
            }
            for (int i = 0; i < tasks.size(); i++) {
                for (int j = i + 1; j < tasks.size(); j++) {
                    result.put(tasks.get(i) + "~" + tasks.get(j), PcGrad.cosine(gradients.get(i), gradients.get(j)));
                }
            }
        } finally {
            MultiTaskTrainer.zeroGradients(plan.parameters());
        }
        return result;
    }
}
