package io.mtl4j.data.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.data.LabeledExample;
import io.mtl4j.data.SharedData;
import io.mtl4j.data.read.ConllReader;
import io.mtl4j.data.Word;
import io.mtl4j.eval.EntityExtractor;
import io.mtl4j.eval.TagScheme;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Detects the tag scheme of the real CoNLL-2003 files; skips when they are absent. */
class ConllTagSchemeRealDataTest {

    @Test
    void sharedConll2003TrainIsTaggedInBioAlthoughItsReadmeSaysIob1() {
        Path conll = SharedData.require("conll2003");
        List<LabeledExample> raw = ConllReader.builder().build().read(conll.resolve("train.txt"));

        TagSchemeDetection detection = TagSchemeDetector.detect(raw, "ner");

        // The README of shared/data calls these tags IOB1, but this copy is IOB2: no I- starts an
        // entity (the first sentence begins with B-ORG, where IOB1 would have I-ORG).
        assertThat(raw.get(0).wordTags().get("ner")).startsWith("B-ORG", "O", "B-MISC");
        assertThat(detection.scheme()).contains(TagScheme.BIO);
        assertThat(detection.evidence()).isEmpty();
        List<LabeledExample> converted = ConllReader.builder().optConvertIob1ToBio(true).build()
                .read(conll.resolve("train.txt"));
        assertThat(converted).extracting(e -> e.wordTags().get("ner"))
                .isEqualTo(raw.stream().map(e -> e.wordTags().get("ner")).toList());
    }

    @Test
    void conll2003InIob1AsDistributedIsDetectedAndConvertedLosslessly() {
        Path conll = SharedData.require("conll2003");
        List<LabeledExample> bio = ConllReader.builder().build().read(conll.resolve("dev.txt"));
        // Rewrite the BIO copy as IOB1, the scheme of the original distribution.
        List<LabeledExample> iob1 = bio.stream().map(e -> LabeledExample.ofWords(e.origin(),
                e.words().stream().map(Word::text).toList(), e.sentenceLabels(),
                Map.of("ner", EntityExtractor.convert(e.wordTags().get("ner"),
                        TagScheme.BIO, TagScheme.IOB1)))).toList();

        TagSchemeDetection detection = TagSchemeDetector.detect(iob1, "ner");
        List<LabeledExample> back = TagSchemeConverter.toBio(iob1, "ner", detection.scheme().orElseThrow());

        assertThat(detection.scheme()).contains(TagScheme.IOB1);
        assertThat(detection.evidence())
                .contains(new TagEvidence(conll.resolve("dev.txt") + ":1", 2, "I-ORG", "starts an entity"));
        assertThat(back).extracting(e -> e.wordTags().get("ner"))
                .isEqualTo(bio.stream().map(e -> e.wordTags().get("ner")).toList());
    }
}
