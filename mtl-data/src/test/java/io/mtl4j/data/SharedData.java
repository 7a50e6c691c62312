package io.mtl4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real data sets in {@code shared/data}, a sibling of the repository root, by searching
 * upward from the working directory (the module folder when run by Maven).
 */
public final class SharedData {

    private SharedData() {}

    /**
     * Searches the working directory and its parents for a {@code shared/data} folder.
     *
     * @return the folder, or empty when no parent has one
     */
    public static Optional<Path> path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a data set folder, or skips the calling test (printing why) when it is absent.
     *
     * @param relative the folder inside {@code shared/data}, e.g. {@code snips}
     * @return the folder
     */
    public static Path require(String relative) {
        Optional<Path> root = path();
        Path dir = root.map(r -> r.resolve(relative)).orElse(null);
        if (dir == null || !Files.exists(dir)) {
            String reason = "skipped: real data '" + relative + "' not found in a shared/data folder above "
                    + Path.of("").toAbsolutePath();
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        return dir;
    }
}
