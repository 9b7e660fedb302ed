package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.AttentionLayerConformance;

class CpuAttentionLayerTest extends AttentionLayerConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
