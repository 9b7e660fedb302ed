package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.AttentionLayerConformance;

class CudaAttentionLayerTest extends AttentionLayerConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
