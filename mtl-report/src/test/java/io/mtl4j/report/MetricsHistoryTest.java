package io.mtl4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsHistoryTest {

    @Test
    void groupsEachKindsValuesIntoSeriesOverSteps(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), """
                {"kind":"train","step":1,"epoch":0,"loss":2.5,"loss.a":2.0,"loss.b":0.5}
                {"kind":"train","step":2,"epoch":0,"loss":2.0,"loss.a":1.5}

                {"kind":"dev","step":2,"epoch":0,"a.accuracy":0.5,"mean":"NaN"}
                {"kind":"train","step":3,"epoch":1,"loss":1.0,"loss.a":0.75,"loss.b":0.25}
                """);
        MetricsHistory history = MetricsHistory.read(log);

        assertThat(history.of("train").keySet()).containsExactly("loss", "loss.a", "loss.b");
        assertThat(history.of("train").get("loss.a").steps()).containsExactly(1, 2, 3);
        assertThat(history.of("train").get("loss.a").values()).containsExactly(2.0, 1.5, 0.75);
        assertThat(history.of("train").get("loss.b").steps()).containsExactly(1, 3);
        assertThat(history.of("train").get("loss.b").values()).containsExactly(0.5, 0.25);
        assertThat(history.of("dev").keySet()).containsExactly("a.accuracy");
        assertThat(history.of("gradient_cosine")).isEmpty();
        assertThat(LossChart.series(history).keySet()).containsExactly("total (weighted)", "a", "b");
    }

    @Test
    void aStepLoggedAgainAfterAResumeKeepsItsLastValueAndTheSeriesRunsForward(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), """
                {"kind":"train","step":1,"epoch":0,"loss":3.0}
                {"kind":"train","step":2,"epoch":0,"loss":2.0}
                {"kind":"train","step":3,"epoch":0,"loss":1.0}
                {"kind":"train","step":2,"epoch":0,"loss":2.5}
                {"kind":"train","step":3,"epoch":0,"loss":1.5}
                {"kind":"train","step":4,"epoch":0,"loss":0.5}
                """);
        MetricsHistory.Series loss = MetricsHistory.read(log).of("train").get("loss");

        assertThat(loss.steps()).containsExactly(1, 2, 3, 4);
        assertThat(loss.values()).containsExactly(3.0, 2.5, 1.5, 0.5);
    }

    @Test
    void aBadLineIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("metrics.jsonl"), "{\"kind\":\"train\",\"step\":1}\n[1]\n");
        assertThatThrownBy(() -> MetricsHistory.read(log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(log + ":2: expected a JSON object, but is: [1]");

        Files.writeString(log, "{\"kind\":\"train\",\"step\":1.5}\n");
        assertThatThrownBy(() -> MetricsHistory.read(log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(log + ":1: 'step' must be a whole number, but is: 1.5");

        Files.writeString(log, "{\"step\":1}\n");
        assertThatThrownBy(() -> MetricsHistory.read(log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(log + ":1: 'kind' is missing");

        Files.writeString(log, "{\"kind\":3,\"step\":1}\n");
        assertThatThrownBy(() -> MetricsHistory.read(log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(log + ":1: 'kind' must be a text, but is: 3");
    }
}
