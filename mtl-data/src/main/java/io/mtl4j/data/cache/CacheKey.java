package io.mtl4j.data.cache;

import io.mtl4j.data.encode.ExampleEncoder;
import io.mtl4j.data.encode.TaskSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 key of a cache file: over the format version, the tokenizer ({@code tokenizer.json}
 * bytes and maximum length), the reader's settings, the tasks (names, types, label vocabularies in
 * order) and the bytes of the data file (or of every file under a data folder, by relative name).
 * Anything that changes the encoded examples changes the key.
 */
final class CacheKey {

    private CacheKey() {}

    /**
     * Computes the key.
     *
     * @param data the data file or folder
     * @param readerSettings what configures the reader, as the caller describes it
     * @param encoder the encoder (tokenizer and tasks)
     * @return the key as 64 lowercase hex digits
     * @throws UncheckedIOException if the data cannot be read
     */
    static String of(Path data, String readerSettings, ExampleEncoder encoder) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), sha256))) {
            out.writeUTF("mtl4j token cache");
            out.writeInt(CacheFormat.VERSION);
            byte[] json = encoder.tokenizer().json();
            out.writeInt(json.length);
            out.write(json);
            out.writeInt(encoder.tokenizer().maxLength());
            out.writeUTF(readerSettings);
            out.writeInt(encoder.tasks().size());
            for (TaskSpec task : encoder.tasks()) {
                out.writeUTF(task.name());
                out.writeUTF(task.type().name());
                List<String> labels = task.labels().labels();
                out.writeInt(labels.size());
                for (String label : labels) {
                    out.writeUTF(label);
                }
            }
            if (Files.isDirectory(data)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(data)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                out.writeInt(files.size());
                for (Path file : files) {
                    out.writeUTF(data.relativize(file).toString());
                    hashFile(file, out);
                }
            } else {
                hashFile(data, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data + " to compute its cache key", e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void hashFile(Path file, DataOutputStream out) throws IOException {
        out.writeLong(Files.size(file));
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        }
    }
}
