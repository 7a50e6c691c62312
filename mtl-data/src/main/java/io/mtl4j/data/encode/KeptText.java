package io.mtl4j.data.encode;

import io.mtl4j.text.TokenizedText;

/** Where the tokens kept after truncation end in the text. */
final class KeptText {

    private KeptText() {
    }

    /**
     * @param tokens a tokenized text
     * @param start a UTF-16 index into the text
     * @return whether a label starting at {@code start} lies beyond the tokens kept by truncation
     */
    static boolean cutByTruncation(TokenizedText tokens, int start) {
        return tokens.truncated() && start >= end(tokens);
    }

    /**
     * @param tokens a tokenized text
     * @return the end (exclusive, UTF-16) of the last real token, 0 when there is none
     */
    static int end(TokenizedText tokens) {
        int end = 0;
        for (int i = 0; i < tokens.length(); i++) {
            end = Math.max(end, tokens.ends()[i]);
        }
        return end;
    }
}
