package io.mtl4j.report;

import io.mtl4j.eval.EntityEvaluation;
import io.mtl4j.eval.PrecisionRecallF1;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** A token head's exact-span precision, recall and F1 per entity type, then micro-averaged over all types. */
final class EntityF1Chart {

    /** The category of the micro average over all types. */
    static final String ALL = "all (micro)";

    /**
     * The bars' values, one entry per category.
     *
     * @param types the entity types in order, then {@value #ALL}
     * @param precision the precision of each
     * @param recall the recall of each
     * @param f1 the F1 of each
     * @param support how many gold entities each has
     */
    record Bars(List<String> types, List<Double> precision, List<Double> recall, List<Double> f1, List<Long> support) {
    }

    private EntityF1Chart() {
    }

    /**
     * @param evaluation a token head's evaluation
     * @return its bars: the types in the evaluation's (sorted) order, then the micro average
     */
    static Bars bars(EntityEvaluation evaluation) {
        List<String> types = new ArrayList<>();
        List<Double> precision = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> f1 = new ArrayList<>();
        List<Long> support = new ArrayList<>();
        List<java.util.Map.Entry<String, PrecisionRecallF1>> entries = new ArrayList<>(evaluation.perType().entrySet());
        entries.add(java.util.Map.entry(ALL, evaluation.overall()));
        for (java.util.Map.Entry<String, PrecisionRecallF1> e : entries) {
            types.add(e.getKey());
            precision.add(e.getValue().precision());
            recall.add(e.getValue().recall());
            f1.add(e.getValue().f1());
            support.add(e.getValue().support());
        }
        return new Bars(List.copyOf(types), List.copyOf(precision), List.copyOf(recall), List.copyOf(f1),
                List.copyOf(support));
    }

    /**
     * @param task the task's name
     * @param bars the values of {@link #bars}
     * @return the chart; each category is labelled with its type and gold-entity count
     */
    static CategoryChart chart(String task, Bars bars) {
        int n = bars.types().size();
        CategoryChart chart = new CategoryChartBuilder().width(Math.min(2400, Math.max(800, 200 + 150 * n))).height(600)
                .title("Entity scores per type: " + task + " (dev, exact spans)")
                .xAxisTitle("entity type (gold entities)").yAxisTitle("score").build();
        Png.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        // Just above 1: when every value is equal, XChart would otherwise draw only the ticks 0 and 1.
        chart.getStyler().setYAxisMax(1.000001);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(Png.TICK.deriveFont(n > 8 ? 9f : 11f));
        chart.getStyler().setLabelsRotation(n > 8 ? 90 : 0);
        chart.getStyler().setDecimalPattern("0.00");
        if (n > 8) {
            chart.getStyler().setXAxisLabelRotation(45);
            chart.getStyler().setXAxisLabelAlignmentVertical(AxesChartStyler.TextAlignment.Right);
        }
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            categories.add(bars.types().get(i) + " (" + bars.support().get(i) + ")");
        }
        chart.addSeries("precision", categories, bars.precision());
        chart.addSeries("recall", categories, bars.recall());
        chart.addSeries("F1", categories, bars.f1());
        return chart;
    }
}
