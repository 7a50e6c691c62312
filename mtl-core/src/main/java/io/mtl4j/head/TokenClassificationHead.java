package io.mtl4j.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.eval.EntityEvaluator;
import io.mtl4j.eval.EntityExtractor;
import io.mtl4j.eval.EntitySpan;
import io.mtl4j.eval.TaskEvaluation;
import io.mtl4j.head.crf.ConditionalRandomField;
import io.mtl4j.head.crf.CrfWeights;
import io.mtl4j.head.crf.ViterbiDecoder;
import io.mtl4j.head.crf.TransitionConstraints;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.loss.MaskedCrossEntropy;
import io.mtl4j.predict.Coverage;
import io.mtl4j.predict.Entity;
import io.mtl4j.predict.TaggedWord;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Token classification (NER, slot filling): per-token hidden states {@code [B, T, H]} → dropout →
 * linear → {@code [B, T, C]}. A word's label sits on its first sub-word; other positions carry
 * {@link io.mtl4j.label.Labels#IGNORE_INDEX} and are ignored by the loss.
 *
 * <p>With {@link Builder#optCrf(boolean) a CRF}, the loss is the CRF's negative log-likelihood over the
 * labelled positions and decoding is Viterbi with BIO transition constraints (no {@code I-X} after
 * {@code O} or at the start). Without it, decoding is a per-word argmax. Metrics are entity-level
 * precision/recall/F1 with CoNLL semantics.
 */
public final class TokenClassificationHead extends AbstractTaskHead {

    /** The type name in saved configs. */
    public static final String TYPE = "token_classification";

    private final boolean useCrf;
    private final TransitionConstraints constraints;
    private ConditionalRandomField crf;

    private TokenClassificationHead(Builder builder) {
        super(builder.name, builder.labels, builder.dropout);
        this.useCrf = builder.crf;
        this.constraints = TransitionConstraints.bio(builder.labels.labels());
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether the head decodes with a CRF */
    public boolean usesCrf() {
        return useCrf;
    }

    @Override
    public TaskType type() {
        return TaskType.TOKEN_CLASSIFICATION;
    }

    @Override
    public String headType() {
        return TYPE;
    }

    @Override
    protected void initializeExtra(NDManager manager, int hiddenSize) {
        if (useCrf) {
            crf = new ConditionalRandomField(labels().size());
            crf.initialize(manager);
            crf.namedParameters().forEach(this::register);
        }
    }

    @Override
    public NDArray forward(ParameterStore parameterStore, NDList encoderOutput, boolean training) {
        return classify(parameterStore, encoderOutput.get(0), training);
    }

    @Override
    public NDArray loss(NDArray logits, TaskLabels labels) {
        if (useCrf) {
            return crf.negativeLogLikelihood(logits, labels.values());
        }
        int classes = labels().size();
        NDArray flat = logits.reshape(-1, classes);
        NDArray gold = logits.getManager().create(labels.values(), new Shape(labels.values().length));
        return MaskedCrossEntropy.compute(flat, gold, null);
    }

    @Override
    public int[][] decode(NDArray logits, int[][] positions) {
        float[] values = logits.toFloatArray();
        int length = Math.toIntExact(logits.getShape().get(1));
        CrfWeights weights = useCrf ? crf.snapshot() : null;
        int[][] out = new int[positions.length][];
        for (int b = 0; b < positions.length; b++) {
            out[b] = decodeExample(values, b, length, positions[b], weights);
        }
        return out;
    }

    private int[] decodeExample(float[] values, int example, int length, int[] positions, CrfWeights weights) {
        int classes = labels().size();
        float[][] emissions = new float[positions.length][classes];
        for (int w = 0; w < positions.length; w++) {
            System.arraycopy(values, (example * length + positions[w]) * classes, emissions[w], 0, classes);
        }
        if (useCrf) {
            return ViterbiDecoder.decode(emissions, weights, constraints).labels();
        }
        int[] best = new int[positions.length];
        for (int w = 0; w < positions.length; w++) {
            int arg = 0;
            for (int c = 1; c < classes; c++) {
                if (emissions[w][c] > emissions[w][arg]) {
                    arg = c;
                }
            }
            best[w] = arg;
        }
        return best;
    }

    @Override
    public List<TaskPrediction> predict(Logits logits, List<TokenizedText> texts, int topK) {
        int classes = labels().size();
        requireClasses(logits, texts);
        float[] values = logits.values();
        int length = logits.positions();
        CrfWeights weights = useCrf ? crf.snapshot() : null;
        List<TaskPrediction> out = new ArrayList<>(texts.size());
        for (int b = 0; b < texts.size(); b++) {
            TokenizedText text = texts.get(b);
            int[] firsts = text.firstTokenOfEachWord();
            int[] tags = decodeExample(values, b, length, firsts, weights);
            List<TaggedWord> words = new ArrayList<>(firsts.length);
            List<String> tagNames = new ArrayList<>(firsts.length);
            double[] probabilities = new double[firsts.length];
            for (int w = 0; w < firsts.length; w++) {
                double[] p = softmax(values, (b * length + firsts[w]) * classes, classes);
                probabilities[w] = p[tags[w]];
                int[] span = text.wordSpan(firsts[w]);
                String tag = labels().label(tags[w]);
                tagNames.add(tag);
                words.add(new TaggedWord(text.text().substring(span[0], span[1]), span[0], span[1], tag, p[tags[w]]));
            }
            List<Entity> entities = new ArrayList<>();
            for (EntitySpan span : EntityExtractor.extract(tagNames)) {
                int start = words.get(span.start()).start();
                int end = words.get(span.end() - 1).end();
                double score = 0;
                for (int w = span.start(); w < span.end(); w++) {
                    score += probabilities[w];
                }
                score /= span.end() - span.start();
                entities.add(new Entity(text.text().substring(start, end), span.type(), start, end, score));
            }
            out.add(new TaskPrediction.Tagging(name(), entities, words,
                    text.truncated() ? Coverage.TRUNCATED : Coverage.WHOLE));
        }
        return out;
    }

    @Override
    public TaskEvaluation evaluate(List<int[]> gold, List<int[]> predicted) {
        EntityEvaluator evaluator = new EntityEvaluator();
        for (int i = 0; i < gold.size(); i++) {
            evaluator.add(toTags(gold.get(i)), toTags(predicted.get(i)));
        }
        return evaluator.result();
    }

    private List<String> toTags(int[] ids) {
        List<String> tags = new ArrayList<>(ids.length);
        for (int id : ids) {
            // A gold tag unknown to the vocabulary can never be predicted; scoring it as "O" counts the
            // entity it belonged to as missed.
            tags.add(id >= 0 ? labels().label(id) : "O");
        }
        return tags;
    }

    @Override
    public ObjectNode config() {
        ObjectNode node = HeadConfigs.base(TYPE, labels());
        node.put("dropout", dropout());
        node.put("crf", useCrf);
        return node;
    }

    /** Builds {@link TokenClassificationHead}s; {@code setX} for required fields, {@code optX} for options. */
    public static final class Builder extends HeadBuilder<Builder> {
        private boolean crf;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param crf whether to add a CRF layer with BIO-constrained Viterbi decoding (default false)
         * @return this builder
         */
        public Builder optCrf(boolean crf) {
            this.crf = crf;
            return this;
        }

        /** @return the head */
        public TokenClassificationHead build() {
            validate();
            return new TokenClassificationHead(this);
        }
    }

    /** Rebuilds heads of type {@value #TYPE} from saved configs. */
    public static final class Factory implements TaskHeadFactory {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public TaskHead create(String name, ObjectNode config) {
            return builder()
                    .setName(name)
                    .setLabels(HeadConfigs.labels(config, name))
                    .optDropout((float) HeadConfigs.number(config, "dropout", 0.1))
                    .optCrf(config.path("crf").asBoolean(false))
                    .build();
        }
    }
}
