package io.mtl4j.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TaskSamplingTest {

    private static final long[] SIZES = {900, 100};

    @Test
    void proportionalFollowsTheSizes() {
        assertThat(TaskSampling.proportional().probabilities(SIZES)).containsExactly(0.9, 0.1);
    }

    @Test
    void temperatureTakesTheTthRootOfTheSizes() {
        // 900^(1/2) = 30, 100^(1/2) = 10
        assertThat(TaskSampling.temperature(2).probabilities(SIZES)).containsExactly(0.75, 0.25);
        double[] t1 = TaskSampling.temperature(1).probabilities(SIZES);
        assertThat(t1[0]).isCloseTo(0.9, within(1e-12));
        double[] hot = TaskSampling.temperature(1000).probabilities(SIZES);
        assertThat(hot[0]).isCloseTo(0.5, within(0.01));
    }

    @Test
    void uniformRoundRobinAndEveryTaskShareEqually() {
        assertThat(TaskSampling.uniform().probabilities(SIZES)).containsExactly(0.5, 0.5);
        assertThat(TaskSampling.roundRobin().probabilities(SIZES)).containsExactly(0.5, 0.5);
        assertThat(TaskSampling.everyTask().probabilities(new long[] {1, 2, 3})).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
    }

    @Test
    void rejectsATemperatureThatIsNotPositive() {
        assertThatThrownBy(() -> TaskSampling.temperature(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be > 0 and finite, but is: 0.0");
        assertThatThrownBy(() -> TaskSampling.parse("temperature:-1"))
                .hasMessage("temperature must be > 0 and finite, but is: -1.0");
        assertThatThrownBy(() -> TaskSampling.parse("temperature:hot"))
                .hasMessage("temperature must be a number, but is: 'hot'");
    }

    @Test
    void parsesWhatItPrints() {
        for (TaskSampling s : new TaskSampling[] {TaskSampling.proportional(), TaskSampling.temperature(2),
                TaskSampling.temperature(1.5), TaskSampling.uniform(), TaskSampling.roundRobin(), TaskSampling.everyTask()}) {
            assertThat(TaskSampling.parse(s.toString())).isEqualTo(s);
        }
        assertThat(TaskSampling.temperature(2)).hasToString("temperature:2");
        assertThatThrownBy(() -> TaskSampling.parse("random"))
                .hasMessage("unknown task sampling 'random'; expected proportional, temperature:<T>, uniform,"
                        + " round-robin or every-task");
    }
}
