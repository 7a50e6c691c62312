package io.mtl4j.onnx;

import io.mtl4j.predict.Entity;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.predict.TextPrediction;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How much int8 quantization changed a model's predictions on sample texts, measured at export against
 * the fp32 model itself: per sentence task the share of texts whose label is unchanged, per token task the
 * F1 of the int8 entities against the fp32 entities (exact type and character span). 100 means no change.
 *
 * @param texts the number of sample texts
 * @param agreement per task, in percent
 */
public record QuantizationCheck(int texts, Map<String, Double> agreement) {

    /**
     * Copies the map, keeping its order.
     *
     * @param texts the number of sample texts
     * @param agreement per task, in percent
     */
    public QuantizationCheck {
        agreement = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agreement));
    }

    /**
     * @param reference the fp32 model's predictions
     * @param quantized the int8 graph's predictions for the same texts
     * @return the agreement per task
     */
    static QuantizationCheck compare(List<TextPrediction> reference, List<TextPrediction> quantized) {
        Map<String, int[]> sentence = new LinkedHashMap<>();
        Map<String, long[]> token = new LinkedHashMap<>();
        for (int i = 0; i < reference.size(); i++) {
            for (TaskPrediction r : reference.get(i).tasks().values()) {
                TaskPrediction q = quantized.get(i).tasks().get(r.task());
                if (r instanceof TaskPrediction.Classification rc) {
                    int[] counts = sentence.computeIfAbsent(r.task(), t -> new int[2]);
                    counts[0] += rc.label().equals(((TaskPrediction.Classification) q).label()) ? 1 : 0;
                    counts[1]++;
                } else {
                    Set<String> expected = spans(((TaskPrediction.Tagging) r).entities());
                    Set<String> found = spans(((TaskPrediction.Tagging) q).entities());
                    long both = found.stream().filter(expected::contains).count();
                    long[] counts = token.computeIfAbsent(r.task(), t -> new long[3]);
                    counts[0] += both;
                    counts[1] += found.size();
                    counts[2] += expected.size();
                }
            }
        }
        Map<String, Double> agreement = new LinkedHashMap<>();
        for (TaskPrediction p : reference.isEmpty() ? List.<TaskPrediction>of() : firstFull(reference)) {
            String task = p.task();
            if (sentence.containsKey(task)) {
                int[] c = sentence.get(task);
                agreement.put(task, 100.0 * c[0] / c[1]);
            } else if (token.containsKey(task)) {
                long[] c = token.get(task);
                agreement.put(task, c[1] + c[2] == 0 ? 100.0 : 100.0 * 2 * c[0] / (c[1] + c[2]));
            }
        }
        return new QuantizationCheck(reference.size(), agreement);
    }

    private static List<TaskPrediction> firstFull(List<TextPrediction> predictions) {
        return predictions.stream().filter(p -> !p.tasks().isEmpty()).findFirst()
                .map(p -> List.copyOf(p.tasks().values())).orElse(List.of());
    }

    private static Set<String> spans(List<Entity> entities) {
        Set<String> spans = new HashSet<>();
        for (Entity e : entities) {
            spans.add(e.label() + "@" + e.start() + "-" + e.end());
        }
        return spans;
    }

    /** @return one line per task, e.g. {@code intent: 99.71% of labels unchanged} */
    public String summary() {
        StringBuilder out = new StringBuilder("int8 vs fp32 on " + texts + " texts:");
        agreement.forEach((task, value) -> out.append(String.format(Locale.ROOT, " %s %.2f%%;", task, value)));
        return out.substring(0, out.length() - 1);
    }
}
