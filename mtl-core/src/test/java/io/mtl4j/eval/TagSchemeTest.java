package io.mtl4j.eval;

import static io.mtl4j.eval.EntityExtractorTest.span;
import static io.mtl4j.eval.EntityExtractorTest.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagSchemeTest {

    @Test
    void parseIgnoresCaseAndAcceptsAliases() {
        assertThat(TagScheme.parse("iob1")).isEqualTo(TagScheme.IOB1);
        assertThat(TagScheme.parse("BIO")).isEqualTo(TagScheme.BIO);
        assertThat(TagScheme.parse("Iob2")).isEqualTo(TagScheme.BIO);
        assertThat(TagScheme.parse("bioes")).isEqualTo(TagScheme.BIOES);
        assertThat(TagScheme.parse(" IOBES ")).isEqualTo(TagScheme.BIOES);
    }

    @Test
    void parseListsValidChoices() {
        assertThatThrownBy(() -> TagScheme.parse("BILOU"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown tag scheme 'BILOU'; valid choices: IOB1, BIO (or IOB2), BIOES (or IOBES)");
    }

    @Test
    void validTagsAreOOrAPrefixOfTheSchemeWithAType() {
        assertThat(TagScheme.BIO.isValidTag("O")).isTrue();
        assertThat(TagScheme.BIO.isValidTag("B-PER")).isTrue();
        assertThat(TagScheme.BIO.isValidTag("I-MISC-X")).isTrue();
        assertThat(TagScheme.BIO.isValidTag("E-PER")).isFalse();
        assertThat(TagScheme.BIO.isValidTag("B-")).isFalse();
        assertThat(TagScheme.BIO.isValidTag("-PER")).isFalse();
        assertThat(TagScheme.BIO.isValidTag("PER")).isFalse();
        assertThat(TagScheme.BIOES.isValidTag("S-PER")).isTrue();
        assertThat(TagScheme.IOB1.isValidTag("S-PER")).isFalse();
    }

    @Test
    void encodeWritesEachScheme() {
        List<EntitySpan> spans = List.of(span("PER", 0, 1), span("LOC", 2, 5), span("LOC", 5, 6));
        assertThat(TagScheme.BIO.encode(spans, 7)).isEqualTo(tags("B-PER O B-LOC I-LOC I-LOC B-LOC O"));
        assertThat(TagScheme.BIOES.encode(spans, 7)).isEqualTo(tags("S-PER O B-LOC I-LOC E-LOC S-LOC O"));
        // IOB1: B only where an entity directly follows one of the same type
        assertThat(TagScheme.IOB1.encode(spans, 7)).isEqualTo(tags("I-PER O I-LOC I-LOC I-LOC B-LOC O"));
        assertThat(TagScheme.BIO.encode(List.of(), 2)).isEqualTo(tags("O O"));
    }

    @Test
    void encodeRejectsOverlapOverrunAndEmptyType() {
        assertThatThrownBy(() -> TagScheme.BIO.encode(List.of(span("A", 0, 2), span("B", 1, 3)), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spans must be ordered and not overlap, but EntitySpan[type=B, start=1, end=3] follows "
                        + "EntitySpan[type=A, start=0, end=2]");
        assertThatThrownBy(() -> TagScheme.BIO.encode(List.of(span("A", 1, 3)), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("span must end within 2 words, but is: EntitySpan[type=A, start=1, end=3]");
        assertThatThrownBy(() -> TagScheme.BIO.encode(List.of(span("", 0, 1)), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("span type must not be empty, but span is: EntitySpan[type=, start=0, end=1]");
        assertThatThrownBy(() -> TagScheme.BIO.encode(List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length must not be negative, but is: -1");
    }

    @Test
    void convertIob1ToBio() {
        assertThat(EntityExtractor.convert(tags("I-PER I-PER O I-LOC B-LOC"), TagScheme.IOB1, TagScheme.BIO))
                .isEqualTo(tags("B-PER I-PER O B-LOC B-LOC"));
    }

    @Test
    void convertBioToIob1() {
        assertThat(EntityExtractor.convert(tags("B-PER I-PER O B-LOC B-LOC B-PER"), TagScheme.BIO, TagScheme.IOB1))
                .isEqualTo(tags("I-PER I-PER O I-LOC B-LOC I-PER"));
    }

    @Test
    void convertBioToBioesRepairsIAfterOAsExtractReadsIt() {
        assertThat(EntityExtractor.convert(tags("B-PER I-PER I-PER O B-LOC B-LOC O I-ORG"), TagScheme.BIO,
                TagScheme.BIOES))
                .isEqualTo(tags("B-PER I-PER E-PER O S-LOC S-LOC O S-ORG"));
    }

    @Test
    void convertBioesToBioAndIob1() {
        List<String> bioes = tags("S-PER B-LOC I-LOC E-LOC S-LOC");
        assertThat(EntityExtractor.convert(bioes, TagScheme.BIOES, TagScheme.BIO))
                .isEqualTo(tags("B-PER B-LOC I-LOC I-LOC B-LOC"));
        assertThat(EntityExtractor.convert(bioes, TagScheme.BIOES, TagScheme.IOB1))
                .isEqualTo(tags("I-PER I-LOC I-LOC I-LOC B-LOC"));
    }

    @Test
    void convertRejectsTagsOutsideTheSourceScheme() {
        assertThatThrownBy(() -> EntityExtractor.convert(tags("B-PER E-PER"), TagScheme.BIO, TagScheme.BIOES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tag 1 is not a valid BIO tag, but is: 'E-PER' "
                        + "(expected O or one of [B, I] followed by '-' and a type)");
    }

    /**
     * Every sequence of up to 4 tags over a small alphabet of each scheme (including ill-formed ones
     * such as I- after O, E- without B-), converted to every scheme: the entities are kept, the output
     * is valid in the target scheme, and converting again within the target scheme changes nothing.
     */
    @Test
    void convertKeepsEntitiesForEverySequenceUpToLengthFour() {
        int checked = 0;
        for (TagScheme from : TagScheme.values()) {
            List<String> alphabet = new ArrayList<>(List.of("O"));
            for (String prefix : from.prefixes()) {
                alphabet.add(prefix + "-A");
            }
            alphabet.add("B-B");
            alphabet.add("I-B");
            for (List<String> sequence : sequencesUpTo(alphabet, 4)) {
                for (TagScheme to : TagScheme.values()) {
                    List<String> converted = EntityExtractor.convert(sequence, from, to);
                    String context = sequence + " " + from.name() + " -> " + to.name() + " = " + converted;
                    assertThat(EntityExtractor.extract(converted)).as(context)
                            .isEqualTo(EntityExtractor.extract(sequence));
                    assertThat(converted).as(context).allMatch(to::isValidTag);
                    assertThat(EntityExtractor.convert(converted, to, to)).as(context).isEqualTo(converted);
                    checked++;
                }
            }
        }
        // sum over lengths 0..4 of 5^n (IOB1, BIO) and 7^n (BIOES), times three target schemes
        assertThat(checked).isEqualTo(3 * (2 * (1 + 5 + 25 + 125 + 625) + (1 + 7 + 49 + 343 + 2401)));
    }

    @Test
    void wellFormedBioSurvivesARoundTripThroughBioesAndIob1() {
        List<String> bio = tags("B-PER I-PER O B-LOC B-LOC I-LOC B-PER O B-ORG");
        List<String> viaBioes = EntityExtractor.convert(
                EntityExtractor.convert(bio, TagScheme.BIO, TagScheme.BIOES), TagScheme.BIOES, TagScheme.BIO);
        List<String> viaIob1 = EntityExtractor.convert(
                EntityExtractor.convert(bio, TagScheme.BIO, TagScheme.IOB1), TagScheme.IOB1, TagScheme.BIO);
        assertThat(viaBioes).isEqualTo(bio);
        assertThat(viaIob1).isEqualTo(bio);
    }

    private static List<List<String>> sequencesUpTo(List<String> alphabet, int maxLength) {
        List<List<String>> all = new ArrayList<>();
        List<List<String>> current = List.of(List.of());
        all.addAll(current);
        for (int length = 1; length <= maxLength; length++) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : current) {
                for (String tag : alphabet) {
                    List<String> longer = new ArrayList<>(prefix);
                    longer.add(tag);
                    next.add(longer);
                }
            }
            all.addAll(next);
            current = next;
        }
        return all;
    }
}
