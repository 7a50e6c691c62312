package io.mtl4j.data.encode;

import io.mtl4j.data.Word;
import io.mtl4j.label.LabelVocabulary;
import io.mtl4j.label.Labels;
import io.mtl4j.text.TokenizedText;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one tag per given word on the word's first token: a token belongs to the given word whose
 * {@code [start, end)} contains the token's start offset, so a word the tokenizer splits further
 * ({@code "U.S."} into {@code u . s .}) is still labelled once.
 */
final class WordTagAligner {

    private static final Logger LOG = LoggerFactory.getLogger(WordTagAligner.class);

    private WordTagAligner() {
    }

    /**
     * @param origin the example's origin, for messages
     * @param task the task name, for messages
     * @param tokens the tokenized text
     * @param words the given words, in text order
     * @param tags one tag per word
     * @param vocabulary the task's labels
     * @param tally where losses and unknown labels are counted
     * @return one label per token: the tag id on each word's first token, {@link Labels#IGNORE_INDEX}
     *     elsewhere
     */
    static int[] align(String origin, String task, TokenizedText tokens, List<Word> words, List<String> tags,
            LabelVocabulary vocabulary, ReportTally.TaskTally tally) {
        int[] wordStarts = wordStarts(origin, words);
        int[] firstToken = new int[words.size()];
        Arrays.fill(firstToken, -1);
        for (int i = 0; i < tokens.length(); i++) {
            int start = tokens.starts()[i];
            if (start < 0) {
                continue;
            }
            int w = containingWord(wordStarts, words, start);
            if (w >= 0 && firstToken[w] < 0) {
                firstToken[w] = i;
            }
        }
        int[] labels = new int[tokens.length()];
        Arrays.fill(labels, Labels.IGNORE_INDEX);
        for (int w = 0; w < words.size(); w++) {
            String tag = tags.get(w);
            if (firstToken[w] >= 0) {
                int id = vocabulary.idOrUnknown(tag);
                if (id == LabelVocabulary.UNKNOWN_ID) {
                    tally.unknown(tag);
                }
                labels[firstToken[w]] = id;
            } else if (KeptText.cutByTruncation(tokens, words.get(w).start())) {
                tally.wordsLostToTruncation++;
            } else {
                tally.wordsWithoutTokens++;
                if (!LabelVocabularies.OUTSIDE.equals(tag)) {
                    LOG.warn("{}: word {} '{}' of task '{}' produces no token; its tag '{}' is lost",
                            origin, w, escaped(words.get(w).text()), task, tag);
                }
            }
        }
        return labels;
    }

    /**
     * Makes characters a log would hide visible: controls, whitespace, format characters (zero-width
     * space) and U+FFFD become a backslash, {@code u} and four hex digits.
     *
     * @param text a word
     * @return the word with such characters escaped
     */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT
                    || Character.isWhitespace(c) || c == '\uFFFD') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int[] wordStarts(String origin, List<Word> words) {
        int[] starts = new int[words.size()];
        int previousEnd = 0;
        for (int w = 0; w < words.size(); w++) {
            Word word = words.get(w);
            if (word.start() < previousEnd) {
                throw new IllegalArgumentException(origin + ": words must be in text order without overlap, but word "
                        + w + " '" + word.text() + "' starts at " + word.start() + " before the previous word's end "
                        + previousEnd);
            }
            starts[w] = word.start();
            previousEnd = word.end();
        }
        return starts;
    }

    /** @return the index of the word containing {@code offset}, or -1 */
    private static int containingWord(int[] wordStarts, List<Word> words, int offset) {
        int found = Arrays.binarySearch(wordStarts, offset);
        int w;
        if (found >= 0) {
            // Empty words share their start with the next word: take the last word starting here.
            w = found;
            while (w + 1 < wordStarts.length && wordStarts[w + 1] == offset) {
                w++;
            }
        } else {
            w = -found - 2;
        }
        return w >= 0 && offset < words.get(w).end() ? w : -1;
    }
}
