package io.mtl4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.head.SequenceClassificationHead;
import io.mtl4j.head.TaskHead;
import io.mtl4j.head.TokenClassificationHead;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.model.MultiTaskModel;
import io.mtl4j.testing.TestResources;
import io.mtl4j.testing.ToyData;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MultiTaskPredictorTest {

    private static final int MAX_LENGTH = 32;
    private static final TextTokenizer TOKENIZER =
            TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), MAX_LENGTH);
    private static final Map<String, TaskHead> HEADS = heads();

    private static Map<String, TaskHead> heads() {
        Map<String, TaskHead> heads = new LinkedHashMap<>();
        heads.put("mood", SequenceClassificationHead.builder().setName("mood")
                .setLabels(LabelVocabulary.of(List.of("bad", "good"))).build());
        heads.put("place", TokenClassificationHead.builder().setName("place")
                .setLabels(LabelVocabulary.of(List.of("O", "B-LOC", "I-LOC"))).build());
        return heads;
    }

    @AfterAll
    static void close() {
        TOKENIZER.close();
    }

    private static KeywordForwardPass keywords(int blindEdge) {
        return new KeywordForwardPass(TOKENIZER, Map.of("paris", 1, "london", 1, "new", 1, "york", 2), blindEdge);
    }

    private static MultiTaskPredictor predictor(ForwardPass pass, PredictorConfig config) {
        return new MultiTaskPredictor(pass, () -> HEADS, TOKENIZER, config);
    }

    @Test
    void entitiesAtEveryWindowSeamComeOutOnceWithExactOffsets() {
        // Filler words are one token each, so swapping one for a one-token city keeps every window in place.
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 3 * MAX_LENGTH + 10; i++) {
            words.add(i % 2 == 0 ? "and" : "the");
        }
        int overlap = PredictorConfig.defaults().overlapFor(MAX_LENGTH - 2);
        TextWindows plain = TextWindows.split(
                TOKENIZER.tokenizeWhole(List.of(String.join(" ", words))).get(0), MAX_LENGTH, overlap);
        assertThat(plain.size()).isGreaterThanOrEqualTo(4);
        // Word i is token i + 1. At each seam: a city as the last word of window j, another as the first word of
        // window j + 1, and "new york" straddling the end of window j.
        String[] cities = {"paris", "london"};
        for (int j = 0; j + 1 < plain.size(); j++) {
            TokenizedText window = plain.windows().get(j);
            int lastWord = window.wordIds()[window.length() - 2];
            int nextFirstWord = plain.windows().get(j + 1).wordIds()[1];
            words.set(lastWord - 1, "new");
            words.set(lastWord, "york");
            words.set(nextFirstWord, cities[j % 2]);
        }
        String text = String.join(" ", words);
        TokenizedText whole = TOKENIZER.tokenizeWhole(List.of(text)).get(0);
        assertThat(whole.length()).isGreaterThanOrEqualTo(3 * MAX_LENGTH);
        assertThat(TextWindows.split(whole, MAX_LENGTH, overlap).windows()).hasSize(plain.size());

        // Tokens within 2 positions of a window's edge are blind: the entities are found only if every word is
        // read from the window where it sits most central.
        TextPrediction p = predictor(keywords(2), PredictorConfig.defaults()).predict(List.of(text)).get(0);

        List<String> expected = new ArrayList<>();
        int from = 0;
        for (String w : words) {
            int start = text.indexOf(w, from);
            from = start + w.length();
            if (w.equals("paris") || w.equals("london") || w.equals("new")) {
                int end = w.equals("new") ? text.indexOf("york", from) + 4 : from;
                expected.add(text.substring(start, end) + " LOC [" + start + ", " + end + ")");
            }
        }
        TaskPrediction.Tagging place = p.tagging("place");
        assertThat(place.entities())
                .extracting(e -> e.text() + " " + e.label() + " [" + e.start() + ", " + e.end() + ")")
                .containsExactlyElementsOf(expected);
        assertThat(place.entities()).hasSize(2 * (plain.size() - 1));
        assertThat(place.words()).hasSize(words.size());
        assertThat(place.coverage()).isEqualTo(Coverage.WINDOWS_STITCHED);
        assertThat(p.windows()).isEqualTo(plain.size());
        assertThat(p.truncated()).isFalse();
    }

    @Test
    void sentenceTasksAverageTheWindowsOrReadTheFirstAndSaySo() {
        String text = "good " + "x ".repeat(40) + "bad bad";
        TextPrediction averaged = predictor(keywords(0), PredictorConfig.defaults()).predict(List.of(text)).get(0);
        TaskPrediction.Classification mood = averaged.classification("mood");
        assertThat(averaged.windows()).isEqualTo(2);
        assertThat(mood.coverage()).isEqualTo(Coverage.WINDOWS_AVERAGED);
        // Window logits (0, 1) and (2, 0): mean (1, 0.5), so p(bad) = 1 / (1 + e^-0.5).
        assertThat(mood.label()).isEqualTo("bad");
        assertThat(mood.probability()).isCloseTo(1 / (1 + Math.exp(-0.5)), org.assertj.core.data.Offset.offset(1e-6));

        PredictorConfig first = PredictorConfig.builder().optSentenceWindowing(SentenceWindowing.FIRST_WINDOW).build();
        TextPrediction firstOnly = predictor(keywords(0), first).predict(List.of(text)).get(0);
        assertThat(firstOnly.classification("mood").label()).isEqualTo("good");
        assertThat(firstOnly.classification("mood").coverage()).isEqualTo(Coverage.TRUNCATED);
        assertThat(firstOnly.tagging("place").coverage()).isEqualTo(Coverage.WINDOWS_STITCHED);
        assertThat(firstOnly.truncated()).isTrue();

        PredictorConfig truncate = PredictorConfig.builder().optLongTexts(LongTextPolicy.TRUNCATE).build();
        TextPrediction truncated = predictor(keywords(0), truncate).predict(List.of(text)).get(0);
        assertThat(truncated.windows()).isEqualTo(1);
        assertThat(truncated.truncated()).isTrue();
        assertThat(truncated.tagging("place").coverage()).isEqualTo(Coverage.TRUNCATED);
        assertThat(truncated.tagging("place").words()).hasSize(MAX_LENGTH - 2);
    }

    @Test
    void batchesAreLengthSortedAndPaddedOnlyToTheirLongestText() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            texts.add("x ".repeat(1 + (i * 7) % 19));
        }
        KeywordForwardPass pass = keywords(0);
        List<TextPrediction> out = predictor(pass, PredictorConfig.builder().optBatchSize(5).build()).predict(texts);
        assertThat(out).extracting(TextPrediction::text).containsExactlyElementsOf(texts);
        assertThat(pass.batchShapes).extracting(s -> s[0]).containsExactly(5, 5, 5, 5, 3);
        long previousMax = 0;
        for (int b = 0; b < pass.batchShapes.size(); b++) {
            long[] lengths = pass.batchLengths.get(b);
            long max = java.util.Arrays.stream(lengths).max().orElseThrow();
            assertThat(pass.batchShapes.get(b)[1]).isEqualTo(max);
            assertThat(java.util.Arrays.stream(lengths).min().orElseThrow()).isGreaterThanOrEqualTo(previousMax);
            previousMax = max;
        }
    }

    @Test
    void nullTextsAreNamedByIndexAndBlankTextsGetEmptyResults() {
        MultiTaskPredictor predictor = predictor(keywords(0), PredictorConfig.defaults());
        assertThatThrownBy(() -> predictor.predict(java.util.Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("texts[1] is null");
        List<TextPrediction> out = predictor.predict(List.of(" \t", "", "paris"));
        assertThat(out.get(0).tasks()).isEmpty();
        assertThat(out.get(0).windows()).isZero();
        assertThat(out.get(1).tasks()).isEmpty();
        assertThat(out.get(2).tasks()).containsOnlyKeys("mood", "place");
    }

    @Test
    void anOverlapThatLeavesNoProgressIsRefusedAtConstruction() {
        PredictorConfig config = PredictorConfig.builder().optWindowOverlap(30).build();
        assertThatThrownBy(() -> predictor(keywords(0), config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowOverlap must be smaller than a window's 30 content tokens (maxLength 32 minus "
                        + "[CLS] and [SEP]), but is: 30");
        assertThatThrownBy(() -> PredictorConfig.builder().optBatchSize(0).build())
                .hasMessage("batchSize must be at least 1, but is: 0");
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        try (MultiTaskModel model = ToyData.model(5, true)) {
            MultiTaskPredictor predictor = model.newPredictor(
                    PredictorConfig.builder().optBatchSize(4).optMaxConcurrentPasses(2).build());
            List<List<String>> perThread = new ArrayList<>();
            List<List<TextPrediction>> expected = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    texts.add("thread " + t + " saw paris " + "and rome ".repeat((t + i) % 5) + i);
                }
                perThread.add(texts);
                expected.add(predictor.predict(texts));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 3; round++) {
                    List<Future<List<TextPrediction>>> futures = new ArrayList<>();
                    for (List<String> texts : perThread) {
                        futures.add(pool.submit(() -> predictor.predict(texts)));
                    }
                    for (int t = 0; t < futures.size(); t++) {
                        assertThat(futures.get(t).get()).isEqualTo(expected.get(t));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
