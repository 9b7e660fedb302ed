package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.ModuleCheckpointConformance;

class CpuModuleCheckpointTest extends ModuleCheckpointConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
