package io.mtl4j.onnx;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link OnnxExporter#export(io.mtl4j.model.MultiTaskModel, Path, OnnxExportOptions)}.
 *
 * @param quantizedFile where to write an int8 copy of the graph as well (empty: fp32 only)
 * @param granularity how the int8 copy's weight scales are shared
 */
public record OnnxExportOptions(Optional<Path> quantizedFile, QuantizationGranularity granularity) {

    /** Validates the fields. */
    public OnnxExportOptions {
        Objects.requireNonNull(quantizedFile, "quantizedFile");
        Objects.requireNonNull(granularity, "granularity");
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

        /** @return the options */
        public OnnxExportOptions build() {
            return new OnnxExportOptions(Optional.ofNullable(quantizedFile), granularity);
        }
    }
}
