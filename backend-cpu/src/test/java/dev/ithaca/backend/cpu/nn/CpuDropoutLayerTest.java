package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.DropoutLayerConformance;

class CpuDropoutLayerTest extends DropoutLayerConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
