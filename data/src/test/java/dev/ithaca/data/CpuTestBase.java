package dev.ithaca.data;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each test on the CPU backend inside a scope and checks afterwards that the test left no
 * tensor memory behind (every batch, prefetched or not, was freed).
 */
public abstract class CpuTestBase {
    protected Backend cpu;
    private Backends.Use use;
    private Scope scope;
    private long liveBefore;

    @BeforeEach
    void enterCpu() {
        cpu = Backends.get("cpu");
        use = Backends.use(cpu);
        liveBefore = cpu.memoryStats().liveBytes();
        scope = Scope.open();
    }

    @AfterEach
    void leaveCpu() {
        try {
            scope.close();
            assertThat(cpu.memoryStats().liveBytes()).as("off-heap bytes still live after the test").isEqualTo(liveBefore);
        } finally {
            use.close();
        }
    }

    /** Live off-heap bytes on the CPU backend now. */
    protected final long liveBytes() {
        return cpu.memoryStats().liveBytes();
    }
}
