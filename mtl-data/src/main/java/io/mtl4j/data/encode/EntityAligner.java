package io.mtl4j.data.encode;

import io.mtl4j.data.EntityAnnotation;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.label.Labels;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns entity spans into BIO tags on the tokenizer's own pre-tokenized words: a word overlapping a
 * span gets {@code B-X} if it is the span's first such word, else {@code I-X}; other words get
 * {@code O}. Each word's tag goes on its first token.
 */
final class EntityAligner {

    private static final Logger LOG = LoggerFactory.getLogger(EntityAligner.class);

    private EntityAligner() {
    }

    /**
     * @param origin the example's origin, for messages
     * @param task the task name, for messages
     * @param tokens the tokenized text
     * @param entities the task's entity spans
     * @param vocabulary the task's labels
     * @param tally where losses, misalignments and unknown labels are counted
     * @return one label per token: the BIO tag id on each word's first token,
     *     {@link Labels#IGNORE_INDEX} elsewhere
     */
    static int[] align(String origin, String task, TokenizedText tokens, List<EntityAnnotation> entities,
            LabelVocabulary vocabulary, ReportTally.TaskTally tally) {
        int[] firsts = tokens.firstTokenOfEachWord();
        int[][] spans = new int[firsts.length][];
        for (int w = 0; w < firsts.length; w++) {
            spans[w] = tokens.wordSpan(firsts[w]);
        }
        String[] tags = new String[firsts.length];
        List<EntityAnnotation> sorted = new ArrayList<>(entities);
        sorted.sort(Comparator.comparingInt(EntityAnnotation::start).thenComparingInt(EntityAnnotation::end));
        for (EntityAnnotation entity : sorted) {
            tagEntity(origin, task, tokens, entity, spans, tags, tally);
        }
        int[] labels = new int[tokens.length()];
        Arrays.fill(labels, Labels.IGNORE_INDEX);
        for (int w = 0; w < firsts.length; w++) {
            String tag = tags[w] == null ? LabelVocabularies.OUTSIDE : tags[w];
            int id = vocabulary.idOrUnknown(tag);
            if (id == LabelVocabulary.UNKNOWN_ID) {
                tally.unknown(tag);
            }
            labels[firsts[w]] = id;
        }
        return labels;
    }

    private static void tagEntity(String origin, String task, TokenizedText tokens, EntityAnnotation entity,
            int[][] spans, String[] tags, ReportTally.TaskTally tally) {
        boolean misaligned = false;
        boolean begun = false;
        for (int w = 0; w < spans.length; w++) {
            int start = spans[w][0];
            int end = spans[w][1];
            if (start >= entity.end() || end <= entity.start()) {
                continue;
            }
            if (start < entity.start() || end > entity.end()) {
                misaligned = true;
            }
            if (tags[w] != null) {
                misaligned = true;
                continue;
            }
            tags[w] = begun ? BioTags.inside(entity.label()) : BioTags.begin(entity.label());
            begun = true;
        }
        if (misaligned) {
            tally.misalignedEntities++;
            LOG.debug("{}: entity {} of task '{}' does not fall on word boundaries or overlaps another",
                    origin, entity, task);
        }
        if (!begun) {
            if (KeptText.cutByTruncation(tokens, entity.start())) {
                tally.entitiesLostToTruncation++;
            } else if (!misaligned) {
                tally.entitiesWithoutTokens++;
                LOG.warn("{}: entity {} of task '{}' covers no token and is lost", origin, entity, task);
            }
        }
    }
}
