package dev.ithaca.backend.cpu;

import dev.ithaca.tck.MatmulConformance;

class CpuMatmulTest extends MatmulConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
