package io.mtl4j.data.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a UTF-8 text file line by line and counts lines, turning undecodable bytes into a
 * {@link DataFormatException} at the right line and other I/O failures into
 * {@link UncheckedIOException}. Lines end with {@code \n} or {@code \r\n}; a leading byte order
 * mark is dropped. Bytes are split into lines before decoding, so that a decoding error is reported
 * at its own line.
 */
final class LineReader implements Closeable {

    private static final int BUFFER_SIZE = 1 << 16;

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private boolean eof;
    private long lineNumber;

    private LineReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /**
     * Opens a file; the caller closes the reader.
     *
     * @param file the file
     * @return the reader
     * @throws DataFormatException if the file does not exist
     */
    static LineReader open(Path file) {
        try {
            return new LineReader(file, Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "expected a file, found none");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * Reads the next line.
     *
     * @return the line without its terminator, or {@code null} at the end of the file
     */
    String next() {
        int length = 0;
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
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (position < limit) {
                position++;
                break;
            }
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        String text = decode(length);
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
        try {
            return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, lineNumber, "expected UTF-8 text, found undecodable bytes");
        }
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
