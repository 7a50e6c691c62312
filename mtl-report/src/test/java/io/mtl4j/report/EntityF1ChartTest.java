package io.mtl4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.eval.EntityEvaluation;
import io.mtl4j.eval.PrecisionRecallF1;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class EntityF1ChartTest {

    // LOC: tp 3, fp 1, fn 1 -> P 3/4, R 3/4, F1 6/8; PER: tp 1, fp 0, fn 3 -> P 1, R 1/4, F1 2/5;
    // all: tp 4, fp 1, fn 4 -> P 4/5, R 4/8, F1 8/13.
    private static final EntityEvaluation EVALUATION = new EntityEvaluation(Map.of(
            "PER", new PrecisionRecallF1(1, 0, 3),
            "LOC", new PrecisionRecallF1(3, 1, 1)), 40, 35);

    @Test
    void barsHoldTheExactScoresPerTypeInTypeOrderThenTheMicroAverage() {
        EntityF1Chart.Bars bars = EntityF1Chart.bars(EVALUATION);

        assertThat(bars.types()).containsExactly("LOC", "PER", "all (micro)");
        assertThat(bars.precision()).containsExactly(0.75, 1.0, 0.8);
        assertThat(bars.recall()).containsExactly(0.75, 0.25, 0.5);
        assertThat(bars.f1()).containsExactly(0.75, 0.4, 8.0 / 13);
        assertThat(bars.support()).containsExactly(4L, 4L, 8L);
    }

    @Test
    void theChartNamesEachCategoryWithItsGoldCount() {
        CategoryChart chart = EntityF1Chart.chart("ner", EntityF1Chart.bars(EVALUATION));

        assertThat(chart.getTitle()).isEqualTo("Entity scores per type: ner (dev, exact spans)");
        assertThat(chart.getSeriesMap().keySet()).containsExactly("precision", "recall", "F1");
        assertThat(List.<Object>copyOf(chart.getSeriesMap().get("F1").getXData())).containsExactly("LOC (4)", "PER (4)", "all (micro) (8)");
        assertThat(List.<Object>copyOf(chart.getSeriesMap().get("F1").getYData())).containsExactly(0.75, 0.4, 8.0 / 13);
        assertThat(chart.getWidth()).isEqualTo(800);
        assertThat(chart.getHeight()).isEqualTo(600);
    }
}
