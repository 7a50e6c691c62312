package io.mtl4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void readsOptionsAndFallsBackToDefaults() {
        Args args = new Args(new String[] {"--epochs", "3", "--lr", "2e-5"}, Set.of("epochs", "lr", "output"));
        assertThat(args.integer("epochs", 1)).isEqualTo(3);
        assertThat(args.number("lr", 1)).isEqualTo(2e-5);
        assertThat(args.string("output", "out")).isEqualTo("out");
    }

    @Test
    void namesTheBadOption() {
        assertThatThrownBy(() -> new Args(new String[] {"--epoch", "3"}, Set.of("epochs")))
                .hasMessage("unknown option --epoch; options: [epochs]");
        assertThatThrownBy(() -> new Args(new String[] {"--epochs", "three"}, Set.of("epochs")).integer("epochs", 1))
                .hasMessage("--epochs must be an integer, but is: three");
        assertThatThrownBy(() -> new Args(new String[] {"--epochs"}, Set.of("epochs")))
                .hasMessage("expected '--option value', got '--epochs'; options: [epochs]");
    }
}
