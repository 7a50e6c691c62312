package io.mtl4j.encoder;

import java.util.Arrays;
import java.util.Locale;

/** How an encoder turns per-token hidden states into one sentence embedding. */
public enum Pooling {
    /** Mean of the hidden states over the attention mask, as sentence-transformers does. */
    MEAN,
    /** The hidden state of the first ({@code [CLS]}) token. */
    CLS;

    /**
     * Parses a name case-insensitively.
     *
     * @param name {@code "mean"} or {@code "cls"}
     * @return the pooling
     * @throws IllegalArgumentException listing the valid choices
     */
    public static Pooling parse(String name) {
        for (Pooling p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + name + "'; valid choices: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
