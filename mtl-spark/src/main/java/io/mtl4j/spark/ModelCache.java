package io.mtl4j.spark;

import io.mtl4j.model.MultiTaskModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded model per JVM and model folder, shared by all task threads of an executor ({@code
 * MultiTaskModel.predict} is thread-safe). A model is loaded when a partition first needs it and kept for
 * the life of the JVM, so later stages and jobs on the same executor do not load it again.
 */
final class ModelCache {

    private static final ConcurrentMap<Path, MultiTaskModel> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ModelCache() {
    }

    /**
     * @param modelPath the model folder, as seen from this JVM
     * @return the loaded model, loaded by the first caller; concurrent callers wait for that load
     * @throws UncheckedIOException naming the folder and host if loading fails (the failure is not cached)
     */
    static MultiTaskModel get(String modelPath) {
        return MODELS.computeIfAbsent(Path.of(modelPath).toAbsolutePath().normalize(), ModelCache::load);
    }

    private static MultiTaskModel load(Path directory) {
        try {
            MultiTaskModel model = MultiTaskModel.load(directory);
            LOADS.incrementAndGet();
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the mtl4j model " + directory + " on host " + hostName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "(unknown)";
        }
    }

    /** @return how many models this JVM has loaded since it started or since {@link #closeAll()} */
    static int loads() {
        return LOADS.get();
    }

    /** Closes and forgets every cached model; only when nothing predicts any more (tests, local mode). */
    static synchronized void closeAll() {
        MODELS.values().forEach(MultiTaskModel::close);
        MODELS.clear();
        LOADS.set(0);
    }
}
