package dev.ithaca.backend.cpu;

import dev.ithaca.tck.ElementwiseConformance;

class CpuElementwiseTest extends ElementwiseConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
