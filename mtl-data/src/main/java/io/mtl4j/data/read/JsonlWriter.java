package io.mtl4j.data.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.Word;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes examples in the JSON Lines format read by {@link JsonlReader}.
 *
 * <p>Text, sentence labels and entity spans are written as they are. Word tags of pre-tokenized
 * examples are turned into character spans over the text, reading the tags as BIO (CoNLL
 * convention: an {@code I-X} that does not continue an {@code X} entity starts one), so that reading
 * the file back gives the same entities as raw-text spans (a task with both word tags and spans is
 * written from its word tags). Tasks are written in name order, so the output depends only on the
 * examples.
 */
public final class JsonlWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonlWriter() {}

    /**
     * Writes examples to a file, replacing it, one line each. The lines go to a temporary file renamed
     * into place at the end, so an invalid example leaves the file as it was.
     *
     * @param file the file to write (UTF-8); its parent folder must exist
     * @param examples the examples
     * @throws IllegalArgumentException if a word tag is neither {@code O} nor {@code B-}/{@code I-}
     *     followed by a type
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Iterable<LabeledExample> examples) {
        try (StagedFiles staged = new StagedFiles()) {
            try (BufferedWriter out = staged.open(file)) {
                for (LabeledExample example : examples) {
                    out.write(toLine(example));
                    out.write('\n');
                }
            }
            staged.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Turns one example into one JSON line (without the line break).
     *
     * @param example the example
     * @return the JSON object as a single line
     * @throws IllegalArgumentException if a word tag is not a BIO tag
     */
    public static String toLine(LabeledExample example) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(JsonlReader.TEXT, example.text());
        if (!example.sentenceLabels().isEmpty()) {
            ObjectNode labels = root.putObject(JsonlReader.LABELS);
            new TreeMap<>(example.sentenceLabels()).forEach(labels::put);
        }
        Map<String, List<EntityAnnotation>> entities = new TreeMap<>(example.entities());
        example.wordTags().forEach((task, tags) -> entities.put(task, toSpans(example, task, tags)));
        if (!entities.isEmpty()) {
            ObjectNode byTask = root.putObject(JsonlReader.ENTITIES);
            entities.forEach((task, spans) -> {
                ArrayNode array = byTask.putArray(task);
                for (EntityAnnotation span : spans) {
                    array.addObject().put("start", span.start()).put("end", span.end()).put("label", span.label());
                }
            });
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree of strings and numbers", e);
        }
    }

    /**
     * Converts BIO word tags to character spans over the example text.
     *
     * @param example the example holding the words
     * @param task the task, for messages
     * @param tags one tag per word
     * @return the entity spans in word order
     */
    static List<EntityAnnotation> toSpans(LabeledExample example, String task, List<String> tags) {
        List<Word> words = example.words();
        List<EntityAnnotation> spans = new ArrayList<>();
        String type = null;
        int start = 0;
        int end = 0;
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            boolean outside = tag.equals("O");
            if (!outside && (tag.length() < 3 || tag.charAt(1) != '-' || (tag.charAt(0) != 'B' && tag.charAt(0) != 'I'))) {
                throw new IllegalArgumentException(example.origin() + ": expected a BIO tag (O, B-<type> or I-<type>) for word "
                        + i + " of task '" + task + "', but found '" + tag + "'");
            }
            boolean continues = !outside && tag.charAt(0) == 'I' && tag.substring(2).equals(type);
            if (type != null && !continues) {
                spans.add(new EntityAnnotation(start, end, type));
                type = null;
            }
            if (continues) {
                end = words.get(i).end();
            } else if (!outside) {
                type = tag.substring(2);
                start = words.get(i).start();
                end = words.get(i).end();
            }
        }
        if (type != null) {
            spans.add(new EntityAnnotation(start, end, type));
        }
        return spans;
    }
}
