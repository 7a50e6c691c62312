package io.mtl4j.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.read.JointBertReader;
import io.mtl4j.encoder.Pooling;
import io.mtl4j.encoder.bert.BertConfig;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TaskHead;
import io.mtl4j.head.TaskType;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.onnx.OnnxExportOptions;
import io.mtl4j.onnx.OnnxExporter;
import io.mtl4j.onnx.OnnxPredictor;
import io.mtl4j.predict.MultiTaskPredictor;
import io.mtl4j.predict.PredictorConfig;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.text.TokenizedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Inference speed, side by side in one run, on SNIPS test texts repeated to at least 10,000: throughput and
 * p50/p99 latency at batch 1 and 32 for (a) two single-task models of the same encoder, one per task;
 * (b) the multi-task model on DJL/PyTorch; (c) its ONNX export on ONNX Runtime; (d) the int8-quantized
 * export; (e) for reference, langchain4j's all-MiniLM-L6-v2 embedding model (embeddings only). The systems
 * take turns over the texts in rounds, so machine noise hits them alike. Also: SNIPS test accuracy of
 * (b), (c), (d), label agreement of the ONNX runs with DJL, and the achieved GFLOP/s of (b) against a
 * float32 matrix-multiply peak measured in the same run.
 *
 * <p>Options: {@code --model} (a SNIPS model folder saved by {@code SnipsBenchmark --save-model};
 * required), {@code --data} ({@code ../shared/data/snips}), {@code --texts} (10000), {@code --rounds} (5),
 * {@code --threads} (intra-op threads of every system, default: all cores), {@code --work}
 * ({@code target/inference-benchmark}, for the ONNX files), {@code --output}
 * ({@code benchmarks/results/inference.json}).
 */
public final class InferenceBenchmark {

    private static final String INTENT = "intent";
    private static final String SLOTS = "slots";

    private InferenceBenchmark() {
    }

    /** One system under test: predicts (or embeds) a list of texts. */
    private record Contender(String key, String label, Consumer<List<String>> run) {
    }

    /**
     * @param args options, see the class comment
     * @throws IOException if the model or data cannot be read or the result written
     */
    public static void main(String[] args) throws IOException {
        Args options = new Args(args, Set.of("model", "data", "texts", "rounds", "threads", "work", "output"));
        if (!options.has("model")) {
            throw new IllegalArgumentException("pass --model <folder>: a SNIPS model saved by "
                    + "SnipsBenchmark --save-model <folder>");
        }
        Path modelDir = options.path("model", "");
        Path data = options.path("data", "../shared/data/snips");
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
        int rounds = options.integer("rounds", 5);
        List<LabeledExample> test = JointBertReader.builder().build().read(data.resolve("test"));
        List<String> testTexts = test.stream().map(LabeledExample::text).toList();
        List<String> texts = new ArrayList<>();
        while (texts.size() < options.integer("texts", 10_000)) {
            texts.addAll(testTexts);
        }

        Path work = options.path("work", "target/inference-benchmark");
        Files.createDirectories(work);
        Path fp32 = work.resolve("model.onnx");
        Path int8 = work.resolve("model-int8.onnx");
        PredictorConfig config = PredictorConfig.builder().optBatchSize(32).optIntraOpThreads(threads).build();

        BenchmarkReport report = new BenchmarkReport("inference", InferenceBenchmark.class.getName(), args);
        ObjectNode root = report.root();
        try (MultiTaskModel model = MultiTaskModel.load(modelDir);
                MultiTaskModel intentOnly = singleTask(model, INTENT);
                MultiTaskModel slotsOnly = singleTask(model, SLOTS)) {
            long exportStart = System.nanoTime();
            OnnxExporter.export(model, fp32, OnnxExportOptions.builder().optQuantizedFile(int8).build());
            double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
            try (OnnxPredictor onnx = OnnxPredictor.load(modelDir, fp32, config);
                    OnnxPredictor onnxInt8 = OnnxPredictor.load(modelDir, int8, config)) {
                AllMiniLmL6V2EmbeddingModel embedder = new AllMiniLmL6V2EmbeddingModel();
                MultiTaskPredictor djl = model.newPredictor(config);
                MultiTaskPredictor intentPredictor = intentOnly.newPredictor(config);
                MultiTaskPredictor slotsPredictor = slotsOnly.newPredictor(config);
                List<Contender> systems = List.of(
                        new Contender("two_models", "(a) two single-task models, DJL", t -> {
                            intentPredictor.predict(t);
                            slotsPredictor.predict(t);
                        }),
                        new Contender("mtl4j_djl", "(b) mtl4j, one pass, DJL/PyTorch", djl::predict),
                        new Contender("onnx_fp32", "(c) mtl4j ONNX fp32, ONNX Runtime", onnx::predict),
                        new Contender("onnx_int8", "(d) mtl4j ONNX int8, ONNX Runtime", onnxInt8::predict),
                        new Contender("langchain4j_embedding", "(e) langchain4j all-MiniLM-L6-v2 (embedding only)",
                                t -> embedder.embedAll(t.stream().map(TextSegment::from).toList())));

                // Accuracy first (one pass over SNIPS test), then speed.
                List<TextPrediction> djlTest = djl.predict(testTexts);
                List<TextPrediction> fp32Test = onnx.predict(testTexts);
                List<TextPrediction> int8Test = onnxInt8.predict(testTexts);
                ObjectNode accuracy = root.putObject("snips_test");
                Map<String, List<TextPrediction>> runs = new LinkedHashMap<>();
                runs.put("mtl4j_djl", djlTest);
                runs.put("onnx_fp32", fp32Test);
                runs.put("onnx_int8", int8Test);
                runs.forEach((key, predictions) -> {
                    ObjectNode a = accuracy.putObject(key);
                    a.put("intent_acc", PredictionScorer.accuracy(test, predictions, INTENT));
                    a.put("slot_f1", PredictionScorer.entityF1(test, predictions, SLOTS));
                    a.put("label_agreement_with_djl", PredictionScorer.agreement(djlTest, predictions));
                });
                double intentDrop = accuracy.get("mtl4j_djl").get("intent_acc").asDouble()
                        - accuracy.get("onnx_int8").get("intent_acc").asDouble();
                double slotDrop = accuracy.get("mtl4j_djl").get("slot_f1").asDouble()
                        - accuracy.get("onnx_int8").get("slot_f1").asDouble();

                Map<Integer, Map<String, LatencyRecorder>> speed = new LinkedHashMap<>();
                for (int batchSize : new int[] {1, 32}) {
                    speed.put(batchSize, measure(systems, texts, batchSize, rounds));
                }
                double peak = EncoderFlops.matmulPeakGflops(1024, 20);
                double flops = flopsAtBatch32(model, texts);
                double achieved = flops / speed.get(32).get("mtl4j_djl").seconds() / 1e9;

                write(root, systems, speed, texts.size(), intentDrop, slotDrop, peak, achieved, exportSeconds,
                        threads, rounds);
                print(systems, speed, accuracy, intentDrop, slotDrop, peak, achieved);
            }
        }
        Path out = report.write(options.path("output", "benchmarks/results/inference.json"));
        System.out.println("wrote " + out);
    }

    /** A model with the same encoder architecture and one of the heads (untrained: timing only). */
    private static MultiTaskModel singleTask(MultiTaskModel model, String task) {
        TaskHead original = model.head(task);
        TaskHead head = original.type() == TaskType.SEQUENCE_CLASSIFICATION
                ? SequenceClassificationHead.builder().setName(task).setLabels(original.labels()).build()
                : TokenClassificationHead.builder().setName(task).setLabels(original.labels())
                        .optCrf(((TokenClassificationHead) original).usesCrf()).build();
        return MultiTaskModel.builder()
                .setEncoder(BertEncoder.allMiniLmL6V2(Pooling.MEAN, model.encoder().maxLength()))
                .addHead(head)
                .build();
    }

    /** Takes turns: each round, every system predicts the same share of the batches. */
    private static Map<String, LatencyRecorder> measure(List<Contender> systems, List<String> texts, int batchSize,
            int rounds) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += batchSize) {
            batches.add(texts.subList(from, Math.min(texts.size(), from + batchSize)));
        }
        Map<String, LatencyRecorder> recorders = new LinkedHashMap<>();
        for (Contender s : systems) {
            recorders.put(s.key(), new LatencyRecorder());
            for (int i = 0; i < 3; i++) {
                s.run().accept(batches.get(i));
            }
        }
        for (int r = 0; r < rounds; r++) {
            List<List<String>> share = batches.subList(r * batches.size() / rounds, (r + 1) * batches.size() / rounds);
            for (Contender s : systems) {
                LatencyRecorder recorder = recorders.get(s.key());
                for (List<String> batch : share) {
                    long start = System.nanoTime();
                    s.run().accept(batch);
                    recorder.add(System.nanoTime() - start, batch.size());
                }
            }
            System.out.printf(Locale.ROOT, "batch %d: round %d of %d done%n", batchSize, r + 1, rounds);
        }
        return recorders;
    }

    /** FLOPs of (b) over the batch-32 run: each batch padded to its longest text, as the predictor runs it. */
    private static double flopsAtBatch32(MultiTaskModel model, List<String> texts) {
        BertConfig config = ((BertEncoder) model.encoder()).bertConfig();
        int sentenceClasses = 0;
        int tokenClasses = 0;
        for (TaskHead head : model.heads().values()) {
            if (head.type() == TaskType.SEQUENCE_CLASSIFICATION) {
                sentenceClasses += head.labels().size();
            } else {
                tokenClasses += head.labels().size();
            }
        }
        double flops = 0;
        for (int from = 0; from < texts.size(); from += 32) {
            List<TokenizedText> batch = model.encoder().tokenizer().tokenize(
                    texts.subList(from, Math.min(texts.size(), from + 32)));
            int length = batch.stream().mapToInt(TokenizedText::length).max().orElse(0);
            flops += EncoderFlops.forwardPass(config, batch.size(), length, sentenceClasses, tokenClasses);
        }
        return flops;
    }

    private static void write(ObjectNode root, List<Contender> systems, Map<Integer, Map<String, LatencyRecorder>> speed,
            int textCount, double intentDrop, double slotDrop, double peak, double achieved, double exportSeconds,
            int threads, int rounds) {
        root.put("texts", textCount);
        root.put("rounds", rounds);
        root.put("intra_op_threads", threads);
        ObjectNode throughput = root.putObject("throughput_b32");
        ObjectNode detail = root.putObject("systems");
        for (Contender s : systems) {
            throughput.put(s.key(), speed.get(32).get(s.key()).throughput());
            ObjectNode d = detail.putObject(s.key());
            d.put("description", s.label());
            speed.forEach((batchSize, recorders) -> {
                LatencyRecorder r = recorders.get(s.key());
                ObjectNode b = d.putObject("batch_" + batchSize);
                b.put("texts_per_second", r.throughput());
                b.put("p50_ms", r.percentileMillis(50));
                b.put("p99_ms", r.percentileMillis(99));
                b.put("texts", r.texts());
            });
        }
        Map<String, LatencyRecorder> b32 = speed.get(32);
        root.put("speedup_vs_two_models", b32.get("mtl4j_djl").throughput() / b32.get("two_models").throughput());
        root.put("int8_speedup", b32.get("onnx_int8").throughput() / b32.get("mtl4j_djl").throughput());
        root.put("onnx_fp32_speedup", b32.get("onnx_fp32").throughput() / b32.get("mtl4j_djl").throughput());
        root.put("int8_intent_acc_drop", intentDrop);
        root.put("int8_slot_f1_drop", slotDrop);
        root.put("matmul_peak_gflops", peak);
        root.put("mtl4j_djl_gflops", achieved);
        root.put("gflops_fraction_of_peak", achieved / peak);
        root.put("export_seconds", exportSeconds);
        root.put("notes", "Latency is per call: one text at batch 1, 32 texts at batch 32. (a) runs two models with "
                + "the same encoder architecture, one head each (heads untrained: timing only). FLOPs count the "
                + "dense layers, attention products and classifiers over each batch padded to its longest text; the "
                + "peak is the best 1024x1024 float32 matmul through DJL in the same run. Accuracy drops are (b) "
                + "minus (d) on SNIPS test, in points; slot F1 is entity F1 over exact character spans.");
    }

    private static void print(List<Contender> systems, Map<Integer, Map<String, LatencyRecorder>> speed,
            ObjectNode accuracy, double intentDrop, double slotDrop, double peak, double achieved) {
        System.out.println();
        System.out.println("| system | b1 texts/s | b1 p50 ms | b1 p99 ms | b32 texts/s | b32 p50 ms | b32 p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Contender s : systems) {
            LatencyRecorder one = speed.get(1).get(s.key());
            LatencyRecorder many = speed.get(32).get(s.key());
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %.2f | %.1f | %.1f | %.1f |%n", s.label(),
                    one.throughput(), one.percentileMillis(50), one.percentileMillis(99), many.throughput(),
                    many.percentileMillis(50), many.percentileMillis(99));
        }
        Map<String, LatencyRecorder> b32 = speed.get(32);
        System.out.printf(Locale.ROOT, "%nspeed-up of one pass over two models (b/a, batch 32): %.2fx%n",
                b32.get("mtl4j_djl").throughput() / b32.get("two_models").throughput());
        System.out.printf(Locale.ROOT, "int8 over DJL (d/b, batch 32): %.2fx; ONNX fp32 over DJL (c/b): %.2fx%n",
                b32.get("onnx_int8").throughput() / b32.get("mtl4j_djl").throughput(),
                b32.get("onnx_fp32").throughput() / b32.get("mtl4j_djl").throughput());
        System.out.printf(Locale.ROOT, "(b) achieves %.1f GFLOP/s = %.0f%% of a %.1f GFLOP/s float32 matmul%n",
                achieved, 100 * achieved / peak, peak);
        System.out.println();
        System.out.println("| SNIPS test | intent acc | slot F1 | labels = DJL |");
        System.out.println("|---|---|---|---|");
        accuracy.fields().forEachRemaining(e -> System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f%% |%n",
                e.getKey(), e.getValue().get("intent_acc").asDouble(), e.getValue().get("slot_f1").asDouble(),
                e.getValue().get("label_agreement_with_djl").asDouble()));
        System.out.printf(Locale.ROOT, "int8 change: intent accuracy -%.2f, slot F1 -%.2f points%n",
                intentDrop, slotDrop);
    }
}
