package dev.ithaca.benchmarks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectedSlowdownTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(InjectedSlowdown.PROPERTY);
    }

    @Test
    void parsesKeysAndFactors() {
        assertThat(InjectedSlowdown.parse("matmul:2.0, add:1.5"))
                .containsExactly(Map.entry("matmul", 2.0), Map.entry("add", 1.5));
    }

    @Test
    void rejectsMalformedEntriesNamingThem() {
        assertThatThrownBy(() -> InjectedSlowdown.parse("matmul"))
                .hasMessageContaining("'matmul'").hasMessageContaining("key:factor");
        assertThatThrownBy(() -> InjectedSlowdown.parse("matmul:fast"))
                .hasMessageContaining("'matmul:fast'").hasMessageContaining("not a number");
        assertThatThrownBy(() -> InjectedSlowdown.parse("matmul:0.5"))
                .hasMessageContaining("'matmul'").hasMessageContaining(">= 1").hasMessageContaining("0.5");
        assertThatThrownBy(() -> InjectedSlowdown.parse("matmul:NaN")).hasMessageContaining(">= 1");
    }

    @Test
    void rejectsKeysNoBenchmarkHas() {
        assertThatThrownBy(() -> InjectedSlowdown.requireKnownKeys("matmull:2", Targets.keys()))
                .hasMessageContaining("'matmull'").hasMessageContaining("matmul");
        InjectedSlowdown.requireKnownKeys("matmul:2,mlp-step:1.5,dispatch:3", Targets.keys());
    }

    @Test
    void withoutThePropertyNothingIsInjected() {
        InjectedSlowdown none = InjectedSlowdown.forKey("matmul");
        assertThat(none.factor()).isEqualTo(1);
        assertThat(none.start()).isZero();
    }

    @Test
    void onlyTheListedKeyIsSlowedDown() {
        System.setProperty(InjectedSlowdown.PROPERTY, "matmul:2.5");
        assertThat(InjectedSlowdown.forKey("matmul").factor()).isEqualTo(2.5);
        assertThat(InjectedSlowdown.forKey("add").factor()).isEqualTo(1);
    }

    @Test
    void anInvocationTakesFactorTimesItsWork() {
        System.setProperty(InjectedSlowdown.PROPERTY, "add:3");
        InjectedSlowdown slowdown = InjectedSlowdown.forKey("add");
        long before = System.nanoTime();
        long start = slowdown.start();
        long workEnd = start + 2_000_000;
        while (System.nanoTime() < workEnd) {
            Thread.onSpinWait();
        }
        long work = System.nanoTime() - start;
        slowdown.finish(start);
        long total = System.nanoTime() - before;
        assertThat(total).isGreaterThanOrEqualTo(3 * work - 1000);
    }

    @Test
    void everyComparisonAndCeilingHasADistinctKey() {
        List<String> keys = Targets.keys();
        assertThat(keys).doesNotHaveDuplicates().contains("matmul", "add", "adamw", "mlp-step", "accuracy", "f1");
    }
}
