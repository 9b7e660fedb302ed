package dev.ithaca.backend.cpu;

import dev.ithaca.tck.ReductionConformance;

class CpuReductionTest extends ReductionConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
