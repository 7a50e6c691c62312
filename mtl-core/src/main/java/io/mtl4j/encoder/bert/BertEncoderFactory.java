package io.mtl4j.encoder.bert;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.SharedEncoderFactory;
import java.util.Map;

/** Rebuilds {@link BertEncoder}s from saved mtl4j models (registered through {@link java.util.ServiceLoader}). */
public final class BertEncoderFactory implements SharedEncoderFactory {

    @Override
    public String type() {
        return BertEncoder.TYPE;
    }

    @Override
    public SharedEncoder create(ObjectNode config, Map<String, NDArray> weights, byte[] tokenizerJson) {
        return BertEncoder.fromConfig(config, tokenizerJson, weights);
    }
}
