package io.mtl4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.eval.ConfusionMatrix;
import io.mtl4j.report.ConfusionChart.Cell;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;

class ConfusionChartTest {

    private static final ConfusionMatrix MATRIX = new ConfusionMatrix(List.of("neg", "neu", "pos"), new long[][] {
        {5, 1, 0},
        {2, 7, 3},
        {0, 4, 11},
    });

    @Test
    void cellsHoldTheExactCountsWithTheFirstGoldClassOnTop() {
        ConfusionChart.Data data = ConfusionChart.data(MATRIX);

        assertThat(data.columns()).containsExactly("neg", "neu", "pos");
        assertThat(data.rows()).containsExactly("pos", "neu", "neg");
        assertThat(data.cells()).containsExactly(
                new Cell(0, 2, 5), new Cell(1, 2, 1), new Cell(2, 2, 0),
                new Cell(0, 1, 2), new Cell(1, 1, 7), new Cell(2, 1, 3),
                new Cell(0, 0, 0), new Cell(1, 0, 4), new Cell(2, 0, 11));
        // Every cell reads back the count of its gold row and predicted column.
        for (Cell cell : data.cells()) {
            assertThat(MATRIX.count(data.rows().get(cell.row()), data.columns().get(cell.column())))
                    .isEqualTo(cell.count());
        }
    }

    @Test
    void theChartIsSizedToItsClassesAndDrawsHeadless() throws Exception {
        HeatMapChart chart = ConfusionChart.chart("sentiment", ConfusionChart.data(MATRIX));
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);

        assertThat(chart.getTitle()).isEqualTo("Confusion matrix: sentiment (dev)");
        assertThat(chart.getXAxisTitle()).isEqualTo("predicted");
        assertThat(chart.getYAxisTitle()).isEqualTo("gold");
        assertThat(image.getWidth()).isEqualTo(520 + 8 * 3);
        assertThat(image.getHeight()).isEqualTo(520 + 8 * 3);
    }

    @Test
    void aMatrixOfManyLongClassesGetsALargerChart() {
        List<String> classes = List.of("book_restaurant", "play_music", "get_weather", "add_to_playlist",
                "rate_book", "search_screening_event", "search_creative_work", "cancel_alarm");
        long[][] counts = new long[8][8];
        for (int i = 0; i < 8; i++) {
            counts[i][i] = i + 1;
        }
        HeatMapChart chart = ConfusionChart.chart("intent", ConfusionChart.data(new ConfusionMatrix(classes, counts)));

        assertThat(chart.getWidth()).isEqualTo(160 + 70 * 8 + 8 * 22);
        assertThat(chart.getHeight()).isEqualTo(160 + 70 * 8 + 8 * 22);
    }
}
