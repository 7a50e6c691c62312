package io.mtl4j.data.read;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes files under hidden temporary names beside their targets and moves them into place only
 * once all are complete: a writer that fails half-way (an invalid example, a full disk) leaves the
 * targets as they were and no partial file behind. Not thread-safe; one instance per write.
 */
final class StagedFiles implements Closeable {

    private final Map<Path, Path> staged = new LinkedHashMap<>();

    /**
     * Opens a temporary file that {@link #commit()} moves to {@code target}.
     *
     * @param target the file to write in the end
     * @return a UTF-8 writer of the temporary file; the caller closes it before committing
     * @throws IOException if the temporary file cannot be created
     */
    BufferedWriter open(Path target) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        staged.put(target, temp);
        return Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /**
     * Moves every temporary file onto its target, replacing it.
     *
     * @throws IOException if a move fails
     */
    void commit() throws IOException {
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            try {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        staged.clear();
    }

    /** Deletes the temporary files not committed. */
    @Override
    public void close() throws IOException {
        for (Path temp : staged.values()) {
            Files.deleteIfExists(temp);
        }
        staged.clear();
    }
}
