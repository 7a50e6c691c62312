package io.mtl4j.testing;

import io.mtl4j.batch.Batch;
import io.mtl4j.batch.EncodedExample;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.label.Labels;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A learnable toy problem for engine tests, built without mtl-data: sentences such as "we saw paris
 * and it was good"; the sentence task "mood" is good/bad by the last word, the token task "place" tags
 * city words B-LOC (a two-word city gets B-LOC I-LOC).
 */
public final class ToyData {

    /** Sentence task name. */
    public static final String MOOD = "mood";
    /** Token task name. */
    public static final String PLACE = "place";
    /** Sentence labels. */
    public static final LabelVocabulary MOODS = LabelVocabulary.of(List.of("bad", "good"));
    /** Tags. */
    public static final LabelVocabulary TAGS = LabelVocabulary.of(List.of("O", "B-LOC", "I-LOC"));

    private static final String[] CITIES = {"paris", "london", "rome", "berlin", "new york", "tokyo"};
    private static final String[] SUBJECTS = {"we", "they", "my friend", "the team"};
    private static final String[] VERBS = {"saw", "visited", "left", "liked"};
    private static final String[] GOOD = {"good", "great", "lovely"};
    private static final String[] BAD = {"bad", "awful", "boring"};

    private ToyData() {
    }

    /**
     * A tiny random BERT with a "mood" sentence head and a "place" tagging head.
     *
     * @param seed the encoder's seed
     * @param crf whether the tagging head uses a CRF
     * @return the model (the caller closes it)
     */
    public static MultiTaskModel model(long seed, boolean crf) {
        return MultiTaskModel.builder()
                .setEncoder(TinyBert.create(seed))
                .addHead(SequenceClassificationHead.builder().setName(MOOD).setLabels(MOODS).build())
                .addHead(TokenClassificationHead.builder().setName(PLACE).setLabels(TAGS).optCrf(crf).build())
                .build();
    }

    /**
     * @param tokenizer the tokenizer
     * @param count how many examples
     * @param seed the seed
     * @return encoded examples labelled for both tasks
     */
    public static List<EncodedExample> examples(TextTokenizer tokenizer, int count, long seed) {
        Random random = new Random(seed);
        List<EncodedExample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean good = random.nextBoolean();
            String city = CITIES[random.nextInt(CITIES.length)];
            String text = SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + VERBS[random.nextInt(VERBS.length)] + " "
                    + city + " and it was " + (good ? GOOD : BAD)[random.nextInt(3)];
            TokenizedText tokens = tokenizer.tokenize(text);
            int cityStart = text.indexOf(city);
            int cityEnd = cityStart + city.length();
            int[] tags = new int[tokens.length()];
            Arrays.fill(tags, Labels.IGNORE_INDEX);
            for (int first : tokens.firstTokenOfEachWord()) {
                int start = tokens.starts()[first];
                tags[first] = start == cityStart ? 1 : start > cityStart && start < cityEnd ? 2 : 0;
            }
            out.add(new EncodedExample(tokens, Map.of(MOOD, new int[] {good ? 1 : 0}, PLACE, tags)));
        }
        return out;
    }

    /**
     * Pads examples into batches (the test-side twin of mtl-data's collator).
     *
     * @param examples the examples
     * @param batchSize examples per batch
     * @return the batches
     */
    public static List<Batch> batches(List<EncodedExample> examples, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += batchSize) {
            batches.add(collate(examples.subList(from, Math.min(examples.size(), from + batchSize))));
        }
        return batches;
    }

    /**
     * The same batches carrying only one task's labels, as if they came from a data set labelled for
     * that task alone.
     *
     * @param batches jointly labelled batches
     * @param task the task to keep
     * @return the single-task batches
     */
    public static List<Batch> onlyTask(List<Batch> batches, String task) {
        List<Batch> out = new ArrayList<>();
        for (Batch b : batches) {
            out.add(new Batch(b.size(), b.length(), b.inputIds(), b.attentionMask(), b.tokenTypeIds(),
                    Map.of(task, b.labels().get(task))));
        }
        return out;
    }

    private static Batch collate(List<EncodedExample> examples) {
        int size = examples.size();
        int length = examples.stream().mapToInt(e -> e.tokens().length()).max().orElseThrow();
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        int[] moods = new int[size];
        int[] places = new int[size * length];
        Arrays.fill(places, Labels.IGNORE_INDEX);
        for (int b = 0; b < size; b++) {
            EncodedExample e = examples.get(b);
            for (int t = 0; t < e.tokens().length(); t++) {
                ids[b * length + t] = e.tokens().ids()[t];
                mask[b * length + t] = 1;
                places[b * length + t] = e.labels().get(PLACE)[t];
            }
            moods[b] = e.labels().get(MOOD)[0];
        }
        Map<String, TaskLabels> labels = new HashMap<>();
        labels.put(MOOD, new TaskLabels(moods, 1));
        labels.put(PLACE, new TaskLabels(places, length));
        return new Batch(size, length, ids, mask, types, labels);
    }
}
