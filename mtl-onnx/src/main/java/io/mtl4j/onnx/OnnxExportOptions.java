package io.mtl4j.onnx;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link OnnxExporter#export(io.mtl4j.model.MultiTaskModel, Path, OnnxExportOptions)}.
 *
 * @param quantizedFile where to write an int8 copy of the graph as well (empty: fp32 only)
 * @param granularity how the int8 copy's weight scales are shared
 * @param checkTexts texts on which the int8 copy's predictions are compared with the fp32 model's at export
 *     (empty: no check)
 */
public record OnnxExportOptions(Optional<Path> quantizedFile, QuantizationGranularity granularity,
        java.util.List<String> checkTexts) {

    /**
     * Validates the fields.
     *
     * @param quantizedFile where to write an int8 copy of the graph as well (empty: fp32 only)
     * @param granularity how the int8 copy's weight scales are shared
     * @param checkTexts texts on which the int8 copy's predictions are compared with the fp32 model's at export
     *     (empty: no check)
     */
    public OnnxExportOptions {
        Objects.requireNonNull(quantizedFile, "quantizedFile");
        Objects.requireNonNull(granularity, "granularity");
        checkTexts = java.util.List.copyOf(checkTexts);
        if (!checkTexts.isEmpty() && quantizedFile.isEmpty()) {
            throw new IllegalArgumentException("checkTexts compare the int8 copy with the fp32 model, so they need "
                    + "a quantizedFile");
        }
    }

    /** @return fp32 only */
    public static OnnxExportOptions defaults() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OnnxExportOptions}; every setting is optional. */
    public static final class Builder {
        private Path quantizedFile;
        private QuantizationGranularity granularity = QuantizationGranularity.PER_CHANNEL;
        private java.util.List<String> checkTexts = java.util.List.of();

        private Builder() {
        }

        /**
         * @param file also write an int8 dynamically quantized copy of the graph here (default: none)
         * @return this builder
         */
        public Builder optQuantizedFile(Path file) {
            this.quantizedFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * @param granularity how int8 weight scales are shared (default {@link QuantizationGranularity#PER_CHANNEL})
         * @return this builder
         */
        public Builder optGranularity(QuantizationGranularity granularity) {
            this.granularity = Objects.requireNonNull(granularity, "granularity");
            return this;
        }

        /**
         * @param texts sample texts (e.g. a dev set's): after writing the int8 copy, the exporter predicts them
         *     with it and with the fp32 model and logs and returns how much the predictions changed (default:
         *     no check)
         * @return this builder
         */
        public Builder optCheckTexts(java.util.List<String> texts) {
            this.checkTexts = java.util.List.copyOf(texts);
            return this;
        }

        /** @return the options */
        public OnnxExportOptions build() {
            return new OnnxExportOptions(Optional.ofNullable(quantizedFile), granularity, checkTexts);
        }
    }
}
