package io.mtl4j.encoder;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Rebuilds encoders of one type from a saved model. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.mtl4j.encoder.SharedEncoderFactory}), so custom encoders in other jars
 * load too.
 */
public interface SharedEncoderFactory {

    /** @return the encoder type this factory builds, as {@link SharedEncoder#type()} writes it */
    String type();

    /**
     * Builds an encoder from its saved configuration and weights.
     *
     * @param config what {@link SharedEncoder#config()} wrote
     * @param weights tensors by Hugging Face name; the factory copies what it needs, the caller closes them
     * @param tokenizerJson the bytes of the {@code tokenizer.json} saved with the model
     * @return the encoder
     * @throws IllegalArgumentException naming a missing field or tensor
     */
    SharedEncoder create(ObjectNode config, Map<String, NDArray> weights, byte[] tokenizerJson);

    /**
     * Finds the factory of an encoder type among those {@link java.util.ServiceLoader} sees.
     *
     * @param type the encoder type, as {@link SharedEncoder#type()} gives it
     * @return its factory
     * @throws IllegalArgumentException naming the type and the known types if none builds it
     */
    static SharedEncoderFactory forType(String type) {
        List<String> known = new ArrayList<>();
        for (SharedEncoderFactory factory : ServiceLoader.load(SharedEncoderFactory.class)) {
            if (factory.type().equals(type)) {
                return factory;
            }
            known.add(factory.type());
        }
        throw new IllegalArgumentException("unknown encoder type '" + type + "'; valid choices: " + known);
    }
}
