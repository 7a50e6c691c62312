package io.mtl4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private final ConfusionMatrix matrix = new ConfusionMatrix(List.of("a", "b"), new long[][] {{3, 1}, {2, 4}});

    @Test
    void sumsRowsColumnsAndDiagonal() {
        assertThat(matrix.count(0, 1)).isEqualTo(1);
        assertThat(matrix.count("b", "a")).isEqualTo(2);
        assertThat(matrix.goldCount(0)).isEqualTo(4);
        assertThat(matrix.predictedCount(0)).isEqualTo(5);
        assertThat(matrix.total()).isEqualTo(10);
        assertThat(matrix.correct()).isEqualTo(7);
    }

    @Test
    void isImmutableAndComparedByValue() {
        long[][] counts = {{3, 1}, {2, 4}};
        ConfusionMatrix built = new ConfusionMatrix(List.of("a", "b"), counts);
        counts[0][0] = 99;
        built.toArray()[0][0] = 99;
        assertThat(built).isEqualTo(matrix).hasSameHashCodeAs(matrix);
        assertThat(built.count(0, 0)).isEqualTo(3);
        assertThat(built.toString()).isEqualTo("ConfusionMatrix[a, b][[3, 1], [2, 4]]");
    }

    @Test
    void rejectsUnknownClassesAndBadTables() {
        assertThatThrownBy(() -> matrix.count("a", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown class 'c'; classes: [a, b]");
        assertThatThrownBy(() -> new ConfusionMatrix(List.of("a", "b"), new long[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts must have 2 rows, one per class, but has: 1");
        assertThatThrownBy(() -> new ConfusionMatrix(List.of("a", "b"), new long[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts row 1 must have 2 columns, but has: 1");
        assertThatThrownBy(() -> new ConfusionMatrix(List.of("a", "b"), new long[][] {{1, 2}, {3, -4}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts[1][1] must not be negative, but is: -4");
        assertThatThrownBy(() -> new ConfusionMatrix(List.of("a", "a"), new long[2][2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classes must be unique, but 'a' appears twice");
    }
}
