package dev.ithaca.backend.cpu;

import dev.ithaca.tck.WindowConformance;

class CpuWindowTest extends WindowConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
