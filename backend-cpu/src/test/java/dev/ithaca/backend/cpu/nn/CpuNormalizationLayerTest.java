package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.NormalizationLayerConformance;

class CpuNormalizationLayerTest extends NormalizationLayerConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
