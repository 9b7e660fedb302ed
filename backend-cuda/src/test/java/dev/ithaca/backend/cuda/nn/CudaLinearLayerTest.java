package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.LinearLayerConformance;

class CudaLinearLayerTest extends LinearLayerConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
