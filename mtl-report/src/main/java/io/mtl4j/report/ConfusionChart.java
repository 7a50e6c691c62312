package io.mtl4j.report;

import io.mtl4j.eval.ConfusionMatrix;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;

/** A sentence head's confusion matrix as a heat map of exact counts: gold classes down, predictions across. */
final class ConfusionChart {

    /**
     * One cell of the heat map.
     *
     * @param column the index of the predicted class on the x axis
     * @param row the index on the y axis, counted from the bottom
     * @param count how often the gold class of that row was predicted as the column's class
     */
    record Cell(int column, int row, long count) {
    }

    /**
     * The heat map's data.
     *
     * @param columns the predicted classes, left to right
     * @param rows the gold classes, bottom to top (the reverse of the matrix's order, so that its first
     *     class is on top as in a printed table)
     * @param cells every cell, row by row from the top
     */
    record Data(List<String> columns, List<String> rows, List<Cell> cells) {
    }

    private ConfusionChart() {
    }

    /**
     * @param matrix the confusion matrix
     * @return its heat-map data
     */
    static Data data(ConfusionMatrix matrix) {
        List<String> classes = matrix.classes();
        int n = classes.size();
        List<String> rows = new ArrayList<>(classes);
        java.util.Collections.reverse(rows);
        List<Cell> cells = new ArrayList<>();
        for (int gold = 0; gold < n; gold++) {
            for (int predicted = 0; predicted < n; predicted++) {
                cells.add(new Cell(predicted, n - 1 - gold, matrix.count(gold, predicted)));
            }
        }
        return new Data(classes, List.copyOf(rows), List.copyOf(cells));
    }

    /**
     * @param task the task's name
     * @param data the heat-map data of {@link #data}
     * @return the chart, sized to the number of classes
     */
    static HeatMapChart chart(String task, Data data) {
        int n = data.columns().size();
        int longest = data.columns().stream().mapToInt(String::length).max().orElse(1);
        int side = Math.min(2400, Math.max(520, 160 + 70 * n));
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 8 * longest).height(side + 8 * longest)
                .title("Confusion matrix: " + task + " (dev)").xAxisTitle("predicted").yAxisTitle("gold").build();
        Png.style(chart.getStyler());
        // Every cell shows its count; the colour scale's legend would print counts with a decimal ("11.0").
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(Png.TICK.deriveFont(n > 12 ? 10f : 14f));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapValueDecimalPattern("#");
        chart.getStyler().setMin(0);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(107, 174, 214), new Color(33, 113, 181)});
        chart.getStyler().setPlotContentSize(1.0);
        if (n > 6 || longest > 10) {
            chart.getStyler().setXAxisLabelRotation(45);
            chart.getStyler().setXAxisLabelAlignmentVertical(AxesChartStyler.TextAlignment.Right);
        }
        List<Number[]> heat = new ArrayList<>();
        for (Cell cell : data.cells()) {
            heat.add(new Number[] {cell.column(), cell.row(), cell.count()});
        }
        chart.addSeries("count", data.columns(), data.rows(), heat);
        return chart;
    }
}
