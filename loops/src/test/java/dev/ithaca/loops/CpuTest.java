package dev.ithaca.loops;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Runs each test on the CPU backend and frees what it handed to {@link #own} (models, optimizers)
 * afterwards. No scope is open around a test, so memory checks see the loops' own scoping.
 */
abstract class CpuTest {
    static final Backend CPU = Backends.get("cpu");

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private Backends.Use use;

    @BeforeEach
    void enterCpu() {
        use = Backends.use(CPU);
    }

    @AfterEach
    void leaveCpu() throws Exception {
        try {
            while (!owned.isEmpty()) {
                owned.pop().close();
            }
        } finally {
            use.close();
        }
    }

    /** Frees {@code resource} after the test. */
    final <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }
}
