package io.mtl4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files the tests share: the MiniLM tokenizer and ONNX model from the langchain4j jar on the classpath. */
public final class TestResources {

    private TestResources() {
    }

    /** @return the bytes of all-MiniLM-L6-v2's {@code tokenizer.json} */
    public static byte[] miniLmTokenizerJson() {
        return read("all-minilm-l6-v2-tokenizer.json");
    }

    private static byte[] read(String name) {
        try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
