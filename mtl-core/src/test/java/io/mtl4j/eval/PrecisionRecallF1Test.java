package io.mtl4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrecisionRecallF1Test {

    @Test
    void ratiosFromCounts() {
        // P = 3/4, R = 3/5, F1 = 2PR/(P+R) = (18/20)/(27/20) = 2/3 = 2*3/(6+1+2)
        PrecisionRecallF1 counts = new PrecisionRecallF1(3, 1, 2);
        assertThat(counts.precision()).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(counts.recall()).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(counts.f1()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(counts.support()).isEqualTo(5);
        assertThat(counts.predicted()).isEqualTo(4);
    }

    @Test
    void undefinedRatiosAreZero() {
        assertThat(PrecisionRecallF1.ZERO.precision()).isZero();
        assertThat(PrecisionRecallF1.ZERO.recall()).isZero();
        assertThat(PrecisionRecallF1.ZERO.f1()).isZero();
        PrecisionRecallF1 nothingPredicted = new PrecisionRecallF1(0, 0, 3);
        assertThat(nothingPredicted.precision()).isZero();
        assertThat(nothingPredicted.f1()).isZero();
    }

    @Test
    void plusAddsCounts() {
        assertThat(new PrecisionRecallF1(1, 2, 3).plus(new PrecisionRecallF1(10, 20, 30)))
                .isEqualTo(new PrecisionRecallF1(11, 22, 33));
    }

    @Test
    void negativeCountIsRejected() {
        assertThatThrownBy(() -> new PrecisionRecallF1(0, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("falsePositives must not be negative, but is: -1");
    }
}
