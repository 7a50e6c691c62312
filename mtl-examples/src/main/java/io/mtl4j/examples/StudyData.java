package io.mtl4j.examples;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.encode.ExampleEncoder;
import io.mtl4j.data.encode.LabelVocabularies;
import io.mtl4j.data.encode.TaskSpec;
import io.mtl4j.data.read.AclImdbReader;
import io.mtl4j.data.read.ConllReader;
import io.mtl4j.data.read.DelimitedReader;
import io.mtl4j.data.synthetic.ExampleDataGenerator;
import io.mtl4j.data.task.TagSchemePolicy;
import io.mtl4j.data.task.TaskDataSet;
import io.mtl4j.data.task.TaskDataSets;
import io.mtl4j.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The data of the sentiment + NER studies, as separate data sets each labelled for one task: SST-2 or
 * IMDB for {@code sentiment} (labels {@code positive}/{@code negative}) with CoNLL-2003 for {@code ner}
 * (IOB1 converted to BIO), or the project's generated sentences split into a sentiment-only and an
 * NER-only half.
 */
final class StudyData {

    /** The sentence task. */
    static final String SENTIMENT = ExampleDataGenerator.SENTIMENT_TASK;
    /** The token task. */
    static final String NER = ExampleDataGenerator.NER_TASK;
    /** The sentiment data sets {@link #real} reads. */
    static final List<String> SENTIMENT_DATA = List.of("sst2", "imdb");

    private StudyData() {
    }

    /**
     * Limits of the real data.
     *
     * @param train training examples per data set (taken after a seeded shuffle), 0 for all
     * @param dev dev examples per data set (seeded subsample), 0 for all
     * @param test test examples per data set (seeded subsample), 0 for all
     * @param seed seeds the shuffles and IMDB's dev split
     */
    record Limits(int train, int dev, int test, long seed) {

        /** Validates the limits. */
        Limits {
            if (train < 0 || dev < 0 || test < 0) {
                throw new IllegalArgumentException("limits must be >= 0 (0 for all), but are: train " + train
                        + ", dev " + dev + ", test " + test);
            }
        }
    }

    /**
     * Reads a sentiment data set and CoNLL-2003.
     *
     * @param dataDir the folder holding {@code sst2/}, {@code imdb/aclImdb/} and {@code conll2003/}
     * @param sentiment {@code sst2} or {@code imdb}
     * @param limits how much of each split to keep
     * @return the data sets, sentiment first
     * @throws IllegalArgumentException naming a missing folder or an unknown sentiment data set
     */
    static TaskDataSets real(Path dataDir, String sentiment, Limits limits) {
        Random random = new Random(limits.seed());
        TaskDataSet sentimentSet = switch (sentiment) {
            case "sst2" -> sst2(folder(dataDir.resolve("sst2")), limits, random);
            case "imdb" -> imdb(folder(dataDir.resolve("imdb/aclImdb")), limits, random);
            default -> throw new IllegalArgumentException("unknown sentiment data set '" + sentiment
                    + "'; expected one of " + SENTIMENT_DATA);
        };
        Path conll = folder(dataDir.resolve("conll2003"));
        ConllReader reader = ConllReader.builder().optTagColumn(3).optTask(NER).optConvertIob1ToBio(true).build();
        TaskDataSet ner = TaskDataSet.builder("conll2003").tasks(NER)
                .train(limit(reader.read(conll.resolve("train.txt")), limits.train(), random))
                .dev(limit(reader.read(conll.resolve("dev.txt")), limits.dev(), random))
                .test(limit(reader.read(conll.resolve("test.txt")), limits.test(), random))
                .build();
        return TaskDataSets.builder().add(sentimentSet).add(ner).tagSchemePolicy(TagSchemePolicy.CONVERT_TO_BIO).build();
    }

    /**
     * Generates example sentences and splits them into two data sets: the first half of each split
     * labelled for sentiment only, the second half for entities only.
     *
     * @param perDataSet training sentences of each data set (dev and test get a quarter each, at least 20)
     * @param seed the generator's seed
     * @return the data sets {@code generated-sentiment} and {@code generated-ner}
     */
    static TaskDataSets generated(int perDataSet, long seed) {
        if (perDataSet < 1) {
            throw new IllegalArgumentException("generated sentences per data set must be at least 1, but is: "
                    + perDataSet);
        }
        int held = Math.max(20, perDataSet / 4);
        ExampleDataGenerator.Splits splits = ExampleDataGenerator.builder().optSeed(seed)
                .optSizes(2 * perDataSet, 2 * held, 2 * held).build().generate();
        TaskDataSet sentiment = TaskDataSet.builder("generated-sentiment").tasks(SENTIMENT)
                .train(only(firstHalf(splits.train(), true), SENTIMENT))
                .dev(only(firstHalf(splits.dev(), true), SENTIMENT))
                .test(only(firstHalf(splits.test(), true), SENTIMENT))
                .build();
        TaskDataSet ner = TaskDataSet.builder("generated-ner").tasks(NER)
                .train(only(firstHalf(splits.train(), false), NER))
                .dev(only(firstHalf(splits.dev(), false), NER))
                .test(only(firstHalf(splits.test(), false), NER))
                .build();
        return TaskDataSets.builder().add(sentiment).add(ner).build();
    }

    /**
     * Encodes every data set with its own task specs, printing what alignment lost.
     *
     * @param data the data sets
     * @param tokenizer the encoder's tokenizer
     * @return the study's inputs
     */
    static List<TransferStudy.DataSetInput> encode(TaskDataSets data, TextTokenizer tokenizer) {
        List<TransferStudy.DataSetInput> inputs = new ArrayList<>();
        for (TaskDataSet d : data.dataSets()) {
            System.out.println(" " + d.summary());
            List<TaskSpec> tasks = LabelVocabularies.taskSpecs(d.train());
            ExampleEncoder encoder = new ExampleEncoder(tokenizer, tasks);
            inputs.add(new TransferStudy.DataSetInput(d.name(), tasks, Pipeline.encode(encoder, d.train(), "train"),
                    Pipeline.encode(encoder, d.dev(), "dev"), Pipeline.encode(encoder, d.test(), "test")));
        }
        return inputs;
    }

    private static TaskDataSet sst2(Path dir, Limits limits, Random random) {
        DelimitedReader reader = DelimitedReader.builder().optFormat(DelimitedReader.Format.TSV)
                .setTextColumn("sentence").addLabelColumn(SENTIMENT, "label").build();
        return TaskDataSet.builder("sst2").tasks(SENTIMENT)
                .train(polarity(limit(reader.read(dir.resolve("train.tsv")), limits.train(), random)))
                .dev(polarity(limit(reader.read(dir.resolve("dev.tsv")), limits.dev(), random)))
                .test(polarity(limit(reader.read(dir.resolve("test.tsv")), limits.test(), random)))
                .build();
    }

    /** IMDB has no dev split: one is carved from train with the seed (as large as the dev limit, 2,500 at most). */
    private static TaskDataSet imdb(Path dir, Limits limits, Random random) {
        AclImdbReader reader = AclImdbReader.builder().optTask(SENTIMENT).build();
        List<LabeledExample> all = new ArrayList<>(reader.read(dir, AclImdbReader.Split.TRAIN));
        Collections.shuffle(all, random);
        int devSize = limits.dev() == 0 ? 2500 : Math.min(limits.dev(), 2500);
        List<LabeledExample> dev = all.subList(0, devSize);
        List<LabeledExample> train = all.subList(devSize, all.size());
        return TaskDataSet.builder("imdb").tasks(SENTIMENT)
                .train(polarity(limit(train, limits.train(), random)))
                .dev(polarity(dev))
                .test(polarity(limit(reader.read(dir, AclImdbReader.Split.TEST), limits.test(), random)))
                .build();
    }

    /** Maps SST-2's {@code 1}/{@code 0} and IMDB's {@code pos}/{@code neg} to {@code positive}/{@code negative}. */
    static List<LabeledExample> polarity(List<LabeledExample> examples) {
        List<LabeledExample> mapped = new ArrayList<>(examples.size());
        for (LabeledExample e : examples) {
            String label = e.sentenceLabels().get(SENTIMENT);
            String polarity = switch (label) {
                case "1", AclImdbReader.POSITIVE -> ExampleDataGenerator.POSITIVE;
                case "0", AclImdbReader.NEGATIVE -> ExampleDataGenerator.NEGATIVE;
                default -> throw new IllegalArgumentException(e.origin() + ": sentiment label must be 0, 1, pos or neg,"
                        + " but is: " + label);
            };
            mapped.add(new LabeledExample(e.origin(), e.text(), e.words(), Map.of(SENTIMENT, polarity), e.wordTags(),
                    e.entities()));
        }
        return mapped;
    }

    /** A seeded random subset of {@code limit} examples in their original order (all when 0 or enough). */
    private static List<LabeledExample> limit(List<LabeledExample> examples, int limit, Random random) {
        if (limit == 0 || examples.size() <= limit) {
            return examples;
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            indices.add(i);
        }
        Collections.shuffle(indices, random);
        List<Integer> kept = new ArrayList<>(indices.subList(0, limit));
        Collections.sort(kept);
        return kept.stream().map(examples::get).toList();
    }

    private static List<LabeledExample> firstHalf(List<LabeledExample> examples, boolean first) {
        int half = examples.size() / 2;
        return first ? examples.subList(0, half) : examples.subList(half, examples.size());
    }

    /** The examples with every label but the task's dropped. */
    private static List<LabeledExample> only(List<LabeledExample> examples, String task) {
        return examples.stream().map(e -> new LabeledExample(e.origin(), e.text(), e.words(),
                e.sentenceLabels().containsKey(task) ? Map.of(task, e.sentenceLabels().get(task)) : Map.of(),
                e.wordTags().containsKey(task) ? Map.of(task, e.wordTags().get(task)) : Map.of(),
                e.entities().containsKey(task) ? Map.of(task, e.entities().get(task)) : Map.of())).toList();
    }

    private static Path folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data folder not found: " + dir.toAbsolutePath()
                    + "; pass --data-dir <folder holding sst2/, imdb/aclImdb/ and conll2003/>");
        }
        return dir;
    }
}
