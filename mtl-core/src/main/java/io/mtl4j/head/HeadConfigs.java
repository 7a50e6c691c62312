package io.mtl4j.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.label.LabelVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reading and writing head configurations with errors that name the missing or invalid field. */
public final class HeadConfigs {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private HeadConfigs() {
    }

    /**
     * Validates a task name, which becomes a checkpoint key.
     *
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException if it is not a letter followed by letters, digits, {@code _} or {@code -}
     */
    public static String validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("task name must be a letter followed by up to 63 letters, digits, "
                    + "'_' or '-', but is: " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /**
     * @param type the head type
     * @param labels the vocabulary
     * @return a new config node with {@code type} and {@code labels}
     */
    public static ObjectNode base(String type, LabelVocabulary labels) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", type);
        ArrayNode array = node.putArray("labels");
        labels.labels().forEach(array::add);
        return node;
    }

    /**
     * @param config a head config
     * @param task the task name, for messages
     * @return its label vocabulary
     */
    public static LabelVocabulary labels(ObjectNode config, String task) {
        JsonNode node = config.get("labels");
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("head '" + task + "': field 'labels' must be a non-empty array");
        }
        List<String> labels = new ArrayList<>();
        node.forEach(n -> labels.add(n.asText()));
        return LabelVocabulary.of(labels);
    }

    /**
     * @param config a head config
     * @param field the field
     * @param fallback the value when absent
     * @return the field's number
     */
    public static double number(ObjectNode config, String field, double fallback) {
        JsonNode node = config.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a number, but is: " + node);
        }
        return node.asDouble();
    }

    /**
     * @param config a head config
     * @param field the field
     * @return the float array, or null when absent
     */
    public static float[] floats(ObjectNode config, String field) {
        JsonNode node = config.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of numbers, but is: " + node);
        }
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) node.get(i).asDouble();
        }
        return out;
    }
}
