package io.mtl4j.onnx;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.head.TaskHead;
import io.mtl4j.model.ModelFormat;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.onnx.OnnxProto.Graph;
import io.mtl4j.onnx.OnnxProto.Model;
import io.mtl4j.predict.MultiTaskPredictor;
import io.mtl4j.predict.PredictorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exports a trained {@link MultiTaskModel} whose encoder is a {@link io.mtl4j.encoder.bert.BertEncoder}
 * as one ONNX graph (ONNX IR 8, opset 17), optionally with an int8 copy ({@link OnnxQuantizer}).
 *
 * <p>Inputs: {@code input_ids}, {@code attention_mask}, {@code token_type_ids}, int64 {@code [batch,
 * sequence]} (both dimensions dynamic; padding has mask 0). Outputs: {@code embedding}, float {@code [batch,
 * H]}, the pooled, un-normalised sentence embedding ({@code MultiTaskModel.encode(texts, false)}); and
 * {@code logits.<task>} for every head in model order, {@code [batch, C]} for sentence heads and
 * {@code [batch, sequence, C]} for token heads. A CRF head exports its emission logits; Viterbi decoding
 * stays in Java ({@link TaskHead#predict(io.mtl4j.head.Logits, java.util.List, int)}).
 *
 * <p>The file's {@code metadata_props} hold {@value #VERSION_KEY}, {@value #TASKS_KEY} (comma-separated,
 * in output order), {@value #QUANTIZATION_KEY} ({@code none}, {@code int8-per-channel} or
 * {@code int8-per-tensor}), {@value #ENCODER_KEY} and {@value #HEADS_KEY} (the saved-model JSON of the
 * encoder and of each head, labels included).
 *
 * <p>Files are written atomically (a temporary sibling moved into place) and replace an existing file.
 */
public final class OnnxExporter {

    /** Metadata key: the mtl4j version that wrote the file. */
    public static final String VERSION_KEY = "mtl4j.version";
    /** Metadata key: the task names, comma-separated, in output order. */
    public static final String TASKS_KEY = "mtl4j.tasks";
    /** Metadata key: {@code none}, {@code int8-per-channel} or {@code int8-per-tensor}. */
    public static final String QUANTIZATION_KEY = "mtl4j.quantization";
    /** Metadata key: the encoder's configuration as saved models write it (JSON). */
    public static final String ENCODER_KEY = "mtl4j.encoder";
    /** Metadata key: each head's configuration by task name (JSON object). */
    public static final String HEADS_KEY = "mtl4j.heads";
    /** The {@code producer_name} of exported files. */
    public static final String PRODUCER = "mtl4j";

    static final long IR_VERSION = 8;
    static final long OPSET = 17;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OnnxExporter.class);

    private OnnxExporter() {
    }

    /**
     * Exports the model as an fp32 graph.
     *
     * @param model the model
     * @param file the {@code .onnx} file to write
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the encoder is not a {@code BertEncoder} or a head type is not
     *     supported
     */
    public static void export(MultiTaskModel model, Path file) throws IOException {
        export(model, file, OnnxExportOptions.defaults());
    }

    /**
     * Exports the model as an fp32 graph and, if the options name a quantized file, as an int8 graph too.
     *
     * @param model the model
     * @param file the fp32 {@code .onnx} file to write
     * @param options the options
     * @return how much quantization changed the predictions on {@link OnnxExportOptions#checkTexts()}, when
     *     an int8 copy was written and check texts were given (also logged)
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the encoder is not a {@code BertEncoder}, a head type is not
     *     supported, or the quantized file is {@code file}
     */
    public static Optional<QuantizationCheck> export(MultiTaskModel model, Path file, OnnxExportOptions options)
            throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (options.quantizedFile().isPresent()
                && options.quantizedFile().get().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the quantized file must differ from the fp32 file, but both are: " + file);
        }
        Model fp32 = toModel(model);
        AtomicFiles.write(file, out -> OnnxProtoWriter.write(fp32, out));
        if (options.quantizedFile().isPresent()) {
            Model int8 = OnnxQuantizer.quantize(fp32, options.granularity());
            AtomicFiles.write(options.quantizedFile().get(), out -> OnnxProtoWriter.write(int8, out));
            if (!options.checkTexts().isEmpty()) {
                QuantizationCheck check = check(model, options.quantizedFile().get(), options.checkTexts());
                LOG.info("{}: {}", options.quantizedFile().get(), check.summary());
                return Optional.of(check);
            }
        }
        return Optional.empty();
    }

    /** Predicts the texts with the fp32 model and with the int8 graph, through the same heads. */
    private static QuantizationCheck check(MultiTaskModel model, Path int8, List<String> texts) {
        try (OnnxRunner runner = OnnxRunner.builder().setFile(int8).setTasks(model.heads().keySet()).build()) {
            MultiTaskPredictor quantized = new MultiTaskPredictor(new OnnxForwardPass(runner), model::heads,
                    model.encoder().tokenizer(), PredictorConfig.defaults());
            return QuantizationCheck.compare(model.predict(texts), quantized.predict(texts));
        }
    }

    /**
     * @param model the model
     * @return its fp32 ONNX model
     */
    static Model toModel(MultiTaskModel model) {
        Graph graph = MultiTaskGraph.of(model);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(VERSION_KEY, ModelFormat.libraryVersion());
        metadata.put(TASKS_KEY, String.join(",", model.heads().keySet()));
        metadata.put(QUANTIZATION_KEY, "none");
        metadata.put(ENCODER_KEY, model.encoder().config().toString());
        ObjectNode heads = JsonNodeFactory.instance.objectNode();
        for (TaskHead head : model.heads().values()) {
            heads.set(head.name(), head.config());
        }
        metadata.put(HEADS_KEY, heads.toString());
        return new Model(IR_VERSION, PRODUCER, ModelFormat.libraryVersion(), Map.of(OnnxProto.DEFAULT_DOMAIN, OPSET),
                graph, metadata);
    }
}
