package dev.ithaca.tck;

import dev.ithaca.spi.Availability;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.MethodLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips jqwik properties of a {@link BackendConformanceTest} whose backend cannot run here. jqwik
 * reports an assumption thrown from a lifecycle method as an error, so the skip has to be a hook.
 */
final class SkipWhenBackendUnavailable implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (context instanceof MethodLifecycleContext method && method.testInstance() instanceof BackendConformanceTest test) {
            Availability availability = BackendConformanceTest.availability(test.backendName());
            if (!availability.available()) {
                return SkipResult.skip("backend '" + test.backendName() + "' cannot run here: " + availability);
            }
        }
        return SkipResult.doNotSkip();
    }
}
