package io.mtl4j.data.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a UTF-8 text file line by line and counts lines, turning undecodable bytes and overlong
 * lines into a {@link DataFormatException} at the right line and other I/O failures into
 * {@link UncheckedIOException}. Lines end with {@code \n} or {@code \r\n}; a leading byte order
 * mark is dropped. Bytes are split into lines before decoding, so that a decoding error is reported
 * at its own line. Every reader of the package reads through this class, so all share its rules.
 */
final class LineReader implements Closeable {

    /**
     * The longest line accepted, in bytes without the line break: 1 MiB. Real data comes nowhere
     * near it (the longest review of aclImdb has 13,704 bytes; SNIPS, SST-2 and CoNLL-2003 lines stay
     * under 1,000), and training truncates every text to the encoder's few hundred tokens anyway. The
     * limit keeps a runaway line (a binary file, a file without line breaks) from filling the memory.
     */
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final int BUFFER_SIZE = 1 << 16;

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer;
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private boolean eof;
    private long lineNumber;

    private LineReader(Path file, InputStream in, int bufferSize) {
        this.file = file;
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /**
     * Opens a file; the caller closes the reader.
     *
     * @param file the file
     * @return the reader
     * @throws DataFormatException if the file does not exist or is a folder
     */
    static LineReader open(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, "expected a file, but found a folder");
        }
        try {
            // Small files (one review each, in aclImdb) get a buffer of their size.
            int bufferSize = (int) Math.min(BUFFER_SIZE, Math.max(4096, Files.size(file) + 1));
            return new LineReader(file, Files.newInputStream(file), bufferSize);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "expected a file, but found none");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * Reads the next line.
     *
     * @return the line without its terminator, or {@code null} at the end of the file
     * @throws DataFormatException if the line is longer than {@link #MAX_LINE_BYTES} or not UTF-8
     */
    String next() {
        int length = 0;
        long total = 0;
        byte last = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (chunk > 0) {
                last = buffer[position - 1];
            }
            total += chunk;
            // Keep one byte more than the limit, for the \r of a line of exactly the limit; count the rest.
            int kept = (int) Math.min(chunk, MAX_LINE_BYTES + 1L - length);
            if (kept > 0) {
                if (length + kept > line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES + 1, Math.max(line.length * 2, length + kept)));
                }
                System.arraycopy(buffer, start, line, length, kept);
                length += kept;
            }
            if (position < limit) {
                position++;
                break;
            }
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        long contentLength = last == '\r' ? total - 1 : total;
        if (contentLength > MAX_LINE_BYTES) {
            throw new DataFormatException(file, lineNumber, "expected a line of at most " + MAX_LINE_BYTES
                    + " bytes, but found one of " + contentLength + " bytes");
        }
        String text = decode((int) contentLength);
        if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return text;
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buffer);
            if (n < 0) {
                eof = true;
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private String decode(int length) {
        ByteBuffer in = ByteBuffer.wrap(line, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            StringBuilder bytes = new StringBuilder();
            for (int i = at; i < at + result.length(); i++) {
                bytes.append(bytes.length() == 0 ? "" : " ").append(String.format("0x%02X", line[i] & 0xFF));
            }
            throw new DataFormatException(file, lineNumber, "expected UTF-8 text, but found the undecodable "
                    + (result.length() == 1 ? "byte " : "bytes ") + bytes + " at byte " + (at + 1) + " of the line");
        }
        return out.flip().toString();
    }

    /**
     * Returns the number of the line last returned by {@link #next()}.
     *
     * @return the 1-based line number, 0 before the first line
     */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * Returns the file.
     *
     * @return the file being read
     */
    Path file() {
        return file;
    }

    /**
     * Returns where the line last read stands, as used in {@link io.mtl4j.data.LabeledExample#origin()}.
     *
     * @return {@code file:line}
     */
    String origin() {
        return file + ":" + lineNumber;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
