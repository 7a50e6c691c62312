package io.mtl4j.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.batch.TaskLabels;
import io.mtl4j.eval.TaskEvaluation;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.predict.TaskPrediction;
import io.mtl4j.text.TokenizedText;
import java.util.List;
import java.util.Map;

/**
 * A task head: one class owns its block, loss, label vocabulary, decoding and metrics, so adding a
 * task means adding one class.
 *
 * <p>Heads read the shared encoder's outputs: {@code sequence [B, T, H]} and {@code pooled [B, H]}.
 * They produce logits ({@code [B, C]} for sentence tasks, {@code [B, T, C]} for token tasks).
 * A head is saved as its {@link #config()} (which includes the label vocabulary) plus its
 * {@link #namedParameters()}; a {@link TaskHeadFactory} registered through
 * {@link java.util.ServiceLoader} rebuilds it from the config.
 */
public interface TaskHead {

    /** @return the task's name; also the prefix of its parameters in saved models ({@code heads.<name>.}) */
    String name();

    /** @return the kind of labels the head predicts */
    TaskType type();

    /** @return the type name written to saved models, matched by a {@link TaskHeadFactory#type()} */
    String headType();

    /** @return the label vocabulary, frozen before training */
    LabelVocabulary labels();

    /**
     * Creates the head's parameters.
     *
     * @param manager the manager that will own them (the model's)
     * @param hiddenSize the encoder's hidden size H
     */
    void initialize(NDManager manager, int hiddenSize);

    /** @return the parameters by name relative to the head (e.g. {@code classifier.weight}), stable order */
    Map<String, Parameter> namedParameters();

    /**
     * Computes logits from the encoder's outputs.
     *
     * @param parameterStore the store giving parameter values
     * @param encoderOutput {@code NDList(sequence [B, T, H], pooled [B, H])}
     * @param training whether dropout is active
     * @return logits, {@code [B, C]} or {@code [B, T, C]}
     */
    NDArray forward(ParameterStore parameterStore, NDList encoderOutput, boolean training);

    /**
     * Computes the loss over the labelled positions (labels &ge; 0).
     *
     * @param logits the output of {@link #forward}
     * @param labels this task's labels for the batch
     * @return a scalar, 0 when nothing is labelled
     */
    NDArray loss(NDArray logits, TaskLabels labels);

    /**
     * Decodes the most probable label indices.
     *
     * @param logits the output of {@link #forward}
     * @param positions for token tasks, per example the token positions to decode (in order); ignored by
     *     sentence tasks
     * @return per example: one label index for sentence tasks, one per requested position for token tasks
     */
    int[][] decode(NDArray logits, int[][] positions);

    /**
     * Turns logits into user-facing predictions for raw texts. Every runtime decodes through this method,
     * so DJL and ONNX Runtime give identical result objects for identical logits.
     *
     * @param logits the logits for these texts, as Java floats
     * @param texts the tokenized texts, in batch order
     * @param topK how many labels to list for sentence tasks (at least 1)
     * @return one prediction per text
     */
    List<TaskPrediction> predict(Logits logits, List<TokenizedText> texts, int topK);

    /**
     * Turns logits into user-facing predictions for raw texts.
     *
     * @param logits the output of {@link #forward} for these texts
     * @param texts the tokenized texts, in batch order
     * @param topK how many labels to list for sentence tasks (at least 1)
     * @return one prediction per text
     */
    default List<TaskPrediction> predict(NDArray logits, List<TokenizedText> texts, int topK) {
        return predict(Logits.of(logits), texts, topK);
    }

    /**
     * Scores decoded labels against gold labels with the metrics the task's field uses.
     *
     * @param gold per example the gold label indices (as {@link #decode} returns them; negative for a label
     *     outside the vocabulary)
     * @param predicted per example the decoded indices
     * @return the evaluation
     */
    TaskEvaluation evaluate(List<int[]> gold, List<int[]> predicted);

    /** @return the head's configuration: {@code type}, {@code labels} and its options */
    ObjectNode config();
}
