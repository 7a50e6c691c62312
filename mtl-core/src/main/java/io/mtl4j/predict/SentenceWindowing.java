package io.mtl4j.predict;

/** How sentence tasks (and embeddings) read a text split into sliding windows. */
public enum SentenceWindowing {
    /** Use the first window only; the prediction reports {@link Coverage#TRUNCATED}. */
    FIRST_WINDOW,
    /** Average the windows' logits (embeddings); the prediction reports {@link Coverage#WINDOWS_AVERAGED}. */
    AVERAGE
}
