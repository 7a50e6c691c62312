package io.mtl4j.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtl4j.testing.TestResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {

    private static TextTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 16);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void spansAreUtf16IndicesEvenAfterEmojiAndAccents() {
        String text = "😀 Café  naïve São-Paulo";
        TokenizedText t = tokenizer.tokenize(text);
        for (int i = 0; i < t.length(); i++) {
            if (t.starts()[i] >= 0) {
                assertThat(t.starts()[i]).isLessThan(t.ends()[i]);
            }
        }
        int[] firsts = t.firstTokenOfEachWord();
        assertThat(firsts).hasSize(6);
        assertThat(text.substring(t.wordSpan(firsts[0])[0], t.wordSpan(firsts[0])[1])).isEqualTo("😀");
        assertThat(text.substring(t.wordSpan(firsts[1])[0], t.wordSpan(firsts[1])[1])).isEqualTo("Café");
        assertThat(text.substring(t.wordSpan(firsts[2])[0], t.wordSpan(firsts[2])[1])).isEqualTo("naïve");
        assertThat(text.substring(t.wordSpan(firsts[3])[0], t.wordSpan(firsts[3])[1])).isEqualTo("São");
        assertThat(text.substring(t.wordSpan(firsts[5])[0], t.wordSpan(firsts[5])[1])).isEqualTo("Paulo");
        assertThat(t.truncated()).isFalse();
    }

    @Test
    void vocabularySizeCountsTheVocabularyAndAddedTokens() throws Exception {
        assertThat(tokenizer.vocabularySize()).isEqualTo(30522);

        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(TestResources.miniLmTokenizerJson());
        ArrayNode added = (ArrayNode) root.get("added_tokens");
        added.add(((ObjectNode) added.get(0).deepCopy())
                .put("id", 30600).put("content", "[EXTRA]"));
        try (TextTokenizer extended = TextTokenizer.fromJson(json.writeValueAsBytes(root), 16)) {
            assertThat(extended.vocabularySize()).isEqualTo(30601);
        }
    }

    @Test
    void longTextIsTruncatedAndSaysSo() {
        TokenizedText t = tokenizer.tokenize("a b c d e f g h i j k l m n o p q r s t u v w x y z");
        assertThat(t.length()).isEqualTo(16);
        assertThat(t.truncated()).isTrue();
        assertThat(t.ids()[15]).isEqualTo(102L); // [SEP] kept at the end
    }

    @Test
    void emptyTextHasOnlySpecialTokens() {
        TokenizedText t = tokenizer.tokenize("");
        assertThat(t.ids()).containsExactly(101L, 102L);
        assertThat(t.firstTokenOfEachWord()).isEmpty();
    }
}
