package io.mtl4j.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} tokenizer that truncates to the encoder's maximum length,
 * never pads, and reports token spans as UTF-16 indices into the original string.
 *
 * <p>Thread-safe. Holds native memory: the owner (usually the {@code SharedEncoder}) closes it.
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final HuggingFaceTokenizer wholeTokenizer;
    private final byte[] json;
    private final int maxLength;
    private final int vocabularySize;

    private TextTokenizer(byte[] json, int maxLength) {
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength must be at least 3, but is: " + maxLength);
        }
        this.json = json.clone();
        this.maxLength = maxLength;
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(maxLength));
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(this.json), options);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid tokenizer.json: " + e.getMessage(), e);
        }
        Map<String, String> wholeOptions = Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
        try {
            this.wholeTokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(this.json), wholeOptions);
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw new IllegalArgumentException("not a valid tokenizer.json: " + e.getMessage(), e);
        }
        try {
            this.vocabularySize = vocabularySize(this.json);
        } catch (RuntimeException e) {
            tokenizer.close();
            wholeTokenizer.close();
            throw e;
        }
    }

    /**
     * Loads a tokenizer from a {@code tokenizer.json} file.
     *
     * @param file the file
     * @param maxLength the maximum number of tokens, special tokens included; longer texts are truncated
     * @return the tokenizer
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException naming the file if it is not a valid tokenizer
     */
    public static TextTokenizer fromFile(Path file, int maxLength) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer file " + file, e);
        }
        try {
            return new TextTokenizer(bytes, maxLength);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a tokenizer from the bytes of a {@code tokenizer.json}.
     *
     * @param json the file's bytes
     * @param maxLength the maximum number of tokens, special tokens included
     * @return the tokenizer
     */
    public static TextTokenizer fromJson(byte[] json, int maxLength) {
        return new TextTokenizer(json, maxLength);
    }

    /** @return the maximum number of tokens per text, special tokens included */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Returns the size of the vocabulary as the ids go: one more than the largest id the tokenizer can
     * produce, from {@code model.vocab} (an object of token to id, or Unigram's array of tokens) and
     * {@code added_tokens}. An encoder's embedding table needs at least this many rows.
     *
     * @return the vocabulary size, 0 if the file lists no token
     */
    public int vocabularySize() {
        return vocabularySize;
    }

    private static int vocabularySize(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid tokenizer.json: " + e.getMessage(), e);
        }
        long max = -1;
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isArray()) {
            max = vocab.size() - 1L;
        } else {
            for (JsonNode id : vocab) {
                max = Math.max(max, id.asLong(-1));
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asLong(-1));
        }
        return Math.toIntExact(max + 1);
    }

    /** @return a copy of the {@code tokenizer.json} bytes, for saving with a model */
    public byte[] json() {
        return json.clone();
    }

    /**
     * Writes {@code tokenizer.json} to a file.
     *
     * @param file the target
     * @throws IOException if writing fails
     */
    public void save(Path file) throws IOException {
        Files.write(file, json);
    }

    /**
     * Tokenizes one text.
     *
     * @param text the text (may be empty)
     * @return the tokens with their spans
     */
    public TokenizedText tokenize(String text) {
        return toTokenizedText(text, tokenizer.encode(text));
    }

    /**
     * Tokenizes texts in one native call.
     *
     * @param texts the texts
     * @return one result per text, in order
     */
    public List<TokenizedText> tokenize(List<String> texts) {
        return tokenize(tokenizer, texts);
    }

    /**
     * Tokenizes texts without truncation, however long they are: the input of sliding windows.
     *
     * @param texts the texts
     * @return one result per text, in order; {@link TokenizedText#truncated()} is always false
     */
    public List<TokenizedText> tokenizeWhole(List<String> texts) {
        return tokenize(wholeTokenizer, texts);
    }

    private static List<TokenizedText> tokenize(HuggingFaceTokenizer tokenizer, List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        List<TokenizedText> out = new ArrayList<>(texts.size());
        for (int i = 0; i < encodings.length; i++) {
            out.add(toTokenizedText(texts.get(i), encodings[i]));
        }
        return out;
    }

    private static TokenizedText toTokenizedText(String text, Encoding encoding) {
        long[] ids = encoding.getIds();
        long[] typeIds = encoding.getTypeIds();
        long[] words = encoding.getWordIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int n = ids.length;
        int[] wordIds = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        // The native tokenizer reports offsets in Unicode code points; Java strings index UTF-16 units.
        int[] utf16 = codePointToUtf16(text);
        for (int i = 0; i < n; i++) {
            wordIds[i] = (int) words[i];
            CharSpan span = spans[i];
            if (span == null || words[i] < 0) {
                starts[i] = -1;
                ends[i] = -1;
            } else {
                starts[i] = utf16[Math.min(span.getStart(), utf16.length - 1)];
                ends[i] = utf16[Math.min(span.getEnd(), utf16.length - 1)];
            }
        }
        return new TokenizedText(text, ids, typeIds, wordIds, starts, ends, encoding.exceedMaxLength());
    }

    /** Maps each code-point index (and the end position) to its UTF-16 index. */
    private static int[] codePointToUtf16(String text) {
        int count = text.codePointCount(0, text.length());
        int[] map = new int[count + 1];
        int utf16 = 0;
        for (int cp = 0; cp < count; cp++) {
            map[cp] = utf16;
            utf16 += Character.charCount(text.codePointAt(utf16));
        }
        map[count] = text.length();
        return map;
    }

    @Override
    public void close() {
        tokenizer.close();
        wholeTokenizer.close();
    }
}
