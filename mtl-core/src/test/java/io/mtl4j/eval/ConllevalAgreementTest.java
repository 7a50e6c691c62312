package io.mtl4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Agreement with conlleval.pl on random, largely ill-formed data (I- after O, type switches inside
 * entities, E- without B-). The files are in conlleval's input format ({@code word gold predicted},
 * a blank line between sentences); the expected counts were obtained by running conlleval.pl's
 * counting loop (version 2004-01-26) in Perl on them: for the IOBES file with the IOBES-extended
 * startOfChunk/endOfChunk (the 2004 rules give "found 55 phrases, correct 5" there, since they
 * merge {@code E-X B-X}). Per type, conlleval's (phrases, found, correct) are (tp + fn, tp + fp, tp).
 */
class ConllevalAgreementTest {

    @Test
    void iobFileMatchesConlleval() {
        // processed 103 tokens with 52 phrases; found: 49 phrases; correct: 8. (31 tags correct)
        EntityEvaluation result = evaluate("conlleval-iob.txt");
        assertThat(result.tokens()).isEqualTo(103);
        assertThat(result.correctTokens()).isEqualTo(31);
        assertThat(result.perType()).containsExactly(
                entry("LOC", new PrecisionRecallF1(2, 14, 9)),        // 11 phrases, 16 found, 2 correct
                entry("MISC-X", new PrecisionRecallF1(2, 15, 17)),    // 19, 17, 2
                entry("PER", new PrecisionRecallF1(4, 12, 18)));      // 22, 16, 4
        assertThat(result.overall()).isEqualTo(new PrecisionRecallF1(8, 41, 44));
    }

    @Test
    void iobesFileMatchesIobesConlleval() {
        // processed 94 tokens with 61 phrases; found: 68 phrases; correct: 9. (9 tags correct)
        EntityEvaluation result = evaluate("conlleval-iobes.txt");
        assertThat(result.tokens()).isEqualTo(94);
        assertThat(result.correctTokens()).isEqualTo(9);
        assertThat(result.perType()).containsExactly(
                entry("LOC", new PrecisionRecallF1(1, 16, 23)),       // 24, 17, 1
                entry("MISC-X", new PrecisionRecallF1(6, 20, 16)),    // 22, 26, 6
                entry("PER", new PrecisionRecallF1(2, 23, 13)));      // 15, 25, 2
        assertThat(result.overall()).isEqualTo(new PrecisionRecallF1(9, 59, 52));
    }

    private static EntityEvaluation evaluate(String resource) {
        EntityEvaluator evaluator = new EntityEvaluator();
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        InputStream stream = ConllevalAgreementTest.class.getResourceAsStream(resource);
        try (InputStream in = Objects.requireNonNull(stream, resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    evaluator.add(gold, predicted);
                    gold = new ArrayList<>();
                    predicted = new ArrayList<>();
                } else {
                    String[] fields = line.split(" ");
                    gold.add(fields[1]);
                    predicted.add(fields[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        evaluator.add(gold, predicted);
        return evaluator.result();
    }
}
