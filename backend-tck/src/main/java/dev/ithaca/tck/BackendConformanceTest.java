package dev.ithaca.tck;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Availability;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendDescription;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.lifecycle.PropagationMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

import java.util.stream.Collectors;

/**
 * Base of every conformance class. A backend module runs the kit by subclassing each abstract
 * class and returning its backend's name; on a machine where the backend cannot run (no GPU, no
 * driver) every test is skipped with the provider's own reason instead of failing.
 *
 * <p>Each test (JUnit) and each property try (jqwik) runs with the backend as this thread's
 * default, so {@code Tensor.of(...)} lands on it, and inside a {@link Scope}, so no test leaks
 * memory into the next one.
 */
@AddLifecycleHook(value = SkipWhenBackendUnavailable.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
public abstract class BackendConformanceTest {
    private Backend backend;
    private Backends.Use use;
    private Scope scope;

    /** The name the backend's provider registers ({@code cpu}, {@code cuda}). */
    protected abstract String backendName();

    /** The backend under test. */
    protected final Backend backend() {
        return backend;
    }

    /** Skips a dtype-specific case when the backend declares it cannot hold that dtype. */
    protected final void assumeSupports(DType dtype) {
        Assumptions.assumeTrue(backend.supports(dtype), () -> backendName() + " does not support " + dtype);
    }

    @BeforeEach
    void enterBackend() {
        Availability availability = availability(backendName());
        Assumptions.assumeTrue(availability.available(),
                () -> "backend '" + backendName() + "' cannot run here: " + availability);
        enter();
    }

    @AfterEach
    void leaveBackend() {
        leave();
    }

    /** jqwik's counterpart of {@link #enterBackend}; skipping is done by {@link SkipWhenBackendUnavailable}. */
    @BeforeTry
    void enterBackendForTry() {
        enter();
    }

    @AfterTry
    void leaveBackendForTry() {
        leave();
    }

    private void enter() {
        backend = Backends.get(backendName());
        use = Backends.use(backend);
        scope = Scope.open();
    }

    private void leave() {
        try {
            if (scope != null) {
                scope.close();
            }
        } finally {
            scope = null;
            if (use != null) {
                use.close();
                use = null;
            }
        }
    }

    /**
     * What the named provider's probe found. A backend that is not on the classpath at all is a
     * misconfigured test module, not a machine without a device, so that fails instead of skipping.
     */
    static Availability availability(String name) {
        return Backends.describe().stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .map(BackendDescription::availability)
                .orElseThrow(() -> new AssertionError("backend '" + name + "' is not on the test classpath (found: "
                        + Backends.describe().stream().map(BackendDescription::name).collect(Collectors.joining(", "))
                        + "); add its module as a test dependency"));
    }
}
