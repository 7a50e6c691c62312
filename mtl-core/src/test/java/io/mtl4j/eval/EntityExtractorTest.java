package io.mtl4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chunk extraction with conlleval.pl's rules. Each expected result is derived by hand from the rules
 * quoted in {@link EntityExtractor}'s javadoc; "end(p,t)"/"start(p,t)" name the rule that fires.
 */
class EntityExtractorTest {

    static List<String> tags(String tags) {
        return tags.isEmpty() ? List.of() : Arrays.asList(tags.split(" "));
    }

    static EntitySpan span(String type, int start, int end) {
        return new EntitySpan(type, start, end);
    }

    @Test
    void iob1EntityMayStartWithIAndBSeparatesAdjacentEntitiesOfOneType() {
        // 0 I-PER: start(O,I)        -> PER opens at 0
        // 1 I-PER: no rule           -> continues
        // 2 O    : end(I,O)          -> PER [0,2)
        // 3 I-LOC: start(O,I)        -> LOC opens at 3
        // 4 B-LOC: end(I,B), start B -> LOC [3,4), LOC opens at 4
        // end    : end(B,O)          -> LOC [4,5)
        assertThat(EntityExtractor.extract(tags("I-PER I-PER O I-LOC B-LOC")))
                .containsExactly(span("PER", 0, 2), span("LOC", 3, 4), span("LOC", 4, 5));
    }

    @Test
    void bioIAfterOStartsANewEntityAsInConlleval() {
        // 1 I-PER after O: start(O,I); 3 O: end(I,O); 4 B-LOC start; 5 I-LOC continues
        assertThat(EntityExtractor.extract(tags("O I-PER I-PER O B-LOC I-LOC")))
                .containsExactly(span("PER", 1, 3), span("LOC", 4, 6));
    }

    @Test
    void typeChangeEndsAndStartsEvenWithI() {
        // 1 I-LOC after B-PER: end and start by the type rule (PER != LOC)
        assertThat(EntityExtractor.extract(tags("B-PER I-LOC I-LOC")))
                .containsExactly(span("PER", 0, 1), span("LOC", 1, 3));
    }

    @Test
    void adjacentBioEntitiesOfOneTypeAreSeparatedByB() {
        assertThat(EntityExtractor.extract(tags("B-PER B-PER I-PER")))
                .containsExactly(span("PER", 0, 1), span("PER", 1, 3));
    }

    @Test
    void bioesSingleAndMultiWordEntities() {
        // 0 S-PER start; 1 O end(S,_) -> PER [0,1)
        // 2 B-LOC start; 3 I-LOC, 4 E-LOC continue
        // 5 B-ORG end(E,_), start B -> LOC [2,5); 6 E-ORG continues
        // 7 S-ORG end(E,_), start S -> ORG [5,7); end of sentence end(S,_) -> ORG [7,8)
        assertThat(EntityExtractor.extract(tags("S-PER O B-LOC I-LOC E-LOC B-ORG E-ORG S-ORG")))
                .containsExactly(span("PER", 0, 1), span("LOC", 2, 5), span("ORG", 5, 7), span("ORG", 7, 8));
    }

    @Test
    void bioesEndFollowedByBeginOfSameTypeIsTwoEntities() {
        // the IOBES extension: end(E,_) and start(_,B); the 2004 script would merge these
        assertThat(EntityExtractor.extract(tags("B-X E-X B-X E-X")))
                .containsExactly(span("X", 0, 2), span("X", 2, 4));
        // conlleval.pl's own E rules: start(O,E), then end(E,E) + start(E,E)
        assertThat(EntityExtractor.extract(tags("E-X E-X")))
                .containsExactly(span("X", 0, 1), span("X", 1, 2));
    }

    @Test
    void emptyAndAllOutsideSequencesHaveNoEntities() {
        assertThat(EntityExtractor.extract(List.of())).isEmpty();
        assertThat(EntityExtractor.extract(tags("O O O"))).isEmpty();
    }

    @Test
    void typeIsEverythingAfterTheFirstHyphen() {
        assertThat(EntityExtractor.extract(tags("B-MISC-X I-MISC-X O")))
                .containsExactly(span("MISC-X", 0, 2));
    }

    @Test
    void seqevalGetEntitiesExample() {
        // chakki-works/seqeval tests/test_metrics.py test_get_entities:
        // [('MISC', 3, 5), ('PER', 7, 8)] with inclusive ends
        assertThat(EntityExtractor.extract(tags("O O O B-MISC I-MISC I-MISC O B-PER I-PER")))
                .containsExactly(span("MISC", 3, 6), span("PER", 7, 9));
    }

    @Test
    void prefixWithoutTypeFollowsTheLetterRules() {
        // untyped tags (chunking data without types): the type rule never fires, so
        // start(O,I) at 1, end(I,O) at 3, start(O,B) at 4, end(B,O) after the sentence
        assertThat(EntityExtractor.extract(tags("O I I O B")))
                .containsExactly(span("", 1, 3), span("", 4, 5));
    }

    @Test
    void bareTagIsAPrefixWithEmptyTypeAsInConlleval() {
        // "PER" after O: prefix PER, type "": no rule fires, so it is outside
        assertThat(EntityExtractor.extract(tags("O PER O"))).isEmpty();
        // after B-LOC: end and start by the type rule (LOC != ""); nothing ends the ""-chunk
        // (O has type "" too), so it is closed at the end of the sentence
        assertThat(EntityExtractor.extract(tags("B-LOC PER O")))
                .containsExactly(span("LOC", 0, 1), span("", 1, 3));
    }

    @Test
    void bracketTagsAreOneWordChunksAndDotIsOutside() {
        // start([) ; end(prev [) + start(]) ; end(prev ])
        assertThat(EntityExtractor.extract(tags("[-NP ]-NP O")))
                .containsExactly(span("NP", 0, 1), span("NP", 1, 2));
        // conlleval's B starts a chunk only after B, I, E, S or O: after "[" it starts nothing
        assertThat(EntityExtractor.extract(tags("[-NP B-NP"))).containsExactly(span("NP", 0, 1));
        // "." ends B-NP by the type rule but starts nothing; I-NP after it starts by the type rule
        assertThat(EntityExtractor.extract(tags("B-NP . I-NP")))
                .containsExactly(span("NP", 0, 1), span("NP", 2, 3));
    }

    @Test
    void nullTagIsNamedByIndex() {
        assertThatThrownBy(() -> EntityExtractor.extract(Arrays.asList("O", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tag 1 must not be null");
    }

    @Test
    void spanRejectsEmptyRange() {
        assertThatThrownBy(() -> new EntitySpan("PER", 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entity span must satisfy 0 <= start < end, but is: [2, 2)");
    }
}
