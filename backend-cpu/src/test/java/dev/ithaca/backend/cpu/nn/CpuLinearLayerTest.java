package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.LinearLayerConformance;

class CpuLinearLayerTest extends LinearLayerConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
