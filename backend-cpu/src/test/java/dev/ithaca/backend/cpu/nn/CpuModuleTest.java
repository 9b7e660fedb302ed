package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.ModuleConformance;

class CpuModuleTest extends ModuleConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
