package io.mtl4j.data.task;

import io.mtl4j.data.LabeledExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-written examples for the task tests. */
final class Examples {

    private Examples() {
    }

    /** @return an example with one word per tag ({@code w0 w1 ...}) tagged for task {@code ner} */
    static LabeledExample tagged(String origin, String... tags) {
        return taggedFor(origin, "ner", tags);
    }

    /** @return an example with one word per tag tagged for the given task */
    static LabeledExample taggedFor(String origin, String task, String... tags) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tags.length; i++) {
            words.add("w" + i);
        }
        return LabeledExample.ofWords(origin, words, Map.of(), Map.of(task, List.of(tags)));
    }

    /** @return a one-sentence example with a sentence label for task {@code sentiment} */
    static LabeledExample sentiment(String origin, String label) {
        return LabeledExample.ofText(origin, "a text", Map.of("sentiment", label), Map.of());
    }
}
