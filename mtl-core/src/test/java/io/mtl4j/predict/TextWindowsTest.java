package io.mtl4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.testing.TestResources;
import io.mtl4j.text.TextTokenizer;
import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextWindowsTest {

    private static final TextTokenizer TOKENIZER = TextTokenizer.fromJson(TestResources.miniLmTokenizerJson(), 12);

    @Test
    void aTextThatFitsIsItsOwnSingleWindow() {
        TokenizedText t = TOKENIZER.tokenizeWhole(List.of("we saw paris")).get(0);
        TextWindows w = TextWindows.split(t, 12, 3);
        assertThat(w.windows()).containsExactly(t);
        assertThat(w.owner(0)).isEqualTo(-1);
        assertThat(w.owner(1)).isZero();
        assertThat(w.owner(t.length() - 1)).isEqualTo(-1);
    }

    @Test
    void windowsFitRepeatSpecialTokensOverlapAndCoverEveryTokenOnce() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            words.add("w" + (char) ('a' + i % 26));
        }
        String text = String.join(" ", words);
        TokenizedText whole = TOKENIZER.tokenizeWhole(List.of(text)).get(0);
        // Some words are one token ("wa"), others two ("wd" = "w", "##d"): 25 words, 42 content tokens.
        assertThat(whole.length()).isEqualTo(44);
        TextWindows w = TextWindows.split(whole, 12, 4);
        // Capacity 10 content tokens; ends fall back to word starts; the next window starts 4 tokens back,
        // moved forward to a word start.
        List<String> ranges = new ArrayList<>();
        for (TokenizedText window : w.windows()) {
            assertThat(window.length()).isLessThanOrEqualTo(12);
            assertThat(window.ids()[0]).isEqualTo(whole.ids()[0]);
            assertThat(window.ids()[window.length() - 1]).isEqualTo(whole.ids()[whole.length() - 1]);
            int[] firsts = window.firstTokenOfEachWord();
            ranges.add(window.text().substring(window.starts()[firsts[0]], window.ends()[window.length() - 2]));
        }
        assertThat(ranges).containsExactly("wa wb wc wd we wf wg", "wf wg wh wi wj", "wi wj wk wl wm",
                "wl wm wn wo wp", "wo wp wq wr ws wt", "ws wt wu wv ww", "wv ww wx wy");
        // Each token's owner is the window where its word's first token is farthest from an edge: "wf" (tokens
        // 7-8) is 3 from window 0's end but first in window 1; "wg" (9-10) is second in window 1.
        StringBuilder owners = new StringBuilder();
        for (int t = 0; t < whole.length(); t++) {
            owners.append(w.owner(t)).append(t + 1 < whole.length() ? "," : "");
        }
        assertThat(owners.toString()).isEqualTo(
                "-1,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,2,2,2,2,3,3,3,3,3,3,3,4,4,4,4,4,5,5,5,5,5,6,6,6,6,6,6,-1");
    }

    @Test
    void stitchingTakesEachTokensRowFromItsOwner() {
        TokenizedText whole = TOKENIZER.tokenizeWhole(List.of("a b c d e f g h i j k l m n")).get(0);
        TextWindows w = TextWindows.split(whole, 8, 2);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            float[] r = new float[w.windows().get(i).length()];
            java.util.Arrays.fill(r, i + 1);
            rows.add(r);
        }
        float[] stitched = w.stitch(rows, 1);
        for (int t = 0; t < whole.length(); t++) {
            assertThat(stitched[t]).isEqualTo(w.owner(t) + 1f);
        }
    }

    @Test
    void anOverlapAsLargeAsTheWindowIsRefused() {
        TokenizedText whole = TOKENIZER.tokenizeWhole(List.of("a b c d e f g h i j k l m n")).get(0);
        assertThatThrownBy(() -> TextWindows.split(whole, 12, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowOverlap must be smaller than a window's 10 content tokens (maxLength 12 minus "
                        + "special tokens), but is: 10");
    }
}
