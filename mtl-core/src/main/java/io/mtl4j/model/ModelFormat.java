package io.mtl4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Names and versions of mtl4j's saved-model folder. */
public final class ModelFormat {

    /** The manifest: format version, versions of the libraries, encoder and heads. Written last. */
    public static final String MANIFEST = "mtl4j-model.json";
    /** All weights: encoder tensors by Hugging Face name, head tensors as {@code heads.<task>.<name>}. */
    public static final String WEIGHTS = "model.safetensors";
    /** The tokenizer. */
    public static final String TOKENIZER = "tokenizer.json";
    /** The version of the folder layout this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

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
