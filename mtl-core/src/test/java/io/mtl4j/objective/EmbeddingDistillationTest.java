package io.mtl4j.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.BatchArrays;
import io.mtl4j.encoder.bert.BertEncoder;
import io.mtl4j.eval.SimilarityEvaluation;
import io.mtl4j.loss.MultiTaskLoss;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import io.mtl4j.train.BatchSource;
import io.mtl4j.train.MultiTaskTrainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddingDistillationTest {

    private static final List<String> PROBES = List.of("we visited paris and it was lovely",
            "the team left tokyo, awful", "my friend liked new york", "they saw rome");

    @Test
    void aSnapshotTeachesTheEncoderItWasTakenFrom() {
        try (BertEncoder student = TinyBert.create(3);
                EmbeddingDistillation distill = EmbeddingDistillation.snapshotOf("distill", student);
                NDManager manager = NDManager.newBaseManager()) {
            Batch batch = ToyData.batches(ToyData.examples(student.tokenizer(), 8, 1), 8).get(0);
            NDList inputs = BatchArrays.encoderInputs(manager, batch);
            NDArray same = student.block().forward(new ParameterStore(manager, false), inputs, false).get(1);
            assertThat(distill.loss(same, inputs, batch).getFloat()).isCloseTo(0f, within(1e-6f));
            NDArray other = manager.randomNormal(same.getShape());
            assertThat(distill.loss(other, inputs, batch).getFloat()).isGreaterThan(0.5f);
            assertThat(distill.appliesTo(batch)).isTrue();
        }
    }

    @Test
    void refusesATeacherOfAnotherWidth() {
        try (BertEncoder student = TinyBert.create(3); EmbeddingDistillation distill =
                EmbeddingDistillation.snapshotOf("distill", student); NDManager manager = NDManager.newBaseManager()) {
            Batch batch = ToyData.batches(ToyData.examples(student.tokenizer(), 2, 1), 2).get(0);
            NDList inputs = BatchArrays.encoderInputs(manager, batch);
            assertThatThrownBy(() -> distill.loss(manager.zeros(new ai.djl.ndarray.types.Shape(2, 8)), inputs, batch))
                    .hasMessage("the teacher's embeddings have shape (2, 32), the model's (2, 8):"
                            + " 'distill' needs a teacher of the same width");
        }
    }

    @Test
    void distillationKeepsEmbeddingsNearTheStartWhileTheTasksStillLearn() {
        double plainDrift;
        double distilledDrift;
        TrainingResult distilled;
        try (MultiTaskModel model = ToyData.model(5, false)) {
            List<float[]> before = model.encode(PROBES, false);
            train(model, List.of(), Map.of());
            plainDrift = drift(before, model.encode(PROBES, false));
        }
        try (MultiTaskModel model = ToyData.model(5, false);
                EmbeddingDistillation distill = EmbeddingDistillation.snapshotOf("distill", model.encoder())) {
            List<float[]> before = model.encode(PROBES, false);
            distilled = train(model, List.of(distill), Map.of("distill", 5f));
            distilledDrift = drift(before, model.encode(PROBES, false));
        }
        assertThat(distilled.best().metric("place.f1")).isGreaterThan(0.7);
        assertThat(distilledDrift).isLessThan(plainDrift / 2);
    }

    private static TrainingResult train(MultiTaskModel model, List<EmbeddingObjective> objectives,
            Map<String, Float> weights) {
        List<Batch> train = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 96, 7), 16);
        List<Batch> dev = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 64, 8), 32);
        TrainingConfig config = TrainingConfig.builder().optEpochs(4).optLearningRate(3e-3).optHeadLearningRate(1e-2)
                .optProgressBar(false).optLoss(MultiTaskLoss.weighted(weights)).build();
        return new MultiTaskTrainer(config, objectives).fit(model, BatchSource.fixed(train), dev);
    }

    /** Mean of 1 - cos between each probe's embedding before and after. */
    private static double drift(List<float[]> before, List<float[]> after) {
        double sum = 0;
        for (int i = 0; i < before.size(); i++) {
            sum += 1 - SimilarityEvaluation.cosine(before.get(i), after.get(i));
        }
        return sum / before.size();
    }
}
