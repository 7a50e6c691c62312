package io.mtl4j.data.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads raw-text examples from a JSON Lines file, one JSON object a line:
 *
 * <pre>{@code
 * {"text": "Ada Lovelace was born in London", "labels": {"topic": "history"},
 *  "entities": {"ner": [{"start": 0, "end": 12, "label": "PER"}, {"start": 25, "end": 31, "label": "LOC"}]}}
 * }</pre>
 *
 * <p>{@code text} is required; {@code labels} (a sentence label per task) and {@code entities}
 * (character spans per token task, UTF-16 offsets, end exclusive) are optional, and a task given in
 * neither is unlabelled. Other fields are refused, so that a misspelt {@code label} does not
 * silently leave the data unlabelled. The text, labels and entity types must not be blank; labels
 * are kept exactly as written, spaces included ({@code "Play Music"}). JSON is read strictly: a raw
 * tab or other control character inside a string must be escaped ({@code \t}). Blank lines are
 * skipped. Each example's origin is its {@code file:line}. {@link JsonlWriter} writes this format.
 */
public final class JsonlReader {

    /** The field holding the text. */
    public static final String TEXT = "text";

    /** The field holding the sentence labels by task. */
    public static final String LABELS = "labels";

    /** The field holding the entity spans by task. */
    public static final String ENTITIES = "entities";

    private static final Set<String> FIELDS = Set.of(TEXT, LABELS, ENTITIES);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Creates a reader; it holds no state and may be shared. */
    public JsonlReader() {}

    /**
     * Reads a file.
     *
     * @param file the file, UTF-8
     * @return one example per non-blank line, in file order
     * @throws DataFormatException if the file is missing or has no non-blank line, a line is not a
     *     JSON object, {@code text} is missing, a field has the wrong type, a text or label is blank,
     *     or an entity span is empty or outside the text
     */
    public List<LabeledExample> read(Path file) {
        List<LabeledExample> examples = new ArrayList<>();
        try (Lines lines = new Lines(LineReader.open(file))) {
            for (LabeledExample example = lines.next(); example != null; example = lines.next()) {
                examples.add(example);
            }
            if (examples.isEmpty()) {
                throw new DataFormatException(file, "expected at least one JSON object, but found "
                        + (lines.reader.lineNumber() == 0 ? "an empty file" : "only blank lines"));
            }
        }
        return examples;
    }

    /**
     * Streams a file: lines are read and parsed only as the stream is consumed, so a file of any
     * size is read in constant memory. Each line is checked as by {@link #read(Path)}, and a bad line
     * throws its {@link DataFormatException} when the stream reaches it (the examples before it have
     * been delivered). Unlike {@link #read(Path)}, a file with no example gives an empty stream.
     * Close the stream (try-with-resources) to close the file.
     *
     * @param file the file, UTF-8
     * @return a lazy, ordered, sequential stream of one example per non-blank line
     * @throws DataFormatException if the file is missing or is a folder
     */
    public Stream<LabeledExample> stream(Path file) {
        return ExampleStreams.of(new Lines(LineReader.open(file)));
    }

    /** Parses the non-blank lines of a file one at a time. */
    private static final class Lines implements ExampleStreams.Source {

        private final LineReader reader;

        Lines(LineReader reader) {
            this.reader = reader;
        }

        @Override
        public LabeledExample next() {
            for (String line = reader.next(); line != null; line = reader.next()) {
                if (!line.isBlank()) {
                    return parse(line, new Location(reader.file(), reader.lineNumber()));
                }
            }
            return null;
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    private static LabeledExample parse(String line, Location at) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw at.error("expected a JSON object, but found invalid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!root.isObject()) {
            throw at.error("expected a JSON object, but found " + root.getNodeType());
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw at.error("expected only the fields text, labels and entities, but found field '" + name + "'");
            }
        }
        String text = requireNonBlank(root.get(TEXT), TEXT, at);
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(root.get(LABELS), LABELS, at)) {
            labels.put(e.getKey(), requireNonBlank(e.getValue(), LABELS + "." + e.getKey(), at));
        }
        Map<String, List<EntityAnnotation>> entities = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(root.get(ENTITIES), ENTITIES, at)) {
            String field = ENTITIES + "." + e.getKey();
            if (labels.containsKey(e.getKey())) {
                throw at.error("expected task '" + e.getKey() + "' in either labels or entities, but found it in both");
            }
            entities.put(e.getKey(), spans(e.getValue(), field, text.length(), at));
        }
        return LabeledExample.ofText(at.toString(), text, labels, entities);
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node, String field, Location at) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        if (node == null) {
            return fields;
        }
        if (!node.isObject()) {
            throw at.error("expected field '" + field + "' to be an object by task, but found " + node.getNodeType());
        }
        node.fields().forEachRemaining(fields::add);
        return fields;
    }

    private static List<EntityAnnotation> spans(JsonNode node, String field, int textLength, Location at) {
        if (!node.isArray()) {
            throw at.error("expected field '" + field + "' to be an array of spans, but found " + node.getNodeType());
        }
        List<EntityAnnotation> spans = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String spanField = field + "[" + i + "]";
            JsonNode span = node.get(i);
            if (!span.isObject()) {
                throw at.error("expected field '" + spanField + "' to be an object, but found " + span.getNodeType());
            }
            int start = requireInt(span.get("start"), spanField + ".start", at);
            int end = requireInt(span.get("end"), spanField + ".end", at);
            String label = requireNonBlank(span.get("label"), spanField + ".label", at);
            if (start < 0 || end <= start || end > textLength) {
                throw at.error("expected field '" + spanField + "' to satisfy 0 <= start < end <= " + textLength
                        + " (the text length), but found start " + start + ", end " + end);
            }
            spans.add(new EntityAnnotation(start, end, label));
        }
        return spans;
    }

    private static String requireString(JsonNode node, String field, Location at) {
        if (node == null || !node.isTextual()) {
            throw at.error("expected a string field '" + field + "', but found "
                    + (node == null ? "none" : node.getNodeType().toString()));
        }
        return node.textValue();
    }

    private static String requireNonBlank(JsonNode node, String field, Location at) {
        String value = requireString(node, field, at);
        if (value.isBlank()) {
            throw at.error("expected a non-blank string field '" + field + "', but found '" + value + "'");
        }
        return value;
    }

    private static int requireInt(JsonNode node, String field, Location at) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw at.error("expected an integer field '" + field + "', but found "
                    + (node == null ? "none" : node.toString()));
        }
        return node.intValue();
    }

    /** A line of a file, to build errors and origins. */
    private record Location(Path file, long line) {

        DataFormatException error(String problem) {
            return new DataFormatException(file, line, problem);
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }
}
