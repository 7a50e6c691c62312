package io.mtl4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Names and versions of mtl4j's saved-model folder.
 *
 * <p>Version 2 (written now): {@value #MANIFEST}, {@value #WEIGHTS} with the heads' tensors, and the
 * encoder in {@value #ENCODER_FOLDER}{@code /} as written by {@code SharedEncoder.writeFiles} (for BERT a
 * Hugging Face model folder: {@code config.json}, {@code model.safetensors}, {@code tokenizer.json}, ...).
 * Version 1 (still read): {@value #MANIFEST}, {@value #WEIGHTS} with every tensor, encoder and heads, and
 * {@value #TOKENIZER}, all in the model folder.
 */
public final class ModelFormat {

    /** The manifest: format version, versions of the libraries, encoder and heads. Written last. */
    public static final String MANIFEST = "mtl4j-model.json";
    /**
     * The weights: head tensors as {@code heads.<task>.<name>}; in version 1 also the encoder's tensors by
     * Hugging Face name. The encoder folder holds a file of the same name with the encoder's tensors.
     */
    public static final String WEIGHTS = "model.safetensors";
    /** The tokenizer: in the encoder folder (version 2), in the model folder (version 1). */
    public static final String TOKENIZER = "tokenizer.json";
    /** The encoder's subfolder (version 2). */
    public static final String ENCODER_FOLDER = "encoder";
    /** The version of the folder layout this library writes. */
    public static final int FORMAT_VERSION = 2;
    /** The oldest version this library still reads. */
    public static final int OLDEST_READABLE_VERSION = 1;

    private ModelFormat() {
    }

    /** @return this library's version, as built */
    public static String libraryVersion() {
        try (InputStream in = ModelFormat.class.getResourceAsStream("/io/mtl4j/mtl4j-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
