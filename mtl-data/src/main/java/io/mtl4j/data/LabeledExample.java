package io.mtl4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One example as read from a data set, before tokenization: a text with labels for any subset of
 * tasks.
 *
 * <p>Token-level labels come in one of two forms: {@code wordTags} (one tag per word of
 * {@code words}, as JointBERT and CoNLL files give them) or {@code entities} (character spans, as
 * JSONL gives them). A task absent from every map is simply unlabelled for this example.
 *
 * @param origin where the example came from, e.g. {@code train/seq.in:12}, used in error messages
 * @param text the text
 * @param words the words of a pre-tokenized text with their spans in {@code text}; empty when the
 *     text is raw
 * @param sentenceLabels one label per sentence task
 * @param wordTags one tag list per token task, each as long as {@code words}
 * @param entities entity spans per token task
 */
public record LabeledExample(
        String origin,
        String text,
        List<Word> words,
        Map<String, String> sentenceLabels,
        Map<String, List<String>> wordTags,
        Map<String, List<EntityAnnotation>> entities) {

    /**
     * Copies collections and validates that tags and spans fit the text.
     *
     * @param origin where the example came from, e.g. {@code train/seq.in:12}, used in error messages
     * @param text the text
     * @param words the words of a pre-tokenized text with their spans in {@code text}; empty when the
     *     text is raw
     * @param sentenceLabels one label per sentence task
     * @param wordTags one tag list per token task, each as long as {@code words}
     * @param entities entity spans per token task
     */
    public LabeledExample {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(text, "text");
        words = List.copyOf(words);
        sentenceLabels = Map.copyOf(sentenceLabels);
        wordTags = copyLists(wordTags);
        entities = copyLists(entities);
        for (Map.Entry<String, List<String>> e : wordTags.entrySet()) {
            if (e.getValue().size() != words.size()) {
                throw new IllegalArgumentException(origin + ": task '" + e.getKey() + "' has " + e.getValue().size()
                        + " tags for " + words.size() + " words");
            }
        }
        for (Map.Entry<String, List<EntityAnnotation>> e : entities.entrySet()) {
            for (EntityAnnotation a : e.getValue()) {
                if (a.end() > text.length()) {
                    throw new IllegalArgumentException(origin + ": entity [" + a.start() + ", " + a.end()
                            + ") of task '" + e.getKey() + "' lies outside the text of length " + text.length());
                }
            }
        }
    }

    /**
     * Builds an example from words, joining them with single spaces.
     *
     * @param origin where it came from
     * @param words the words
     * @param sentenceLabels sentence labels by task
     * @param wordTags word tags by task
     * @return the example
     */
    public static LabeledExample ofWords(
            String origin, List<String> words, Map<String, String> sentenceLabels, Map<String, List<String>> wordTags) {
        StringBuilder text = new StringBuilder();
        List<Word> spans = new ArrayList<>(words.size());
        for (String w : words) {
            if (text.length() > 0) {
                text.append(' ');
            }
            spans.add(new Word(w, text.length(), text.length() + w.length()));
            text.append(w);
        }
        return new LabeledExample(origin, text.toString(), spans, sentenceLabels, wordTags, Map.of());
    }

    /**
     * Builds an example from raw text.
     *
     * @param origin where it came from
     * @param text the text
     * @param sentenceLabels sentence labels by task
     * @param entities entity spans by task
     * @return the example
     */
    public static LabeledExample ofText(
            String origin, String text, Map<String, String> sentenceLabels, Map<String, List<EntityAnnotation>> entities) {
        return new LabeledExample(origin, text, List.of(), sentenceLabels, Map.of(), entities);
    }

    private static <T> Map<String, List<T>> copyLists(Map<String, List<T>> map) {
        Map<String, List<T>> copy = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
