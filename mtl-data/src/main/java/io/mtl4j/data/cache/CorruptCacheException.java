package io.mtl4j.data.cache;

import java.nio.file.Path;

/** A cache file is not a complete, valid cache file (cut short, overwritten, of another version). */
final class CorruptCacheException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    CorruptCacheException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
