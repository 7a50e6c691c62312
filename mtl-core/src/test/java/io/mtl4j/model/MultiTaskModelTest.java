package io.mtl4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import io.mtl4j.batch.Batch;
import io.mtl4j.batch.BatchArrays;
import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.predict.TaggedWord;
import io.mtl4j.predict.TextPrediction;
import io.mtl4j.testing.TinyBert;
import io.mtl4j.testing.ToyData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MultiTaskModelTest {

    @Test
    void oneEncoderPassFeedsEveryHead() {
        try (MultiTaskModel model = ToyData.model(1, false);
                NDManager manager = model.manager().newSubManager();
                NDScope scope = new NDScope()) {
            Batch batch = ToyData.batches(ToyData.examples(model.encoder().tokenizer(), 4, 1), 4).get(0);
            ModelOutput out = model.forward(new ParameterStore(manager, false),
                    BatchArrays.encoderInputs(manager, batch), false, null);
            assertThat(out.encoderOutput().get(0).getShape().getShape())
                    .containsExactly(4, batch.length(), TinyBert.config().hiddenSize());
            assertThat(out.logits().keySet()).containsExactly(ToyData.MOOD, ToyData.PLACE);
            assertThat(out.logits().get(ToyData.MOOD).getShape().getShape()).containsExactly(4, 2);
            assertThat(out.logits().get(ToyData.PLACE).getShape().getShape()).containsExactly(4, batch.length(), 3);
        }
    }

    @Test
    void predictionOffsetsAreExactSubstringsAndEmptyTextsGetNothing() {
        try (MultiTaskModel model = ToyData.model(2, false)) {
            List<String> texts = List.of("  Café   naïve  😀 São-Paulo. ", "", "   ", "x".repeat(10) + " y".repeat(60));
            List<TextPrediction> predictions = model.predict(texts, 2);
            assertThat(predictions).hasSize(4);
            TextPrediction first = predictions.get(0);
            assertThat(first.classification(ToyData.MOOD).topK()).hasSize(2);
            List<TaggedWord> words = first.tagging(ToyData.PLACE).words();
            assertThat(words).extracting(TaggedWord::text)
                    .containsExactly("Café", "naïve", "😀", "São", "-", "Paulo", ".");
            for (TaggedWord w : words) {
                assertThat(texts.get(0).substring(w.start(), w.end())).isEqualTo(w.text());
            }
            first.tagging(ToyData.PLACE).entities()
                    .forEach(e -> assertThat(texts.get(0).substring(e.start(), e.end())).isEqualTo(e.text()));
            assertThat(predictions.get(1).tasks()).isEmpty();
            assertThat(predictions.get(2).tasks()).isEmpty();
            // Longer than the 32-token maximum: read in sliding windows by default, every word tagged once.
            TextPrediction longText = predictions.get(3);
            assertThat(longText.truncated()).isFalse();
            assertThat(longText.windows()).isEqualTo(3);
            assertThat(longText.tagging(ToyData.PLACE).words()).hasSize(61);
            assertThat(longText.tagging(ToyData.PLACE).coverage()).isEqualTo(io.mtl4j.predict.Coverage.WINDOWS_STITCHED);
            assertThat(longText.classification(ToyData.MOOD).coverage())
                    .isEqualTo(io.mtl4j.predict.Coverage.WINDOWS_AVERAGED);
            assertThat(predictions.get(0).truncated()).isFalse();
            assertThat(predictions.get(0).windows()).isEqualTo(1);
        }
    }

    @Test
    void predictIsThreadSafe() throws Exception {
        try (MultiTaskModel model = ToyData.model(3, true)) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                texts.add("we saw paris " + i + " and it was good");
            }
            List<TextPrediction> expected = model.predict(texts);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<TextPrediction>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    futures.add(pool.submit(() -> model.predict(texts)));
                }
                for (Future<List<TextPrediction>> f : futures) {
                    assertThat(f.get()).isEqualTo(expected);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void builderRejectsDuplicateAndInvalidNames() {
        SequenceClassificationHead a = SequenceClassificationHead.builder().setName("mood").setLabels(ToyData.MOODS).build();
        SequenceClassificationHead b = SequenceClassificationHead.builder().setName("mood").setLabels(ToyData.MOODS).build();
        assertThatThrownBy(() -> MultiTaskModel.builder().addHead(a).addHead(b))
                .hasMessage("two heads are named 'mood'");
        assertThatThrownBy(() -> SequenceClassificationHead.builder().setName("heads.mood").setLabels(ToyData.MOODS).build())
                .hasMessage("task name must be a letter followed by up to 63 letters, digits, '_' or '-', but is: 'heads.mood'");
        assertThatThrownBy(() -> MultiTaskModel.builder().addHead(a).build()).hasMessage("encoder must be set");
    }
}
