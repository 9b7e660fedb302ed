package dev.ithaca.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTableTest {
    @Test
    void padsColumnsToTheirWidestCell() {
        String text = TextTable.format(List.of(new String[] {"a", "bb"}, new String[] {"ccc", "d"}));
        assertThat(text).isEqualTo("a    bb\nccc  d\n");
    }

    @Test
    void rejectsRaggedRows() {
        assertThatThrownBy(() -> TextTable.format(List.of(new String[] {"a", "b"}, new String[] {"c"})))
                .hasMessageContaining("2 cells").hasMessageContaining("got 1");
    }
}
