package io.mtl4j.data.synthetic;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * <strong>A demonstration aid, NOT real data: the tags it adds are random, so a model cannot learn
 * anything from them.</strong>
 *
 * <p>Reproduces the original multi-task notebook, which had no NER annotations for its review data
 * and gave every whitespace-separated word a tag drawn uniformly at random from
 * {@code {O, PER, LOC, ORG}} (plain type labels, not BIO). Use it only to show that a token head
 * trains end to end alongside a sentence head; any NER score measured on such tags is chance level
 * by construction. For data with learnable entities use {@link ExampleDataGenerator}.
 *
 * <p>Deterministic: each call to {@link #label(List)} starts a {@link Random} from the seed, so the
 * same seed and the same examples always give the same tags.
 */
public final class SyntheticNerLabeller {

    /** The default task name of the random tags. */
    public static final String DEFAULT_TASK = "ner";

    /** The tags drawn from, in the notebook's order. */
    public static final List<String> TAGS = List.of("O", "PER", "LOC", "ORG");

    private final long seed;
    private final String task;

    /**
     * Creates a labeller adding tags under the task {@value #DEFAULT_TASK}.
     *
     * @param seed the seed of the random tags
     */
    public SyntheticNerLabeller(long seed) {
        this(seed, DEFAULT_TASK);
    }

    /**
     * Creates a labeller.
     *
     * @param seed the seed of the random tags
     * @param task the task name of the random tags
     */
    public SyntheticNerLabeller(long seed, String task) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task must be a non-blank task name, but is: "
                    + (task == null ? "null" : "'" + task + "'"));
        }
        this.seed = seed;
        this.task = task;
    }

    /**
     * Returns copies of the examples with one random tag per word added under this labeller's task.
     * Pre-tokenized examples keep their words; raw-text examples are split on whitespace, keeping
     * their text, so existing labels and entity spans stay valid.
     *
     * @param examples the examples
     * @return new examples, in the same order
     * @throws IllegalArgumentException if an example already has labels for this task
     */
    public List<LabeledExample> label(List<LabeledExample> examples) {
        Random random = new Random(seed);
        List<LabeledExample> labelled = new ArrayList<>(examples.size());
        for (LabeledExample example : examples) {
            if (example.sentenceLabels().containsKey(task) || example.wordTags().containsKey(task)
                    || example.entities().containsKey(task)) {
                throw new IllegalArgumentException(example.origin() + ": expected no labels for task '" + task
                        + "', but the example already has some");
            }
            List<Word> words = example.words().isEmpty() ? whitespaceWords(example.text()) : example.words();
            List<String> tags = new ArrayList<>(words.size());
            for (int i = 0; i < words.size(); i++) {
                tags.add(TAGS.get(random.nextInt(TAGS.size())));
            }
            Map<String, List<String>> wordTags = new LinkedHashMap<>(example.wordTags());
            wordTags.put(task, tags);
            labelled.add(new LabeledExample(example.origin(), example.text(), words, example.sentenceLabels(),
                    wordTags, example.entities()));
        }
        return labelled;
    }

    private static List<Word> whitespaceWords(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new Word(text.substring(start, i), start, i));
            }
        }
        return words;
    }
}
