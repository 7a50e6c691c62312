package io.mtl4j.data.encode;

/** The BIO tag names entity spans are turned into. */
final class BioTags {

    private BioTags() {
    }

    /**
     * @param type an entity type, e.g. {@code PER}
     * @return the tag of the entity's first word, e.g. {@code B-PER}
     */
    static String begin(String type) {
        return "B-" + type;
    }

    /**
     * @param type an entity type
     * @return the tag of the entity's other words, e.g. {@code I-PER}
     */
    static String inside(String type) {
        return "I-" + type;
    }
}
