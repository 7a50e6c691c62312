package io.mtl4j.data.task;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.eval.TagScheme;
import io.mtl4j.head.TaskType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One data set of a multi-task training run, such as SST-2 or CoNLL-2003: a name, the tasks it
 * labels and its train, dev and test splits (dev and test may be empty). Immutable.
 *
 * <p>The builder checks that the training split is not empty, that every example labels at least
 * one declared task and no other, that every declared task is labelled in the training split, and
 * that each task is labelled one way throughout: with sentence labels, or with word tags or entity
 * spans.
 *
 * <pre>{@code
 * TaskDataSet conll = TaskDataSet.builder("conll").tasks("ner")
 *         .train(reader.read(dir.resolve("train.txt"))).dev(reader.read(dir.resolve("dev.txt")))
 *         .build()
 *         .harmonizeTagSchemes("ner", TagSchemePolicy.CONVERT_TO_BIO);
 * conll.conversions().forEach(c -> log.info(c.describe()));
 * log.info(conll.summary());
 * }</pre>
 */
public final class TaskDataSet {

    private final String name;
    private final List<String> tasks;
    private final Map<String, TaskType> taskTypes;
    private final Map<Split, List<LabeledExample>> splits;
    private final List<TagSchemeConversion> conversions;

    private TaskDataSet(String name, List<String> tasks, Map<String, TaskType> taskTypes,
            Map<Split, List<LabeledExample>> splits, List<TagSchemeConversion> conversions) {
        this.name = name;
        this.tasks = tasks;
        this.taskTypes = taskTypes;
        this.splits = splits;
        this.conversions = conversions;
    }

    /**
     * Starts a data set.
     *
     * @param name its name, e.g. {@code sst2}, used in summaries and messages
     * @return a new builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the declared tasks, in declaration order */
    public List<String> tasks() {
        return tasks;
    }

    /**
     * @param task a declared task
     * @return {@link TaskType#SEQUENCE_CLASSIFICATION} if it has sentence labels,
     *     {@link TaskType#TOKEN_CLASSIFICATION} if it has word tags or entity spans
     * @throws IllegalArgumentException if the task is not declared
     */
    public TaskType taskType(String task) {
        return taskTypes.get(requireDeclared(task));
    }

    /**
     * @param split a split
     * @return its examples, possibly empty (never for {@link Split#TRAIN})
     */
    public List<LabeledExample> split(Split split) {
        return splits.get(Objects.requireNonNull(split, "split"));
    }

    /** @return the training examples, not empty */
    public List<LabeledExample> train() {
        return split(Split.TRAIN);
    }

    /** @return the development examples, possibly empty */
    public List<LabeledExample> dev() {
        return split(Split.DEV);
    }

    /** @return the test examples, possibly empty */
    public List<LabeledExample> test() {
        return split(Split.TEST);
    }

    /** @return the tag scheme conversions made so far by {@link #harmonizeTagSchemes}, in order */
    public List<TagSchemeConversion> conversions() {
        return conversions;
    }

    /** @return per split, the number of examples and of examples labelling each task */
    public DataSetCounts counts() {
        return new DataSetCounts(count(Split.TRAIN), count(Split.DEV), count(Split.TEST));
    }

    /**
     * @return one line for the log, e.g.
     *     {@code sst2: train 60614 (sentiment 60614), dev 6735 (sentiment 6735), test 872 (sentiment 872)}
     */
    public String summary() {
        DataSetCounts counts = counts();
        StringBuilder text = new StringBuilder(name).append(": ");
        String separator = "";
        for (Split split : Split.values()) {
            text.append(separator).append(split.label()).append(' ').append(counts.get(split).describe());
            separator = ", ";
        }
        return text.toString();
    }

    /**
     * Detects the tag scheme of a token task in one split.
     *
     * @param task a declared token task
     * @param split the split
     * @return the scheme, none when the split has no entity tags for the task
     * @throws IllegalArgumentException if the task is not declared or has sentence labels
     */
    public TagSchemeDetection detectTagScheme(String task, Split split) {
        requireTokenTask(task);
        return TagSchemeDetector.detect(split(split), task);
    }

    /**
     * Makes a token task's splits agree on one tag scheme. With {@link TagSchemePolicy#CONVERT_TO_BIO}
     * every IOB1 or BIOES split is rewritten as BIO and recorded in {@link #conversions()}; with
     * {@link TagSchemePolicy#REJECT_MIXED} the tags are kept, and splits with different schemes are
     * an error.
     *
     * @param task a declared token task
     * @param policy what to do
     * @return the data set with the task's tags in one scheme ({@code this} when nothing changed)
     * @throws IllegalArgumentException if the task is not declared or has sentence labels; under
     *     {@code REJECT_MIXED}, naming two splits with different schemes and the evidence
     */
    public TaskDataSet harmonizeTagSchemes(String task, TagSchemePolicy policy) {
        requireTokenTask(task);
        Objects.requireNonNull(policy, "policy");
        if (policy == TagSchemePolicy.REJECT_MIXED) {
            MixedSchemes.reject("data set '" + name + "' task '" + task + "'", schemeParts(task, false));
            return this;
        }
        Map<Split, List<LabeledExample>> converted = new EnumMap<>(splits);
        List<TagSchemeConversion> made = new ArrayList<>(conversions);
        for (Split split : Split.values()) {
            TagSchemeDetection detection = TagSchemeDetector.detect(split(split), task);
            Optional<TagScheme> scheme = detection.scheme();
            if (scheme.isEmpty() || scheme.get() == TagScheme.BIO) {
                continue;
            }
            List<LabeledExample> before = split(split);
            List<LabeledExample> after = TagSchemeConverter.toBio(before, task, scheme.get());
            int examples = 0;
            int tags = 0;
            for (int i = 0; i < before.size(); i++) {
                int changed = changedTags(before.get(i), after.get(i), task);
                examples += changed > 0 ? 1 : 0;
                tags += changed;
            }
            converted.put(split, after);
            made.add(new TagSchemeConversion(name, task, split, source(split, task), scheme.get(),
                    detection.evidence(), examples, tags));
        }
        if (made.size() == conversions.size()) {
            return this;
        }
        return new TaskDataSet(name, tasks, taskTypes, Collections.unmodifiableMap(converted), List.copyOf(made));
    }

    /**
     * The scheme of each split that labels a token task, named for messages.
     *
     * @param task the task
     * @param withName whether labels start with the data set's name (for messages across data sets)
     */
    List<MixedSchemes.Part> schemeParts(String task, boolean withName) {
        List<MixedSchemes.Part> parts = new ArrayList<>();
        for (Split split : Split.values()) {
            String label = (withName ? "data set '" + name + "' " : "") + split.label() + " (" + source(split, task) + ")";
            parts.add(new MixedSchemes.Part(label, TagSchemeDetector.detect(split(split), task)));
        }
        return parts;
    }

    /** @return the file of the split's first example labelling the task, or the split's name if none does */
    private String source(Split split, String task) {
        for (LabeledExample example : split(split)) {
            if (labels(example, task)) {
                return MixedSchemes.source(example.origin());
            }
        }
        return split.label();
    }

    private static int changedTags(LabeledExample before, LabeledExample after, String task) {
        if (before == after) {
            return 0;
        }
        List<String> old = before.wordTags().get(task);
        List<String> now = after.wordTags().get(task);
        int changed = 0;
        for (int i = 0; i < old.size(); i++) {
            changed += old.get(i).equals(now.get(i)) ? 0 : 1;
        }
        return changed;
    }

    private SplitCounts count(Split split) {
        Map<String, Integer> labelled = new LinkedHashMap<>();
        for (String task : tasks) {
            int n = 0;
            for (LabeledExample example : split(split)) {
                n += labels(example, task) ? 1 : 0;
            }
            labelled.put(task, n);
        }
        return new SplitCounts(split(split).size(), labelled);
    }

    private String requireDeclared(String task) {
        Objects.requireNonNull(task, "task");
        if (!taskTypes.containsKey(task)) {
            throw new IllegalArgumentException(
                    "data set '" + name + "': task '" + task + "' is not declared (declared: " + tasks + ")");
        }
        return task;
    }

    private void requireTokenTask(String task) {
        if (taskType(task) != TaskType.TOKEN_CLASSIFICATION) {
            throw new IllegalArgumentException("data set '" + name + "': task '" + task
                    + "' has sentence labels, which have no tag scheme");
        }
    }

    static boolean labels(LabeledExample example, String task) {
        return example.sentenceLabels().containsKey(task) || example.wordTags().containsKey(task)
                || example.entities().containsKey(task);
    }

    @Override
    public String toString() {
        return summary();
    }

    /** Collects and validates a {@link TaskDataSet}. */
    public static final class Builder {

        private final String name;
        private final Set<String> tasks = new LinkedHashSet<>();
        private final List<String> duplicateTasks = new ArrayList<>();
        private final Map<Split, List<LabeledExample>> splits = new EnumMap<>(Split.class);

        private Builder(String name) {
            this.name = name;
            for (Split split : Split.values()) {
                splits.put(split, List.of());
            }
        }

        /**
         * Declares tasks the data set labels.
         *
         * @param names task names, e.g. {@code sentiment}
         * @return this builder
         */
        public Builder tasks(String... names) {
            for (String task : names) {
                if (!tasks.add(task)) {
                    duplicateTasks.add(task);
                }
            }
            return this;
        }

        /**
         * Sets the examples of a split (replacing any set before).
         *
         * @param split the split
         * @param examples its examples
         * @return this builder
         */
        public Builder split(Split split, List<LabeledExample> examples) {
            splits.put(Objects.requireNonNull(split, "split"), List.copyOf(examples));
            return this;
        }

        /**
         * @param examples the training examples, required
         * @return this builder
         */
        public Builder train(List<LabeledExample> examples) {
            return split(Split.TRAIN, examples);
        }

        /**
         * @param examples the development examples, empty by default
         * @return this builder
         */
        public Builder dev(List<LabeledExample> examples) {
            return split(Split.DEV, examples);
        }

        /**
         * @param examples the test examples, empty by default
         * @return this builder
         */
        public Builder test(List<LabeledExample> examples) {
            return split(Split.TEST, examples);
        }

        /**
         * Validates and builds the data set.
         *
         * @return the data set
         * @throws IllegalArgumentException naming the data set (and example origin and task where
         *     there is one) if the name or a task name is blank, no task or a task twice is declared,
         *     the training split is empty, an example labels an undeclared task or no declared task,
         *     a declared task is not labelled in the training split, or a task is labelled both with
         *     sentence labels and with word tags or entities
         */
        public TaskDataSet build() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("data set name must not be blank, but is: "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            String context = "data set '" + name + "': ";
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException(context + "no task is declared");
            }
            for (String task : tasks) {
                if (task == null || task.isBlank()) {
                    throw new IllegalArgumentException(context + "task names must not be blank, but one is: "
                            + (task == null ? "null" : "'" + task + "'"));
                }
            }
            if (!duplicateTasks.isEmpty()) {
                throw new IllegalArgumentException(context + "task '" + duplicateTasks.get(0) + "' is declared twice");
            }
            if (splits.get(Split.TRAIN).isEmpty()) {
                throw new IllegalArgumentException(context + "the training split is empty");
            }
            Map<String, TaskType> types = new LinkedHashMap<>();
            Map<String, String> typeOrigins = new LinkedHashMap<>();
            for (List<LabeledExample> examples : splits.values()) {
                for (LabeledExample example : examples) {
                    check(example, context, types, typeOrigins);
                }
            }
            for (String task : tasks) {
                if (splits.get(Split.TRAIN).stream().noneMatch(e -> labels(e, task))) {
                    throw new IllegalArgumentException(context + "task '" + task
                            + "' is declared but no example of the training split labels it");
                }
            }
            return new TaskDataSet(name, List.copyOf(tasks), Collections.unmodifiableMap(types),
                    Collections.unmodifiableMap(new EnumMap<>(splits)), List.of());
        }

        private void check(LabeledExample example, String context, Map<String, TaskType> types,
                Map<String, String> typeOrigins) {
            Set<String> labelled = new LinkedHashSet<>(example.sentenceLabels().keySet());
            labelled.addAll(example.wordTags().keySet());
            labelled.addAll(example.entities().keySet());
            for (String task : labelled) {
                if (!tasks.contains(task)) {
                    throw new IllegalArgumentException(context + "example " + example.origin() + " labels task '"
                            + task + "', which is not declared (declared: " + tasks + ")");
                }
                TaskType type = example.sentenceLabels().containsKey(task) ? TaskType.SEQUENCE_CLASSIFICATION
                        : TaskType.TOKEN_CLASSIFICATION;
                boolean both = type == TaskType.SEQUENCE_CLASSIFICATION
                        && (example.wordTags().containsKey(task) || example.entities().containsKey(task));
                TaskType known = types.putIfAbsent(task, type);
                if (both || known != null && known != type) {
                    String first = both ? example.origin() : typeOrigins.get(task);
                    TaskType firstType = both ? TaskType.SEQUENCE_CLASSIFICATION : known;
                    TaskType secondType = both ? TaskType.TOKEN_CLASSIFICATION : type;
                    throw new IllegalArgumentException(context + "task '" + task + "' has " + kind(firstType)
                            + " in " + first + " but " + kind(secondType) + " in " + example.origin());
                }
                typeOrigins.putIfAbsent(task, example.origin());
            }
            if (labelled.isEmpty()) {
                throw new IllegalArgumentException(
                        context + "example " + example.origin() + " labels none of the declared tasks " + tasks);
            }
        }
    }

    /** @return how messages name the labels of a task of this type */
    static String kind(TaskType type) {
        return type == TaskType.SEQUENCE_CLASSIFICATION ? "sentence labels" : "word tags or entities";
    }
}
