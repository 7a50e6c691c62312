package io.mtl4j.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The training loss over steps: the combined loss and each task's own loss. */
final class LossChart {

    static final String TOTAL = "total (weighted)";

    private LossChart() {
    }

    /**
     * Picks the loss series of the training lines: {@code loss} (named {@value #TOTAL}) and each
     * {@code loss.<task>} (named by its task), in log order.
     *
     * @param history the run's metrics
     * @return the series by display name; empty when no training line was logged
     */
    static Map<String, MetricsHistory.Series> series(MetricsHistory history) {
        Map<String, MetricsHistory.Series> out = new LinkedHashMap<>();
        history.of(MetricsHistory.TRAIN).forEach((name, series) -> {
            if (name.equals("loss")) {
                out.put(TOTAL, series);
            } else if (name.startsWith("loss.")) {
                out.put(name.substring("loss.".length()), series);
            }
        });
        return out;
    }

    /**
     * @param series the series of {@link #series}, not empty
     * @return the chart
     */
    static XYChart chart(Map<String, MetricsHistory.Series> series) {
        XYChart chart = new XYChartBuilder().width(1000).height(600).title("Training loss per task")
                .xAxisTitle("step").yAxisTitle("loss").build();
        Png.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.###");
        series.forEach((name, s) -> {
            XYSeries line = chart.addSeries(name, s.steps(), s.values());
            line.setMarker(s.steps().size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        });
        return chart;
    }
}
