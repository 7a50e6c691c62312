package io.mtl4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentenceAccuracyTest {

    @Test
    void shareOfExamplesWithEveryTaskRight() {
        SentenceAccuracy accuracy = new SentenceAccuracy();
        assertThat(accuracy.value()).isZero();
        accuracy.add(true);
        accuracy.add(false);
        accuracy.add(true);
        assertThat(accuracy.count()).isEqualTo(3);
        assertThat(accuracy.correct()).isEqualTo(2);
        assertThat(accuracy.value()).isCloseTo(2.0 / 3, within(1e-12));
    }
}
