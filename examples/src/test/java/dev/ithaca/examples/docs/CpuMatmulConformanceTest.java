package dev.ithaca.examples.docs;

// --8<-- [start:tck-subclass]
import dev.ithaca.tck.MatmulConformance;

/** Runs the kit's matrix-product tests on the CPU backend; a new backend returns its own name. */
class CpuMatmulConformanceTest extends MatmulConformance {
    @Override
    protected String backendName() {
        return "cpu";   // the name its BackendProvider registers; tests skip when it is unavailable
    }
}
// --8<-- [end:tck-subclass]
