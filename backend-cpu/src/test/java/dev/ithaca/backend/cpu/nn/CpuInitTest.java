package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.InitConformance;

class CpuInitTest extends InitConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
