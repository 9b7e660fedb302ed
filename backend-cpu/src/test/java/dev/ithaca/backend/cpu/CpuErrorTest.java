package dev.ithaca.backend.cpu;

import dev.ithaca.tck.ErrorConformance;

class CpuErrorTest extends ErrorConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
