package dev.ithaca.backend.cpu;

import dev.ithaca.tck.CreationConformance;

class CpuCreationTest extends CreationConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
