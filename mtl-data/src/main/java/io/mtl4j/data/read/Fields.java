package io.mtl4j.data.read;

import java.util.ArrayList;
import java.util.List;

/** Splitting of lines into whitespace-separated fields, shared by the line-based readers. */
final class Fields {

    private Fields() {}

    /**
     * Splits a line on runs of whitespace ({@link Character#isWhitespace(char)}), ignoring leading
     * and trailing whitespace.
     *
     * @param line the line
     * @return the fields, empty for a blank line
     */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
        return fields;
    }

    /**
     * Validates a task name given to a reader.
     *
     * @param name the name
     * @param what the option it was given as, for the message
     * @return the name
     */
    static String requireTaskName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank task name, but is: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }
}
