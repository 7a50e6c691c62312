package io.mtl4j.report;

import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Every dev metric ({@code task.metric}, {@code mean}, {@code sentence_accuracy}) at each evaluation. */
final class DevMetricsChart {

    private DevMetricsChart() {
    }

    /**
     * @param series the dev series of a run's metrics, not empty
     * @return the chart, metrics from 0 to 1 over steps
     */
    static XYChart chart(Map<String, MetricsHistory.Series> series) {
        XYChart chart = new XYChartBuilder().width(1000).height(600).title("Dev metrics per evaluation")
                .xAxisTitle("step").yAxisTitle("score").build();
        Png.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        // Just above 1: when every value is equal, XChart would otherwise draw only the ticks 0 and 1.
        chart.getStyler().setYAxisMax(1.000001);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        series.forEach((name, s) -> chart.addSeries(name, s.steps(), s.values()).setMarker(SeriesMarkers.CIRCLE));
        return chart;
    }
}
