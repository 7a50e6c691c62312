package io.mtl4j.predict;

import io.mtl4j.text.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tokenized text longer than the encoder's maximum, cut into overlapping windows that each fit.
 *
 * <p>Every window repeats the text's leading and trailing special tokens ({@code [CLS]}, {@code [SEP]})
 * around a run of its content tokens. Window ends fall on word starts, so no word is split (unless one
 * word alone is longer than a window). Each content token has one <em>owner</em>: the window where its
 * word's first token sits farthest from a window edge, so the model saw the most context on both sides.
 * Stitching copies each token's logits from its owner, which tags every word exactly once.
 */
public final class TextWindows {

    private final TokenizedText whole;
    private final int lead;
    private final List<TokenizedText> windows;
    private final int[] windowStarts;
    private final int[] owner;

    private TextWindows(TokenizedText whole, int lead, List<TokenizedText> windows, int[] windowStarts, int[] owner) {
        this.whole = whole;
        this.lead = lead;
        this.windows = List.copyOf(windows);
        this.windowStarts = windowStarts;
        this.owner = owner;
    }

    /**
     * Cuts a text into windows of at most {@code maxLength} tokens; a text that fits gives one window,
     * itself.
     *
     * @param whole the text tokenized without truncation
     * @param maxLength the encoder's maximum tokens per sequence, special tokens included
     * @param overlap content tokens neighbouring windows share
     * @return the windows
     * @throws IllegalArgumentException if the overlap leaves no room for progress
     */
    public static TextWindows split(TokenizedText whole, int maxLength, int overlap) {
        int n = whole.length();
        int[] wordIds = whole.wordIds();
        int lead = 0;
        while (lead < n && wordIds[lead] < 0) {
            lead++;
        }
        int trail = 0;
        while (trail < n - lead && wordIds[n - 1 - trail] < 0) {
            trail++;
        }
        int capacity = maxLength - lead - trail;
        if (capacity < 1 || overlap >= capacity) {
            throw new IllegalArgumentException("windowOverlap must be smaller than a window's " + capacity
                    + " content tokens (maxLength " + maxLength + " minus special tokens), but is: " + overlap);
        }
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        if (n <= maxLength) {
            Arrays.fill(owner, lead, n - trail, 0);
            return new TextWindows(whole, lead, List.of(whole), new int[] {lead}, owner);
        }
        int contentEnd = n - trail;
        List<int[]> ranges = new ArrayList<>();
        int start = lead;
        while (true) {
            int end = Math.min(start + capacity, contentEnd);
            if (end < contentEnd) {
                int wordStart = end;
                while (wordStart > start && sameWord(wordIds, wordStart)) {
                    wordStart--;
                }
                if (wordStart > start) {
                    end = wordStart;
                }
            }
            ranges.add(new int[] {start, end});
            if (end == contentEnd) {
                break;
            }
            int next = Math.max(end - overlap, start + 1);
            while (next < end && sameWord(wordIds, next)) {
                next++;
            }
            start = next;
        }
        List<TokenizedText> windows = new ArrayList<>(ranges.size());
        int[] starts = new int[ranges.size()];
        for (int w = 0; w < ranges.size(); w++) {
            starts[w] = ranges.get(w)[0];
            windows.add(window(whole, lead, trail, ranges.get(w)[0], ranges.get(w)[1]));
        }
        assignOwners(wordIds, ranges, lead, contentEnd, owner);
        return new TextWindows(whole, lead, windows, starts, owner);
    }

    private static boolean sameWord(int[] wordIds, int token) {
        return wordIds[token] >= 0 && wordIds[token] == wordIds[token - 1];
    }

    /** Each word goes to the window where its first token is farthest from an edge; its other tokens follow. */
    private static void assignOwners(int[] wordIds, List<int[]> ranges, int lead, int contentEnd, int[] owner) {
        for (int t = lead; t < contentEnd; t++) {
            if (t > lead && sameWord(wordIds, t)) {
                // Take the owner of the word's first token when this token is in that window too.
                int[] r = ranges.get(owner[t - 1]);
                if (t < r[1]) {
                    owner[t] = owner[t - 1];
                    continue;
                }
            }
            int best = -1;
            int bestMargin = -1;
            for (int w = 0; w < ranges.size(); w++) {
                int[] r = ranges.get(w);
                if (t >= r[0] && t < r[1]) {
                    int margin = Math.min(t - r[0], r[1] - 1 - t);
                    if (margin > bestMargin) {
                        best = w;
                        bestMargin = margin;
                    }
                }
            }
            owner[t] = best;
        }
    }

    private static TokenizedText window(TokenizedText whole, int lead, int trail, int start, int end) {
        int n = whole.length();
        int size = lead + (end - start) + trail;
        long[] ids = new long[size];
        long[] types = new long[size];
        int[] words = new int[size];
        int[] starts = new int[size];
        int[] ends = new int[size];
        int at = 0;
        for (int[] range : new int[][] {{0, lead}, {start, end}, {n - trail, n}}) {
            for (int t = range[0]; t < range[1]; t++, at++) {
                ids[at] = whole.ids()[t];
                types[at] = whole.typeIds()[t];
                words[at] = whole.wordIds()[t];
                starts[at] = whole.starts()[t];
                ends[at] = whole.ends()[t];
            }
        }
        return new TokenizedText(whole.text(), ids, types, words, starts, ends, false);
    }

    /** @return the text tokenized whole */
    public TokenizedText whole() {
        return whole;
    }

    /** @return the windows, in text order; one (the whole text) when it fits */
    public List<TokenizedText> windows() {
        return windows;
    }

    /** @return the number of windows */
    public int size() {
        return windows.size();
    }

    /**
     * @param token a token index of the whole text
     * @return the window whose logits the token takes, -1 for special tokens
     */
    public int owner(int token) {
        return owner[token];
    }

    /**
     * Builds token logits for the whole text from per-window logits: each token's row comes from its owner
     * window; rows of special tokens are zero (they are never decoded).
     *
     * @param windowRows per window its logits, row-major {@code [windowLength, classes]}
     * @param classes the number of labels
     * @return row-major {@code [whole.length(), classes]}
     */
    public float[] stitch(List<float[]> windowRows, int classes) {
        if (windowRows.size() != windows.size()) {
            throw new IllegalArgumentException("expected logits for " + windows.size() + " windows, but got "
                    + windowRows.size());
        }
        float[] out = new float[whole.length() * classes];
        for (int t = 0; t < owner.length; t++) {
            int w = owner[t];
            if (w >= 0) {
                int row = lead + (t - windowStarts[w]);
                System.arraycopy(windowRows.get(w), row * classes, out, t * classes, classes);
            }
        }
        return out;
    }
}
