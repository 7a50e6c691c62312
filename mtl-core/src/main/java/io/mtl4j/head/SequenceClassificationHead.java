package io.mtl4j.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.eval.ClassificationEvaluator;
import io.mtl4j.eval.TaskEvaluation;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.loss.MaskedCrossEntropy;
import io.mtl4j.predict.Coverage;
import io.mtl4j.predict.LabelScore;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sentence classification (sentiment, intent, topic): pooled embedding {@code [B, H]} → dropout →
 * linear → {@code [B, C]}; softmax cross-entropy with optional class weights; accuracy, macro-F1 and
 * per-class precision/recall/F1.
 */
public final class SequenceClassificationHead extends AbstractTaskHead {

    /** The type name in saved configs. */
    public static final String TYPE = "sequence_classification";

    private final float[] classWeights;

    private SequenceClassificationHead(Builder builder) {
        super(builder.name, builder.labels, builder.dropout);
        if (builder.classWeights != null) {
            if (builder.classWeights.length != builder.labels.size()) {
                throw new IllegalArgumentException("classWeights must have one entry per label ("
                        + builder.labels.size() + "), but has " + builder.classWeights.length);
            }
            for (float w : builder.classWeights) {
                if (!(w >= 0) || Float.isInfinite(w)) {
                    throw new IllegalArgumentException("class weights must be finite and >= 0, but got " + w);
                }
            }
        }
        this.classWeights = builder.classWeights == null ? null : builder.classWeights.clone();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public TaskType type() {
        return TaskType.SEQUENCE_CLASSIFICATION;
    }

    @Override
    public String headType() {
        return TYPE;
    }

    @Override
    public NDArray forward(ParameterStore parameterStore, NDList encoderOutput, boolean training) {
        return classify(parameterStore, encoderOutput.get(1), training);
    }

    @Override
    public NDArray loss(NDArray logits, TaskLabels labels) {
        NDArray gold = logits.getManager().create(labels.values(), new Shape(labels.values().length));
        return MaskedCrossEntropy.compute(logits, gold, classWeights);
    }

    @Override
    public int[][] decode(NDArray logits, int[][] positions) {
        long[] best = logits.argMax(-1).toLongArray();
        int[][] out = new int[best.length][];
        for (int i = 0; i < best.length; i++) {
            out[i] = new int[] {(int) best[i]};
        }
        return out;
    }

    @Override
    public List<TaskPrediction> predict(Logits logits, List<TokenizedText> texts, int topK) {
        int classes = labels().size();
        requireClasses(logits, texts);
        float[] values = logits.values();
        int k = Math.max(1, Math.min(topK, classes));
        List<TaskPrediction> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            double[] p = softmax(values, i * classes, classes);
            Integer[] order = new Integer[classes];
            Arrays.setAll(order, c -> c);
            Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -p[c]));
            List<LabelScore> top = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                top.add(new LabelScore(labels().label(order[j]), p[order[j]]));
            }
            out.add(new TaskPrediction.Classification(name(), top.get(0).label(), top.get(0).probability(), top,
                    texts.get(i).truncated() ? Coverage.TRUNCATED : Coverage.WHOLE));
        }
        return out;
    }

    @Override
    public TaskEvaluation evaluate(List<int[]> gold, List<int[]> predicted) {
        ClassificationEvaluator evaluator = new ClassificationEvaluator(labels().labels());
        for (int i = 0; i < gold.size(); i++) {
            int g = gold.get(i)[0];
            evaluator.add(g >= 0 ? labels().label(g) : UNKNOWN_LABEL, labels().label(predicted.get(i)[0]));
        }
        return evaluator.result();
    }

    /** Gold label string used for labels that were not in the training vocabulary. */
    static final String UNKNOWN_LABEL = "<unknown>";

    @Override
    public ObjectNode config() {
        ObjectNode node = HeadConfigs.base(TYPE, labels());
        node.put("dropout", dropout());
        if (classWeights != null) {
            ArrayNode array = node.putArray("class_weights");
            for (float w : classWeights) {
                array.add(w);
            }
        }
        return node;
    }

    /** Builds {@link SequenceClassificationHead}s; {@code setX} for required fields, {@code optX} for options. */
    public static final class Builder extends HeadBuilder<Builder> {
        private float[] classWeights;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param classWeights one loss weight per label, in vocabulary order (default: none)
         * @return this builder
         */
        public Builder optClassWeights(float[] classWeights) {
            this.classWeights = classWeights == null ? null : classWeights.clone();
            return this;
        }

        /** @return the head */
        public SequenceClassificationHead build() {
            validate();
            return new SequenceClassificationHead(this);
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
                    .optClassWeights(HeadConfigs.floats(config, "class_weights"))
                    .build();
        }
    }
}
