package io.mtl4j.data.encode;

import io.mtl4j.batch.EncodedExample;
import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.data.LabeledExample;
import io.mtl4j.head.TaskType;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tokenizes examples and aligns their labels to tokens, for a fixed set of tasks.
 *
 * <ul>
 *   <li>Sentence task: one entry, the label's id.
 *   <li>Word tags (examples with {@link LabeledExample#words()}): each token belongs to the given word
 *       whose span contains its start; the first token of each word gets the word's tag id, every
 *       other position {@link io.mtl4j.label.Labels#IGNORE_INDEX}.
 *   <li>Entity spans: BIO tags on the tokenizer's pre-tokenized words, on each word's first token.
 * </ul>
 *
 * <p>A label outside the task's vocabulary becomes {@link LabelVocabulary#UNKNOWN_ID} (losses ignore
 * it, metrics count it as a miss). Unknown labels, truncation, words with no token and misaligned
 * entities are counted in the {@link EncodingReport} returned by {@link #encodeAll(List)}.
 *
 * <p>Immutable and thread-safe. It does not own the tokenizer: whoever created the tokenizer closes it.
 */
public final class ExampleEncoder {

    /** How many texts go to the native tokenizer in one call. */
    private static final int TOKENIZER_CHUNK = 4096;

    private final TextTokenizer tokenizer;
    private final List<TaskSpec> tasks;
    private final Map<String, TaskSpec> byName;

    /**
     * @param tokenizer the tokenizer (truncates to its maximum length)
     * @param tasks the tasks to encode labels for; names unique
     * @throws IllegalArgumentException if two tasks share a name
     */
    public ExampleEncoder(TextTokenizer tokenizer, List<TaskSpec> tasks) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.tasks = List.copyOf(tasks);
        Map<String, TaskSpec> map = new LinkedHashMap<>();
        for (TaskSpec task : this.tasks) {
            if (map.put(task.name(), task) != null) {
                throw new IllegalArgumentException("task names must be unique, but '" + task.name() + "' appears twice");
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** @return the tokenizer (not owned: whoever created it closes it) */
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** @return the tasks, in the order given */
    public List<TaskSpec> tasks() {
        return tasks;
    }

    /**
     * Encodes one example. Losses are logged (lost non-{@code O} tags at WARN) but not counted; use
     * {@link #encodeAll(List)} for data sets.
     *
     * @param example the example
     * @return the tokens and, for each task the example labels, its label indices
     * @throws IllegalArgumentException naming the example's origin if it labels a task this encoder
     *     does not know, or labels a task in a form that does not fit the task's type
     */
    public EncodedExample encode(LabeledExample example) {
        ReportTally tally = new ReportTally(tasks);
        return align(example, tokenizer.tokenize(example.text()), tally);
    }

    /**
     * Encodes examples, tokenizing them in batched native calls.
     *
     * @param examples the examples
     * @return the encoded examples in input order and the report of what their labels lost
     * @throws IllegalArgumentException naming the example's origin if it labels a task this encoder
     *     does not know, or labels a task in a form that does not fit the task's type
     */
    public EncodingResult encodeAll(List<LabeledExample> examples) {
        ReportTally tally = new ReportTally(tasks);
        List<EncodedExample> out = new ArrayList<>(examples.size());
        for (int from = 0; from < examples.size(); from += TOKENIZER_CHUNK) {
            List<LabeledExample> chunk = examples.subList(from, Math.min(examples.size(), from + TOKENIZER_CHUNK));
            List<String> texts = new ArrayList<>(chunk.size());
            for (LabeledExample example : chunk) {
                texts.add(example.text());
            }
            List<TokenizedText> tokenized = tokenizer.tokenize(texts);
            for (int i = 0; i < chunk.size(); i++) {
                out.add(align(chunk.get(i), tokenized.get(i), tally));
            }
        }
        return new EncodingResult(out, tally.build());
    }

    private EncodedExample align(LabeledExample example, TokenizedText tokens, ReportTally tally) {
        checkTasks(example);
        tally.example(tokens.truncated());
        Map<String, int[]> labels = new HashMap<>();
        for (TaskSpec task : tasks) {
            int[] taskLabels = task.type() == TaskType.SEQUENCE_CLASSIFICATION
                    ? sentenceLabel(example, task, tally.task(task.name()))
                    : tokenLabels(example, tokens, task, tally.task(task.name()));
            if (taskLabels != null) {
                labels.put(task.name(), taskLabels);
                ReportTally.TaskTally taskTally = tally.task(task.name());
                taskTally.examplesLabelled++;
                if (tokens.truncated()) {
                    taskTally.examplesTruncated++;
                }
            }
        }
        return new EncodedExample(tokens, labels);
    }

    private static int[] sentenceLabel(LabeledExample example, TaskSpec task, ReportTally.TaskTally tally) {
        String label = example.sentenceLabels().get(task.name());
        if (label == null) {
            return null;
        }
        int id = task.labels().idOrUnknown(label);
        if (id == LabelVocabulary.UNKNOWN_ID) {
            tally.unknown(label);
        }
        return new int[] {id};
    }

    private static int[] tokenLabels(
            LabeledExample example, TokenizedText tokens, TaskSpec task, ReportTally.TaskTally tally) {
        List<String> tags = example.wordTags().get(task.name());
        List<EntityAnnotation> entities = example.entities().get(task.name());
        if (tags != null && entities != null) {
            throw new IllegalArgumentException(example.origin() + ": task '" + task.name()
                    + "' has both word tags and entity spans; give one or the other");
        }
        if (tags != null) {
            return WordTagAligner.align(
                    example.origin(), task.name(), tokens, example.words(), tags, task.labels(), tally);
        }
        if (entities != null) {
            return EntityAligner.align(example.origin(), task.name(), tokens, entities, task.labels(), tally);
        }
        return null;
    }

    private void checkTasks(LabeledExample example) {
        for (String name : example.sentenceLabels().keySet()) {
            checkTask(example, name, TaskType.SEQUENCE_CLASSIFICATION, "a sentence label");
        }
        for (String name : example.wordTags().keySet()) {
            checkTask(example, name, TaskType.TOKEN_CLASSIFICATION, "word tags");
        }
        for (String name : example.entities().keySet()) {
            checkTask(example, name, TaskType.TOKEN_CLASSIFICATION, "entity spans");
        }
    }

    private void checkTask(LabeledExample example, String name, TaskType expected, String form) {
        TaskSpec task = byName.get(name);
        if (task == null) {
            throw new IllegalArgumentException(example.origin() + ": unknown task '" + name + "'; known tasks: "
                    + byName.keySet());
        }
        if (task.type() != expected) {
            throw new IllegalArgumentException(example.origin() + ": task '" + name + "' is " + task.type()
                    + " but the example gives it " + form);
        }
    }
}
