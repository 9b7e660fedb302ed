package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.PoolingLayerConformance;

class CpuPoolingLayerTest extends PoolingLayerConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
