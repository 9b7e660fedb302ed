package dev.ithaca.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MachineLoadTest {
    @Test
    void busyTimeLeavesOutIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(MachineLoad.busy("cpu  100 5 20 9000 40 1 2 3 0 0")).isEqualTo(100 + 5 + 20 + 1 + 2 + 3);
        assertThatThrownBy(() -> MachineLoad.busy("cpu0 1 2 3 4 5 6 7 8")).hasMessageContaining("aggregate cpu line");
    }

    @Test
    void ownTimeAddsThisProcessAndItsReapedChildren() {
        // pid (comm with spaces) state ppid ... utime(14) stime(15) cutime(16) cstime(17) ...
        String stat = "42 (java main) S 1 42 42 0 -1 4194304 100 0 0 0 700 50 2000 300 20 0 30 0 123 456";
        assertThat(MachineLoad.own(stat)).isEqualTo(700 + 50 + 2000 + 300);
    }

    @Test
    void theForeignShareIsWhatOthersUsedOfAllCores() {
        MachineLoad start = new MachineLoad(1_000, 400, 0);
        // 10 s on 2 cores = 2,000 ticks of capacity; the machine was busy for 1,500, of which ours 1,000
        MachineLoad end = new MachineLoad(2_500, 1_400, 10_000_000_000L);
        assertThat(end.foreignShareSince(start, 2)).isCloseTo(0.25, within(1e-12));
        assertThat(new MachineLoad(1_500, 1_400, 10_000_000_000L).foreignShareSince(start, 2)).isZero();
    }

    @Test
    void thisMachineCanBeRead() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(MachineLoad.now()).hasValueSatisfying(load -> assertThat(load.busyTicks()).isPositive());
        } else {
            assertThat(MachineLoad.now()).isEmpty();
        }
    }
}
