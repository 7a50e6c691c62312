package io.mtl4j.data.read;

import java.io.Reader;

/**
 * Serves the lines of a {@link LineReader} as characters, each line followed by {@code \n}, so that a
 * parser for a whole stream (Jackson's CSV parser) gets the line reader's checks: a byte order mark
 * dropped, {@code \r\n} read as {@code \n}, undecodable bytes and overlong lines refused at their
 * line. Each call returns characters of at most one line, so a problem on a later line is not raised
 * before the parser has seen the lines before it.
 */
final class LinesAsReader extends Reader {

    private final LineReader lines;
    private String current = "";
    private int index;
    private boolean newlinePending;

    /**
     * @param lines the line reader, closed with this reader
     */
    LinesAsReader(LineReader lines) {
        this.lines = lines;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (index == current.length() && !newlinePending) {
            String next = lines.next();
            if (next == null) {
                return -1;
            }
            current = next;
            index = 0;
            newlinePending = true;
        }
        int n = Math.min(length, current.length() - index);
        current.getChars(index, index + n, buffer, offset);
        index += n;
        if (n < length && newlinePending) {
            buffer[offset + n++] = '\n';
            newlinePending = false;
        }
        return n;
    }

    @Override
    public void close() {
        lines.close();
    }
}
