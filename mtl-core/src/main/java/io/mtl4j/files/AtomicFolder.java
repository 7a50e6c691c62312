package io.mtl4j.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a folder atomically: everything goes into a hidden sibling folder, which is then renamed into
 * place. A crash leaves at most a hidden {@code .tmp} folder, never a half-written target.
 */
public final class AtomicFolder {

    /** Fills an empty folder. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param folder an empty folder to write into
         * @throws IOException if writing fails
         */
        void writeTo(Path folder) throws IOException;
    }

    private AtomicFolder() {
    }

    /**
     * Writes {@code directory}: {@code content} fills a temporary sibling, which then replaces the target.
     *
     * @param directory the target folder; its parent is created if missing
     * @param overwrite whether an existing non-empty folder may be replaced
     * @param what what is saved, for messages (e.g. "a model")
     * @param content what to write
     * @throws IOException if writing or moving fails; the target is then unchanged
     * @throws IllegalArgumentException if the target is a file, or a non-empty folder and {@code overwrite}
     *     is false
     */
    public static void write(Path directory, boolean overwrite, String what, Content content) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        if (Files.exists(target) && !overwrite && !isEmptyDirectory(target)) {
            throw new IllegalArgumentException("refusing to save into non-empty folder " + target
                    + "; pass overwrite=true to replace it");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot save " + what + " to " + target + ": it is a file");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            content.writeTo(temp);
            replace(temp, target);
        } finally {
            deleteRecursively(temp);
        }
    }

    private static void replace(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Deletes a file or a folder with everything in it; a missing path is fine.
     *
     * @param path the file or folder
     * @throws IOException if deleting fails
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
