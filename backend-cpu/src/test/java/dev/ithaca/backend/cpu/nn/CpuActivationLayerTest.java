package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.ActivationLayerConformance;

class CpuActivationLayerTest extends ActivationLayerConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
