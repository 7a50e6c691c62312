package io.mtl4j.onnx;

import io.mtl4j.head.TaskHead;
import io.mtl4j.model.SavedHeads;
import io.mtl4j.predict.MultiTaskPredictor;
import io.mtl4j.predict.PredictorConfig;
import io.mtl4j.predict.TextPrediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Predicts with an exported ONNX graph on ONNX Runtime and returns exactly the result objects
 * {@link io.mtl4j.model.MultiTaskModel#predict(List)} does: the same batching, sliding windows and decoding
 * ({@link MultiTaskPredictor} over the saved model's own heads, CRF included), with ONNX Runtime in place
 * of PyTorch for the encoder pass.
 *
 * <p>Thread-safe. Owns the ONNX session and the saved heads; {@link #close()} frees both.
 */
public final class OnnxPredictor implements AutoCloseable {

    private final SavedHeads heads;
    private final OnnxRunner runner;
    private final MultiTaskPredictor predictor;

    private OnnxPredictor(SavedHeads heads, OnnxRunner runner, PredictorConfig config) {
        this.heads = heads;
        this.runner = runner;
        this.predictor = new MultiTaskPredictor(new OnnxForwardPass(runner), heads::heads, heads.tokenizer(), config);
    }

    /**
     * Loads an ONNX graph exported from a saved model, with that model's heads and tokenizer.
     *
     * @param modelDirectory the saved model folder ({@code MultiTaskModel.save}) the graph was exported from
     * @param onnxFile the exported graph (fp32 or int8)
     * @param config batching, concurrency, threads ({@link PredictorConfig#intraOpThreads()}; 0 = all
     *     cores) and long-text settings
     * @return the predictor
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException naming the file if the folder is incomplete, or the graph's outputs do
     *     not match the model's tasks and label counts
     */
    public static OnnxPredictor load(Path modelDirectory, Path onnxFile, PredictorConfig config) throws IOException {
        SavedHeads heads = SavedHeads.load(modelDirectory);
        OnnxRunner runner = null;
        try {
            OnnxRunner.Builder builder = OnnxRunner.builder().setFile(onnxFile).setTasks(heads.heads().keySet());
            if (config.intraOpThreads() > 0) {
                builder.optIntraOpThreads(config.intraOpThreads());
            }
            runner = builder.build();
            checkClasses(runner, heads, onnxFile);
            return new OnnxPredictor(heads, runner, config);
        } catch (RuntimeException e) {
            if (runner != null) {
                runner.close();
            }
            heads.close();
            throw e;
        }
    }

    /** Runs one token through the graph and compares each task's label count with its head's. */
    private static void checkClasses(OnnxRunner runner, SavedHeads heads, Path file) {
        OnnxOutputs probe = runner.run(new long[] {0}, new long[] {1}, new long[] {0}, 1, 1);
        for (TaskHead head : heads.heads().values()) {
            int classes = probe.logits(head.name()).classes();
            if (classes != head.labels().size()) {
                throw new IllegalArgumentException(file + ": output 'logits." + head.name() + "' has " + classes
                        + " labels, but the model's head has " + head.labels().size() + " " + head.labels().labels());
            }
        }
    }

    /**
     * Predicts every task for each text.
     *
     * @param texts the texts
     * @return one prediction per text, in order
     * @see MultiTaskPredictor#predict(List)
     */
    public List<TextPrediction> predict(List<String> texts) {
        return predictor.predict(texts);
    }

    /**
     * Computes pooled sentence embeddings.
     *
     * @param texts the texts
     * @param normalize whether to scale each to unit L2 norm
     * @return one {@code float[H]} per text
     * @see MultiTaskPredictor#encode(List, boolean)
     */
    public List<float[]> encode(List<String> texts, boolean normalize) {
        return predictor.encode(texts, normalize);
    }

    /** @return the runner, for raw outputs */
    public OnnxRunner runner() {
        return runner;
    }

    @Override
    public void close() {
        runner.close();
        heads.close();
    }
}
