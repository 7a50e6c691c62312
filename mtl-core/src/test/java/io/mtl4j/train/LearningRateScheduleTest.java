package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysToZero() {
        LearningRateSchedule s = new LearningRateSchedule(1.0, 4, 12);
        assertThat(s.rate(0)).isCloseTo(0.25, within(1e-12));
        assertThat(s.rate(3)).isCloseTo(1.0, within(1e-12));
        assertThat(s.rate(4)).isCloseTo(1.0, within(1e-12));
        assertThat(s.rate(8)).isCloseTo(0.5, within(1e-12));
        assertThat(s.rate(11)).isCloseTo(0.125, within(1e-12));
        assertThat(s.rate(12)).isZero();
    }

    @Test
    void rejectsWarmupLongerThanTraining() {
        assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 20, 10))
                .hasMessage("warmupSteps must be in [0, totalSteps=10], but is: 20");
    }
}
