package io.mtl4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.mtl4j.batch.Batch;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.encoder.SharedEncoderFactory;
import io.mtl4j.engine.NoGradient;
import io.mtl4j.engine.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Embedding distillation: keeps the pooled embedding of every training sentence close to the one a frozen
 * teacher (usually a copy of the encoder before training) gives it, with the loss {@code mean(1 − cos(student,
 * teacher))}. It needs no pair data: it reads the sentences the tasks train on. Cosine rather than squared
 * error because sentence transformers are compared by cosine, and the cosine ignores the embeddings' scale.
 *
 * <p>The teacher runs in inference mode (no dropout, no gradient) on the same token ids, so it must use the
 * student's tokenizer. Close this objective after training when it owns its teacher ({@link
 * #snapshotOf(String, SharedEncoder)}).
 */
public final class EmbeddingDistillation implements EmbeddingObjective, AutoCloseable {

    /** The name the examples use. */
    public static final String DEFAULT_NAME = "distill";

    private final String name;
    private final SharedEncoder teacher;
    private final boolean ownsTeacher;

    private EmbeddingDistillation(String name, SharedEncoder teacher, boolean ownsTeacher) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.name = name;
        this.teacher = Objects.requireNonNull(teacher, "teacher");
        this.ownsTeacher = ownsTeacher;
    }

    /**
     * Distils from a frozen copy of the encoder as it is now: call it before training starts.
     *
     * @param name the objective's name
     * @param encoder the encoder that will train; it is copied (weights, configuration, tokenizer)
     * @return the objective, owning the copy
     * @throws IllegalArgumentException if no {@link SharedEncoderFactory} builds the encoder's type
     */
    public static EmbeddingDistillation snapshotOf(String name, SharedEncoder encoder) {
        SharedEncoderFactory factory = SharedEncoderFactory.forType(encoder.type());
        Map<String, NDArray> weights = new LinkedHashMap<>();
        encoder.namedParameters().forEach((parameter, p) -> weights.put(parameter, p.getArray()));
        return new EmbeddingDistillation(name, factory.create(encoder.config(), weights, encoder.tokenizer().json()),
                true);
    }

    /**
     * Distils from a given teacher, which the caller keeps and closes.
     *
     * @param name the objective's name
     * @param teacher the frozen teacher; it must tokenize like the student
     * @return the objective
     */
    public static EmbeddingDistillation from(String name, SharedEncoder teacher) {
        return new EmbeddingDistillation(name, teacher, false);
    }

    @Override
    public String name() {
        return name;
    }

    /** Every batch: the sentences the tasks train on are the distillation data. */
    @Override
    public boolean appliesTo(Batch batch) {
        return true;
    }

    /**
     * @throws IllegalArgumentException if the teacher's embeddings are not as wide as the student's
     */
    @Override
    public NDArray loss(NDArray embeddings, NDList encoderInputs, Batch batch) {
        NDArray target;
        try (NoGradient noGradient = new NoGradient()) {
            target = teacher.block().forward(new ParameterStore(embeddings.getManager(), false), encoderInputs, false)
                    .get(1).stopGradient();
        }
        if (!target.getShape().equals(embeddings.getShape())) {
            throw new IllegalArgumentException("the teacher's embeddings have shape " + target.getShape()
                    + ", the model's " + embeddings.getShape() + ": '" + name + "' needs a teacher of the same width");
        }
        NDArray cosines = Cosines.rowwise(embeddings, target);
        return cosines.neg().add(Scalars.of(cosines, 1f)).mean();
    }

    @Override
    public void close() {
        if (ownsTeacher) {
            teacher.close();
        }
    }

    @Override
    public String toString() {
        return "EmbeddingDistillation[" + name + "]";
    }
}
