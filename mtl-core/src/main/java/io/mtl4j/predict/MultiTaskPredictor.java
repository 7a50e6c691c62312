package io.mtl4j.predict;

import io.mtl4j.head.Logits;
import io.mtl4j.head.TaskHead;
import io.mtl4j.head.TaskType;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Predicts every task of a multi-task model with one encoder pass per batch, over any runtime
 * ({@link ForwardPass}): texts are sorted by length and batched so a pass pads only to its own longest
 * text; long texts are read in sliding windows (or truncated); all heads decode through the same
 * {@link TaskHead#predict(Logits, List, int)}, so every runtime returns identical result objects for
 * identical logits.
 *
 * <p>Thread-safe: any number of threads may call {@link #predict(List)} and {@link #encode(List, boolean)}
 * at once. Each call keeps its own results; at most {@link PredictorConfig#maxConcurrentPasses()} encoder
 * passes run at the same time, the others wait.
 */
public final class MultiTaskPredictor {

    private final ForwardPass pass;
    private final Supplier<Map<String, TaskHead>> heads;
    private final TextTokenizer tokenizer;
    private final PredictorConfig config;
    private final Semaphore passes;
    private final int overlap;

    /**
     * @param pass the runtime's encoder pass
     * @param heads the model's heads by task name, in output order (read at every call, so heads added to a
     *     model later are included)
     * @param tokenizer the encoder's tokenizer; its maximum length is the window size
     * @param config batching, concurrency and long-text settings
     * @throws IllegalArgumentException if the window overlap does not fit the tokenizer's maximum length
     */
    public MultiTaskPredictor(
            ForwardPass pass, Supplier<Map<String, TaskHead>> heads, TextTokenizer tokenizer, PredictorConfig config) {
        this.pass = Objects.requireNonNull(pass, "pass");
        this.heads = Objects.requireNonNull(heads, "heads");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.config = Objects.requireNonNull(config, "config");
        // [CLS] and [SEP] take two of the positions.
        int capacity = tokenizer.maxLength() - 2;
        this.overlap = config.overlapFor(capacity);
        if (config.longTexts() == LongTextPolicy.SLIDING_WINDOWS && overlap >= capacity) {
            throw new IllegalArgumentException("windowOverlap must be smaller than a window's " + capacity
                    + " content tokens (maxLength " + tokenizer.maxLength() + " minus [CLS] and [SEP]), but is: "
                    + overlap);
        }
        this.passes = new Semaphore(config.maxConcurrentPasses(), true);
    }

    /** @return the settings */
    public PredictorConfig config() {
        return config;
    }

    /**
     * Predicts every task for each text. Blank texts get an empty result.
     *
     * @param texts the texts
     * @return one prediction per text, in order
     * @throws IllegalArgumentException naming the index of a null text
     */
    public List<TextPrediction> predict(List<String> texts) {
        Map<String, TaskHead> taskHeads = heads.get();
        TextPrediction[] results = new TextPrediction[texts.size()];
        List<Integer> work = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = requireText(texts, i);
            if (text.isBlank()) {
                results[i] = new TextPrediction(text, Map.of(), false, 0);
            } else {
                work.add(i);
            }
        }
        List<TextWindows> split = split(work.stream().map(texts::get).toList());
        UnitOutputs outputs = run(split, false);
        Map<Integer, Map<String, TaskPrediction>> wholeTexts = decodeSingleWindows(split, outputs, taskHeads);
        for (int j = 0; j < split.size(); j++) {
            results[work.get(j)] = assemble(split.get(j), outputs.forText(j), taskHeads, wholeTexts.get(j));
        }
        return Arrays.asList(results);
    }

    /**
     * Computes pooled sentence embeddings. A windowed text's embedding follows
     * {@link PredictorConfig#sentenceWindowing()}: the first window's, or the mean of all windows'.
     *
     * @param texts the texts (blank texts are embedded as the special tokens alone)
     * @param normalize whether to scale each embedding to unit L2 norm
     * @return one {@code float[H]} per text, in order
     * @throws IllegalArgumentException naming the index of a null text
     */
    public List<float[]> encode(List<String> texts, boolean normalize) {
        for (int i = 0; i < texts.size(); i++) {
            requireText(texts, i);
        }
        List<TextWindows> split = split(texts);
        UnitOutputs outputs = run(split, true);
        List<float[]> out = new ArrayList<>(texts.size());
        for (int j = 0; j < split.size(); j++) {
            List<UnitOutput> units = outputs.forText(j);
            int used = config.sentenceWindowing() == SentenceWindowing.AVERAGE ? units.size() : 1;
            float[] sum = new float[units.get(0).embedding().length];
            for (int w = 0; w < used; w++) {
                float[] e = units.get(w).embedding();
                for (int h = 0; h < sum.length; h++) {
                    sum[h] += e[h] / used;
                }
            }
            out.add(normalize ? unitLength(sum) : sum);
        }
        return out;
    }

    private static String requireText(List<String> texts, int index) {
        String text = texts.get(index);
        if (text == null) {
            throw new IllegalArgumentException("texts[" + index + "] is null");
        }
        return text;
    }

    private static float[] unitLength(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    private List<TextWindows> split(List<String> texts) {
        int max = tokenizer.maxLength();
        if (config.longTexts() == LongTextPolicy.TRUNCATE) {
            return tokenizer.tokenize(texts).stream().map(t -> TextWindows.split(t, max, 0)).toList();
        }
        return tokenizer.tokenizeWhole(texts).stream()
                .map(t -> TextWindows.split(t, max, overlap))
                .toList();
    }

    /** One window's share of a pass: its logits rows per task and its embedding. */
    private record UnitOutput(Map<String, float[]> logits, float[] embedding) {
    }

    /** The outputs of every window, grouped by text. */
    private record UnitOutputs(List<List<UnitOutput>> byText) {
        List<UnitOutput> forText(int text) {
            return byText.get(text);
        }
    }

    private record Unit(int text, int window, TokenizedText tokens) {
    }

    /** Runs every window of every text through the encoder, in length-sorted batches. */
    private UnitOutputs run(List<TextWindows> texts, boolean embeddings) {
        List<Unit> units = new ArrayList<>();
        List<List<UnitOutput>> byText = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            List<TokenizedText> windows = texts.get(t).windows();
            byText.add(Arrays.asList(new UnitOutput[windows.size()]));
            for (int w = 0; w < windows.size(); w++) {
                units.add(new Unit(t, w, windows.get(w)));
            }
        }
        units.sort(Comparator.comparingInt(u -> u.tokens().length()));
        for (int from = 0; from < units.size(); from += config.batchSize()) {
            List<Unit> batch = units.subList(from, Math.min(units.size(), from + config.batchSize()));
            PassOutput output = runPass(PaddedBatch.of(batch.stream().map(Unit::tokens).toList()), embeddings);
            for (int b = 0; b < batch.size(); b++) {
                Unit unit = batch.get(b);
                byText.get(unit.text()).set(unit.window(), slice(output, b, unit.tokens().length()));
            }
        }
        return new UnitOutputs(byText);
    }

    private PassOutput runPass(PaddedBatch batch, boolean embeddings) {
        passes.acquireUninterruptibly();
        try {
            return pass.run(batch, embeddings);
        } finally {
            passes.release();
        }
    }

    private static UnitOutput slice(PassOutput output, int example, int length) {
        Map<String, float[]> rows = new LinkedHashMap<>();
        for (Map.Entry<String, Logits> e : output.logits().entrySet()) {
            Logits l = e.getValue();
            int positions = l.positions() == 1 ? 1 : length;
            int from = l.offset(example, 0);
            rows.put(e.getKey(), Arrays.copyOfRange(l.values(), from, from + positions * l.classes()));
        }
        float[] embedding = null;
        if (output.embeddings() != null) {
            int h = output.hiddenSize();
            embedding = Arrays.copyOfRange(output.embeddings(), example * h, (example + 1) * h);
        }
        return new UnitOutput(rows, embedding);
    }

    /**
     * Decodes every text that fit in one window with one {@link TaskHead#predict} call per head, its rows
     * padded to the longest text (padding rows are never decoded): a head's per-call set-up (a CRF's
     * weights, say) is paid once per call, not once per text.
     *
     * @return per text index (of those that fit) its predictions by task
     */
    private Map<Integer, Map<String, TaskPrediction>> decodeSingleWindows(
            List<TextWindows> texts, UnitOutputs outputs, Map<String, TaskHead> taskHeads) {
        List<Integer> single = new ArrayList<>();
        for (int j = 0; j < texts.size(); j++) {
            if (texts.get(j).size() == 1) {
                single.add(j);
            }
        }
        Map<Integer, Map<String, TaskPrediction>> out = new LinkedHashMap<>();
        single.forEach(j -> out.put(j, new LinkedHashMap<>()));
        if (single.isEmpty()) {
            return out;
        }
        List<TokenizedText> tokens = single.stream().map(j -> texts.get(j).windows().get(0)).toList();
        int longest = tokens.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        for (TaskHead head : taskHeads.values()) {
            int classes = head.labels().size();
            int positions = head.type() == TaskType.TOKEN_CLASSIFICATION ? longest : 1;
            float[] values = new float[single.size() * positions * classes];
            for (int i = 0; i < single.size(); i++) {
                float[] rows = rows(outputs.forText(single.get(i)).get(0), head);
                System.arraycopy(rows, 0, values, i * positions * classes, rows.length);
            }
            List<TaskPrediction> predictions = head.predict(
                    new Logits(values, single.size(), positions, classes), tokens, config.topK());
            for (int i = 0; i < single.size(); i++) {
                out.get(single.get(i)).put(head.name(), predictions.get(i));
            }
        }
        return out;
    }

    private TextPrediction assemble(TextWindows text, List<UnitOutput> units, Map<String, TaskHead> taskHeads,
            Map<String, TaskPrediction> decoded) {
        Map<String, TaskPrediction> tasks = new LinkedHashMap<>();
        boolean truncated = false;
        for (TaskHead head : taskHeads.values()) {
            TaskPrediction prediction = decoded != null ? decoded.get(head.name()) : windowed(head, text, units);
            truncated |= prediction.coverage() == Coverage.TRUNCATED;
            tasks.put(head.name(), prediction);
        }
        return new TextPrediction(text.whole().text(), tasks, truncated, text.size());
    }

    private TaskPrediction firstWindow(TaskHead head, TokenizedText tokens, UnitOutput unit) {
        float[] rows = rows(unit, head);
        int classes = head.labels().size();
        return head.predict(new Logits(rows, 1, 1, classes), List.of(tokens), config.topK()).get(0);
    }

    private TaskPrediction windowed(TaskHead head, TextWindows text, List<UnitOutput> units) {
        int classes = head.labels().size();
        if (head.type() == TaskType.TOKEN_CLASSIFICATION) {
            List<float[]> rows = units.stream().map(u -> rows(u, head)).toList();
            float[] stitched = text.stitch(rows, classes);
            TaskPrediction p = head.predict(new Logits(stitched, 1, text.whole().length(), classes),
                    List.of(text.whole()), config.topK()).get(0);
            return ((TaskPrediction.Tagging) p).withCoverage(Coverage.WINDOWS_STITCHED);
        }
        if (config.sentenceWindowing() == SentenceWindowing.FIRST_WINDOW) {
            TaskPrediction p = firstWindow(head, text.windows().get(0), units.get(0));
            return ((TaskPrediction.Classification) p).withCoverage(Coverage.TRUNCATED);
        }
        float[] mean = new float[classes];
        for (UnitOutput unit : units) {
            float[] r = rows(unit, head);
            for (int c = 0; c < classes; c++) {
                mean[c] += r[c] / units.size();
            }
        }
        TaskPrediction p = head.predict(new Logits(mean, 1, 1, classes), List.of(text.windows().get(0)),
                config.topK()).get(0);
        return ((TaskPrediction.Classification) p).withCoverage(Coverage.WINDOWS_AVERAGED);
    }

    private static float[] rows(UnitOutput unit, TaskHead head) {
        float[] rows = unit.logits().get(head.name());
        if (rows == null) {
            throw new IllegalStateException("the encoder pass returned no logits for task '" + head.name()
                    + "'; it returned: " + unit.logits().keySet());
        }
        return rows;
    }
}
