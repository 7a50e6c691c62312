package io.mtl4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.head.TaskHead;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Batched, thread-safe prediction and embedding for a {@link MultiTaskModel}. */
final class Inference {

    /** Texts per forward pass; sorted by length first so little is padded. */
    static final int BATCH_SIZE = 32;

    private final MultiTaskModel model;

    Inference(MultiTaskModel model) {
        this.model = model;
    }

    List<TextPrediction> predict(List<String> texts, int topK) {
        TextPrediction[] results = new TextPrediction[texts.size()];
        List<Integer> work = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                results[i] = new TextPrediction(text == null ? "" : text, Map.of(), false);
            } else {
                work.add(i);
            }
        }
        List<TokenizedText> tokenized = model.encoder().tokenizer().tokenize(work.stream().map(texts::get).toList());
        forEachBatch(tokenized, (batchIndices, outputLogits) -> {
            List<TokenizedText> batchTexts = batchIndices.stream().map(tokenized::get).toList();
            Map<String, List<TaskPrediction>> perTask = new LinkedHashMap<>();
            for (TaskHead head : model.heads().values()) {
                perTask.put(head.name(), head.predict(outputLogits.logits().get(head.name()), batchTexts, topK));
            }
            for (int j = 0; j < batchIndices.size(); j++) {
                Map<String, TaskPrediction> tasks = new LinkedHashMap<>();
                for (Map.Entry<String, List<TaskPrediction>> e : perTask.entrySet()) {
                    tasks.put(e.getKey(), e.getValue().get(j));
                }
                TokenizedText t = batchTexts.get(j);
                results[work.get(batchIndices.get(j))] = new TextPrediction(t.text(), tasks, t.truncated());
            }
        }, null);
        return Arrays.asList(results);
    }

    List<float[]> encode(List<String> texts, boolean normalize) {
        float[][] results = new float[texts.size()][];
        List<TokenizedText> tokenized = model.encoder().tokenizer().tokenize(texts);
        int hidden = model.encoder().hiddenSize();
        forEachBatch(tokenized, (batchIndices, output) -> {
            NDArray pooled = output.encoderOutput().get(1);
            if (normalize) {
                pooled = pooled.div(pooled.norm(new int[] {-1}, true).maximum(1e-12f));
            }
            float[] values = pooled.toFloatArray();
            for (int j = 0; j < batchIndices.size(); j++) {
                results[batchIndices.get(j)] = Arrays.copyOfRange(values, j * hidden, (j + 1) * hidden);
            }
        }, List.of());
        return Arrays.asList(results);
    }

    private interface BatchConsumer {
        void accept(List<Integer> indices, ModelOutput output);
    }

    /** Runs the model over length-sorted batches; arrays live only for one batch. */
    private void forEachBatch(List<TokenizedText> texts, BatchConsumer consumer, List<String> tasks) {
        Integer[] order = new Integer[texts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        for (int from = 0; from < order.length; from += BATCH_SIZE) {
            List<Integer> indices = Arrays.asList(order).subList(from, Math.min(order.length, from + BATCH_SIZE));
            try (NoGradient noGradient = new NoGradient();
                    NDManager batchManager = model.manager().newSubManager();
                    NDScope scope = new NDScope()) {
                NDList inputs = pad(batchManager, indices.stream().map(texts::get).toList());
                ParameterStore store = new ParameterStore(batchManager, false);
                consumer.accept(indices, model.forward(store, inputs, false, tasks));
            }
        }
    }

    private static NDList pad(NDManager manager, List<TokenizedText> texts) {
        int length = texts.stream().mapToInt(TokenizedText::length).max().orElse(1);
        int size = texts.size();
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        for (int b = 0; b < size; b++) {
            TokenizedText t = texts.get(b);
            for (int i = 0; i < t.length(); i++) {
                ids[b * length + i] = t.ids()[i];
                mask[b * length + i] = 1;
                types[b * length + i] = t.typeIds()[i];
            }
        }
        Shape shape = new Shape(size, length);
        return new NDList(manager.create(ids, shape), manager.create(mask, shape), manager.create(types, shape));
    }
}
