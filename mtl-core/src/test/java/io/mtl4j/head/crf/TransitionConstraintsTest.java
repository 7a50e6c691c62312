package io.mtl4j.head.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionConstraintsTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void bioAllowsIOnlyAfterBOrIOfTheSameType() {
        TransitionConstraints c = TransitionConstraints.bio(List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC"));

        assertThat(allowedMatrix(c)).isEqualTo(new boolean[][] {
            // to: O  B-PER I-PER B-LOC I-LOC
            {T, T, F, T, F}, // from O
            {T, T, T, T, F}, // from B-PER
            {T, T, T, T, F}, // from I-PER
            {T, T, F, T, T}, // from B-LOC
            {T, T, F, T, T}, // from I-LOC
        });
        assertThat(starts(c)).containsExactly(T, T, F, T, F);
        assertThat(ends(c)).containsExactly(T, T, T, T, T);
    }

    @Test
    void bioLeavesOtherLabelsUnconstrainedExceptBeforeAnI() {
        TransitionConstraints c = TransitionConstraints.bio(List.of("MISC", "B-X", "I-X", "I-"));

        assertThat(allowedMatrix(c)).isEqualTo(new boolean[][] {
            // to: MISC B-X I-X I-
            {T, T, F, F}, // from MISC
            {T, T, T, F}, // from B-X
            {T, T, T, F}, // from I-X
            {T, T, F, T}, // from I- (empty type: only continues itself)
        });
        assertThat(starts(c)).containsExactly(T, T, F, F);
    }

    @Test
    void bioesAllowsOnlyWellFormedChunks() {
        TransitionConstraints c =
                TransitionConstraints.bioes(List.of("O", "B-PER", "I-PER", "E-PER", "S-PER", "B-LOC", "E-LOC"));

        assertThat(allowedMatrix(c)).isEqualTo(new boolean[][] {
            // to: O  B-P I-P E-P S-P B-L E-L
            {T, T, F, F, T, T, F}, // from O
            {F, F, T, T, F, F, F}, // from B-PER
            {F, F, T, T, F, F, F}, // from I-PER
            {T, T, F, F, T, T, F}, // from E-PER
            {T, T, F, F, T, T, F}, // from S-PER
            {F, F, F, F, F, F, T}, // from B-LOC
            {T, T, F, F, T, T, F}, // from E-LOC
        });
        assertThat(starts(c)).containsExactly(T, T, F, F, T, T, F);
        assertThat(ends(c)).containsExactly(T, F, F, T, T, F, T);
    }

    @Test
    void noneAllowsEverything() {
        TransitionConstraints c = TransitionConstraints.none(2);

        assertThat(c.numLabels()).isEqualTo(2);
        assertThat(allowedMatrix(c)).isEqualTo(new boolean[][] {{T, T}, {T, T}});
        assertThat(starts(c)).containsExactly(T, T);
        assertThat(ends(c)).containsExactly(T, T);
        assertThat(c).isEqualTo(TransitionConstraints.of(new boolean[][] {{T, T}, {T, T}},
                new boolean[] {T, T}, new boolean[] {T, T}));
    }

    @Test
    void ofCopiesItsInputs() {
        boolean[][] allowed = {{T, F}, {F, T}};
        boolean[] start = {T, F};
        TransitionConstraints c = TransitionConstraints.of(allowed, start, new boolean[] {F, T});
        allowed[0][1] = T;
        start[1] = T;

        assertThat(c.isAllowed(0, 1)).isFalse();
        assertThat(c.isAllowedStart(1)).isFalse();
        assertThat(c.isAllowedEnd(0)).isFalse();
    }

    @Test
    void rejectsInconsistentSizes() {
        assertThatThrownBy(() -> TransitionConstraints.none(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numLabels must be positive, but is: 0");
        assertThatThrownBy(() -> TransitionConstraints.of(new boolean[][] {{T, T}, {T}}, new boolean[2],
                        new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowed must be 2 x 2, but row 1 has length 1");
        assertThatThrownBy(() -> TransitionConstraints.of(new boolean[2][2], new boolean[3], new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowedStart must have length 2, but has: 3");
        assertThatThrownBy(() -> TransitionConstraints.bio(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels must not be empty");
    }

    private static boolean[][] allowedMatrix(TransitionConstraints c) {
        int n = c.numLabels();
        boolean[][] m = new boolean[n][n];
        for (int from = 0; from < n; from++) {
            for (int to = 0; to < n; to++) {
                m[from][to] = c.isAllowed(from, to);
            }
        }
        return m;
    }

    private static boolean[] starts(TransitionConstraints c) {
        boolean[] s = new boolean[c.numLabels()];
        for (int i = 0; i < s.length; i++) {
            s[i] = c.isAllowedStart(i);
        }
        return s;
    }

    private static boolean[] ends(TransitionConstraints c) {
        boolean[] s = new boolean[c.numLabels()];
        for (int i = 0; i < s.length; i++) {
            s[i] = c.isAllowedEnd(i);
        }
        return s;
    }
}
