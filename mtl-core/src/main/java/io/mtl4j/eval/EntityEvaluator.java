package io.mtl4j.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accumulates exact-span entity counts over the sentences of one evaluation run, as conlleval does:
 * a predicted entity is correct only if an expected entity has the same type, start and end.
 * Entities are found by {@link EntityExtractor#extract}, one sentence at a time; for tags {@code O}
 * and {@code P-TYPE} with {@code P} one of {@code B, I, E, S} the counts equal conlleval.pl's (with
 * the IOBES extension for {@code E} and {@code S}). Token accuracy compares tags as strings.
 *
 * <p>A mutable accumulator: create one per evaluation run, {@link #add} every sentence, then take
 * the {@link #result()}. Not thread-safe; to evaluate shards in parallel use one evaluator per shard
 * and merge the per-type counts with {@link PrecisionRecallF1#plus}.
 */
public final class EntityEvaluator {

    private final Map<String, PrecisionRecallF1> perType = new TreeMap<>();
    private long tokens;
    private long correctTokens;

    /** Creates an empty evaluator. */
    public EntityEvaluator() {
    }

    /**
     * Adds one sentence.
     *
     * @param gold the expected tags, one per word
     * @param predicted the predicted tags, one per word
     * @throws IllegalArgumentException if the two lists differ in length
     * @throws NullPointerException if a list or a tag is null
     */
    public void add(List<String> gold, List<String> predicted) {
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(predicted, "predicted");
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException("gold and predicted must have the same length, but gold has "
                    + gold.size() + " tags and predicted has " + predicted.size());
        }
        List<EntitySpan> goldSpans = EntityExtractor.extract(gold);
        List<EntitySpan> predictedSpans = EntityExtractor.extract(predicted);
        Set<EntitySpan> expected = new HashSet<>(goldSpans);
        for (EntitySpan span : predictedSpans) {
            if (expected.contains(span)) {
                count(span.type(), new PrecisionRecallF1(1, 0, 0));
            } else {
                count(span.type(), new PrecisionRecallF1(0, 1, 0));
            }
        }
        Set<EntitySpan> found = new HashSet<>(predictedSpans);
        for (EntitySpan span : goldSpans) {
            if (!found.contains(span)) {
                count(span.type(), new PrecisionRecallF1(0, 0, 1));
            }
        }
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).equals(predicted.get(i))) {
                correctTokens++;
            }
        }
        tokens += gold.size();
    }

    private void count(String type, PrecisionRecallF1 counts) {
        perType.merge(type, counts, PrecisionRecallF1::plus);
    }

    /** @return the figures for the sentences added so far (the evaluator can keep accumulating) */
    public EntityEvaluation result() {
        return new EntityEvaluation(perType, tokens, correctTokens);
    }
}
