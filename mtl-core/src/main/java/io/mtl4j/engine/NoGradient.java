package io.mtl4j.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's thread-local gradient recording off for the current thread until closed, so
 * inference neither builds autograd graphs nor depends on which thread it runs on.
 */
public final class NoGradient implements AutoCloseable {

    private final boolean previous;

    /** Disables gradient recording on this thread. */
    public NoGradient() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
