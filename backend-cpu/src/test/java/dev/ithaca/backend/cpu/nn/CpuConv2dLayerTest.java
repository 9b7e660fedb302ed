package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.Conv2dLayerConformance;

class CpuConv2dLayerTest extends Conv2dLayerConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
