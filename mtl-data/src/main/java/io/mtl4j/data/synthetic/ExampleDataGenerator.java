package io.mtl4j.data.synthetic;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.read.JointBertWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates a made-up, realistic-looking data set for examples and tests: short review- and
 * news-like sentences, each with a sentence label (task {@value #SENTIMENT_TASK}: {@value #POSITIVE}
 * or {@value #NEGATIVE}) and BIO entity tags (task {@value #NER_TASK}: {@code PER}, {@code LOC},
 * {@code ORG}, {@code MISC}).
 *
 * <p>Sentences come from about 40 templates per sentiment filled from word lists written for this
 * project (no public data set is copied). Entities may span several words ("Christopher Nolan",
 * "New York", "Northwind Pictures"); some sentences have none. Words are split as in CoNLL files,
 * punctuation standing alone. Unlike {@link SyntheticNerLabeller}'s random tags, both tasks are
 * learnable: entity tags follow from names and contexts, and sentiment from varied sentiment words,
 * with contrast and negation templates so that no single word decides it.
 *
 * <p>Deterministic: the same seed and sizes give the same splits. The splits are disjoint (no
 * sentence appears twice in the whole data set). Each example's origin is
 * {@code generated/<split>:<n>}.
 *
 * <pre>{@code
 * ExampleDataGenerator.Splits data = ExampleDataGenerator.builder().optSeed(7).build().generate();
 * }</pre>
 */
public final class ExampleDataGenerator {

    /** The sentence task. */
    public static final String SENTIMENT_TASK = "sentiment";

    /** The token task. */
    public static final String NER_TASK = "ner";

    /** The label of positive sentences. */
    public static final String POSITIVE = "positive";

    /** The label of negative sentences. */
    public static final String NEGATIVE = "negative";

    /** The default seed. */
    public static final long DEFAULT_SEED = 42L;

    private static final int ATTEMPTS_PER_SENTENCE = 50;

    /**
     * The generated splits.
     *
     * @param train the training examples
     * @param dev the development examples
     * @param test the test examples
     */
    public record Splits(List<LabeledExample> train, List<LabeledExample> dev, List<LabeledExample> test) {

        /**
         * Copies the lists.
         *
         * @param train the training examples
         * @param dev the development examples
         * @param test the test examples
         */
        public Splits {
            train = List.copyOf(train);
            dev = List.copyOf(dev);
            test = List.copyOf(test);
        }
    }

    private final long seed;
    private final int trainSize;
    private final int devSize;
    private final int testSize;

    private ExampleDataGenerator(Builder builder) {
        this.seed = builder.seed;
        this.trainSize = builder.trainSize;
        this.devSize = builder.devSize;
        this.testSize = builder.testSize;
    }

    /**
     * Creates a builder: seed {@value #DEFAULT_SEED}, 3000 / 300 / 300 sentences.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates the splits.
     *
     * @return train, dev and test examples of the configured sizes
     * @throws IllegalStateException if the templates cannot give that many distinct sentences
     */
    public Splits generate() {
        SentenceFactory factory = new SentenceFactory(new Random(seed));
        Set<String> seen = new HashSet<>();
        List<LabeledExample> train = generate(factory, seen, "train", trainSize);
        List<LabeledExample> dev = generate(factory, seen, "dev", devSize);
        List<LabeledExample> test = generate(factory, seen, "test", testSize);
        return new Splits(train, dev, test);
    }

    /**
     * Generates the splits and writes them in the JointBERT layout: {@code dir/train},
     * {@code dir/dev} and {@code dir/test}, each with {@code seq.in}, {@code seq.out} (the
     * {@value #NER_TASK} tags) and {@code label} (the {@value #SENTIMENT_TASK} labels). Read them
     * back with a {@link io.mtl4j.data.read.JointBertReader} whose sentence task is
     * {@value #SENTIMENT_TASK} and tag task {@value #NER_TASK}.
     *
     * @param dir the folder to write into, created if needed
     * @return the splits written
     */
    public Splits writeJointBertLayout(Path dir) {
        Splits splits = generate();
        JointBertWriter.write(dir.resolve("train"), splits.train(), SENTIMENT_TASK, NER_TASK);
        JointBertWriter.write(dir.resolve("dev"), splits.dev(), SENTIMENT_TASK, NER_TASK);
        JointBertWriter.write(dir.resolve("test"), splits.test(), SENTIMENT_TASK, NER_TASK);
        return splits;
    }

    private static List<LabeledExample> generate(SentenceFactory factory, Set<String> seen, String split, int size) {
        List<LabeledExample> examples = new ArrayList<>(size);
        int attempts = 0;
        while (examples.size() < size) {
            if (++attempts > size * ATTEMPTS_PER_SENTENCE) {
                throw new IllegalStateException("cannot generate " + size + " distinct " + split
                        + " sentences: only " + examples.size() + " after " + (attempts - 1) + " attempts");
            }
            SentenceFactory.Sentence s = factory.next();
            if (seen.add(String.join(" ", s.words()))) {
                examples.add(LabeledExample.ofWords("generated/" + split + ":" + (examples.size() + 1), s.words(),
                        Map.of(SENTIMENT_TASK, s.sentiment()), Map.of(NER_TASK, s.tags())));
            }
        }
        return examples;
    }

    /** Configures an {@link ExampleDataGenerator}. */
    public static final class Builder {

        private long seed = DEFAULT_SEED;
        private int trainSize = 3000;
        private int devSize = 300;
        private int testSize = 300;

        private Builder() {}

        /**
         * Sets the seed.
         *
         * @param seed the seed, {@value ExampleDataGenerator#DEFAULT_SEED} by default
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the number of sentences per split.
         *
         * @param train the training size, at least 1 (3000 by default)
         * @param dev the development size, at least 0 (300 by default)
         * @param test the test size, at least 0 (300 by default)
         * @return this builder
         */
        public Builder optSizes(int train, int dev, int test) {
            this.trainSize = train;
            this.devSize = dev;
            this.testSize = test;
            return this;
        }

        /**
         * Validates the configuration and builds the generator.
         *
         * @return the generator
         * @throws IllegalArgumentException if a size is out of range
         */
        public ExampleDataGenerator build() {
            if (trainSize < 1) {
                throw new IllegalArgumentException("train size must be positive, but is: " + trainSize);
            }
            if (devSize < 0) {
                throw new IllegalArgumentException("dev size must not be negative, but is: " + devSize);
            }
            if (testSize < 0) {
                throw new IllegalArgumentException("test size must not be negative, but is: " + testSize);
            }
            return new ExampleDataGenerator(this);
        }
    }
}
