package dev.ithaca.backend.cpu;

import dev.ithaca.tck.MemoryConformance;

class CpuMemoryTest extends MemoryConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
