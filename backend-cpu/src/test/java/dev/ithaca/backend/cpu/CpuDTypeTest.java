package dev.ithaca.backend.cpu;

import dev.ithaca.tck.DTypeConformance;

class CpuDTypeTest extends DTypeConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
