package io.mtl4j.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fills {@link Templates} with {@link Gazetteers} entries, drawing everything from one random source. */
final class SentenceFactory {

    /**
     * One generated sentence.
     *
     * @param words the words
     * @param tags one BIO tag per word
     * @param sentiment {@link ExampleDataGenerator#POSITIVE} or {@link ExampleDataGenerator#NEGATIVE}
     */
    record Sentence(List<String> words, List<String> tags, String sentiment) {}

    private final Random random;

    SentenceFactory(Random random) {
        this.random = random;
    }

    /**
     * Draws a sentiment (even odds), a template of that sentiment and its slot fillers.
     *
     * @return the sentence
     */
    Sentence next() {
        boolean positive = random.nextBoolean();
        List<String> templates = positive ? Templates.POSITIVE : Templates.NEGATIVE;
        String template = templates.get(random.nextInt(templates.size()));
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String token : template.split(" ")) {
            if (token.startsWith("{") && token.endsWith("}")) {
                fill(token.substring(1, token.length() - 1), words, tags);
            } else {
                words.add(token);
                tags.add("O");
            }
        }
        if (tags.get(0).equals("O")) {
            String first = words.get(0);
            words.set(0, Character.toUpperCase(first.charAt(0)) + first.substring(1));
        }
        return new Sentence(words, tags, positive ? ExampleDataGenerator.POSITIVE : ExampleDataGenerator.NEGATIVE);
    }

    private void fill(String slot, List<String> words, List<String> tags) {
        switch (slot) {
            case "PER" -> add(pick(Gazetteers.FIRST_NAMES) + " " + pick(Gazetteers.LAST_NAMES), "PER", words, tags);
            case "SURNAME" -> add(pick(Gazetteers.LAST_NAMES), "PER", words, tags);
            case "LOC" -> add(pick(Gazetteers.LOCATIONS), "LOC", words, tags);
            case "ORG" -> add(pick(Gazetteers.ORGANIZATIONS), "ORG", words, tags);
            case "TITLE" -> add(pick(Gazetteers.TITLES), "MISC", words, tags);
            case "NAT" -> add(pick(Gazetteers.NATIONALITIES), "MISC", words, tags);
            case "GOOD" -> add(pick(Gazetteers.GOOD), null, words, tags);
            case "BAD" -> add(pick(Gazetteers.BAD), null, words, tags);
            case "LIKED" -> add(pick(Gazetteers.LIKED), null, words, tags);
            case "DISLIKED" -> add(pick(Gazetteers.DISLIKED), null, words, tags);
            case "ADV" -> add(pick(Gazetteers.ADVERBS), null, words, tags);
            case "TIME" -> add(pick(Gazetteers.TIMES), null, words, tags);
            default -> throw new IllegalStateException("unknown template slot: {" + slot + "}");
        }
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Adds the words of a filler, tagged as one entity of {@code type}, or {@code O} when it is null. */
    private static void add(String filler, String type, List<String> words, List<String> tags) {
        String[] parts = filler.split(" ");
        for (int i = 0; i < parts.length; i++) {
            words.add(parts[i]);
            tags.add(type == null ? "O" : (i == 0 ? "B-" : "I-") + type);
        }
    }
}
