package io.mtl4j.data.task;

import java.util.List;

/** The check behind {@link TagSchemePolicy#REJECT_MIXED}, shared by data sets and their collection. */
final class MixedSchemes {

    /**
     * A part of the data labelling one task, e.g. a split of a data set.
     *
     * @param label how messages name it, e.g. {@code train (train.txt)}
     * @param detection its scheme
     */
    record Part(String label, TagSchemeDetection detection) {
    }

    private MixedSchemes() {
    }

    /**
     * Fails when two parts with entity tags use different schemes.
     *
     * @param context what the parts belong to, starting the message, e.g. {@code task 'ner'}
     * @param parts the parts, in the order messages should name them
     * @throws IllegalArgumentException naming the first part and the first one differing from it
     */
    static void reject(String context, List<Part> parts) {
        Part first = null;
        for (Part part : parts) {
            if (part.detection().scheme().isEmpty()) {
                continue;
            }
            if (first == null) {
                first = part;
            } else if (!first.detection().scheme().equals(part.detection().scheme())) {
                throw new IllegalArgumentException(context + ": " + first.label() + " uses "
                        + first.detection().describe() + " but " + part.label() + " uses "
                        + part.detection().describe() + "; convert with TagSchemePolicy.CONVERT_TO_BIO");
            }
        }
    }

    /**
     * @param origin an example origin such as {@code data/train.txt:12}
     * @return the origin without a trailing {@code :line}, e.g. {@code data/train.txt}
     */
    static String source(String origin) {
        int colon = origin.lastIndexOf(':');
        if (colon < 0 || colon == origin.length() - 1) {
            return origin;
        }
        for (int i = colon + 1; i < origin.length(); i++) {
            if (!Character.isDigit(origin.charAt(i))) {
                return origin;
            }
        }
        return origin.substring(0, colon);
    }
}
